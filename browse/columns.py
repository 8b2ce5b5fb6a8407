"""Export columns: SQL expressions over a row, one definition for every format (CSV, spreadsheet, …).

An export's columns are `[(header, SQL expression)]`. Most are text; a
`DateText` column is ISO text for the CSV and still carries its date field
and display format, so the spreadsheet writer selects the date itself.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, CharField, F, Func, TextField, Value, When
from django.db.models.functions import Concat
from django.urls import reverse

MULTI_VALUE_SEPARATOR = "; "


class DateText(Func):
    """A date field as ISO text (`to_char`), remembering the field and how a spreadsheet should show it."""

    function = "to_char"
    output_field = TextField()

    def __init__(self, date_field, pattern, spreadsheet_format):
        super().__init__(F(date_field), Value(pattern))
        self.date_field = date_field
        self.pattern = pattern
        self.spreadsheet_format = spreadsheet_format


def iso_month(date_field):
    """`YYYY-MM` in the CSV, a date shown as yyyy-mm in a spreadsheet."""
    return DateText(date_field, "YYYY-MM", "yyyy-mm")


def iso_day(date_field):
    """`YYYY-MM-DD` in the CSV, a date shown as yyyy-mm-dd in a spreadsheet."""
    return DateText(date_field, "YYYY-MM-DD", "yyyy-mm-dd")


def joined(array, separator=MULTI_VALUE_SEPARATOR):
    """A list (SQL array) as one text: items joined with `separator`, empty items left out."""
    without_empty = Func(array, Value(""), function="array_remove")
    return Func(without_empty, Value(separator), function="array_to_string", output_field=TextField())


def sorted_names(links, name_field):
    """The names `links` (rows filtered on the outer row) lead to, sorted, as one cell."""
    return joined(ArraySubquery(links.order_by(name_field).values(name_field)))


def yes_no(condition_field):
    """ "yes", "no", or an empty cell when a nullable field is unknown."""
    return Case(
        When(**{condition_field: True}, then=Value("yes")),
        When(**{condition_field: False}, then=Value("no")),
        default=None,
        output_field=TextField(),
    )


def absolute_url(request, viewname, *slug_fields):
    """The absolute URL of each row's page, built in SQL from the slug fields that are the view's arguments."""
    placeholders = [f"SLUG{index}PLACE" for index in range(len(slug_fields))]
    address = request.build_absolute_uri(reverse(viewname, args=placeholders))
    parts = []
    for placeholder, slug_field in zip(placeholders, slug_fields, strict=True):
        before, address = address.split(placeholder)
        parts += [Value(before), F(slug_field)]
    return Concat(*parts, Value(address), output_field=CharField())
