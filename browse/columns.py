"""Export columns that say what they hold, for writers that care.

An export's columns are `[(header, SQL expression)]`, one definition for
every format. The CSV wants a date as ISO text; a spreadsheet wants a real
date. A `DateText` column is that ISO text for the CSV, and still carries
the date field and its display format, so the spreadsheet writer can select
the date itself instead.
"""

from django.db.models import F, Func, TextField, Value


class DateText(Func):
    """A date field as ISO text (`to_char`), remembering the field and how a spreadsheet should show it."""

    function = "to_char"
    output_field = TextField()

    def __init__(self, date_field, pattern, spreadsheet_format):
        super().__init__(F(date_field), Value(pattern))
        self.date_field = date_field
        self.spreadsheet_format = spreadsheet_format


def iso_month(date_field):
    """`YYYY-MM` in the CSV, a date shown as yyyy-mm in a spreadsheet."""
    return DateText(date_field, "YYYY-MM", "yyyy-mm")


def iso_day(date_field):
    """`YYYY-MM-DD` in the CSV, a date shown as yyyy-mm-dd in a spreadsheet."""
    return DateText(date_field, "YYYY-MM-DD", "yyyy-mm-dd")
