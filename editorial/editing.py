"""The pieces of the admin's change forms that every kind of editors' content shares.

Month fields for month-precision dates, Markdown texts with a live preview,
one-line labels, and ordered children whose new rows take the next free
position. The scripts that bring them to life are static files
(`static/js/admin-editing.js`); without JavaScript each is a plain field.
"""

import datetime
import re

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format

from editorial.translation import FRENCH, column

MONTH_EXAMPLE = "2021-03"
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*$")
# How people write a month where a browser offers no month picker: 03/2021, March 2021, …
_WRITTEN_MONTH_FORMATS = ["%m/%Y", "%m-%Y", "%m.%Y", "%B %Y", "%b %Y", "%Y/%m"]


class MonthInput(forms.DateInput):
    """`<input type="month">`: browsers offer a month picker; others a text box taking YYYY-MM."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": MONTH_EXAMPLE, **(attrs or {})}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month, stored as its first day: "2021-03" as browsers send it, or 03/2021, March 2021 as people type it."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if match:
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12 and year >= datetime.MINYEAR:
                return datetime.date(year, month, 1)
        for written in _WRITTEN_MONTH_FORMATS:
            try:
                return datetime.datetime.strptime(str(value).strip(), written).date().replace(day=1)
            except ValueError:
                continue
        raise ValidationError(
            f"Enter a month as year-month, for example {MONTH_EXAMPLE} for March 2021.", code="invalid"
        )


def month_label(day):
    return date_format(day, "F Y") if day else ""


def end_before_start(form, start="start", end="end"):
    """Flag an end before the start (called from `clean`, so it runs whatever else is wrong on the form)."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(
            end,
            f"The end ({month_label(last)}) is before the start ({month_label(first)}): "
            f"enter a later month, for example {last.year + 1}-{last.month:02d}, or correct the start.",
        )


MARKDOWN_HINT = (
    "Markdown: *italic*, **bold**, [a link](https://example.org), a line starting “- ” for a list, "
    "an empty line between paragraphs. The preview shows what readers will see."
)


def in_french(model):
    """A change form's fieldset of an item's French texts (editorial/translation.py), folded until opened."""
    return (
        "In French",
        {
            "classes": ["collapse"],
            "description": "What French pages show; a text left empty is shown in English, marked as such.",
            "fields": [column(field, FRENCH) for field in model.translated_fields],
        },
    )


def is_markdown(db_field):
    return isinstance(db_field, models.TextField) and str(db_field.help_text).startswith("Markdown")


class MarkdownTextarea(forms.Textarea):
    """A Markdown text with a preview beside it, rendered by the server's sanitiser as readers get it."""

    def __init__(self, preview_url, attrs=None):
        super().__init__({"rows": 8, "data-markdown-preview": preview_url, **(attrs or {})})


def markdown_help(db_field):
    """The model's own note past "Markdown" (", shown above …") kept after the hint."""
    rest = str(db_field.help_text).removeprefix("Markdown").strip(" .,")
    return f"{MARKDOWN_HINT} {rest[0].upper() + rest[1:]}." if rest else MARKDOWN_HINT


class OneLineLabel(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"class": "vTextField", **(attrs or {})})


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    """New rows start at the next free position: after the last existing one, one apart."""

    def _construct_form(self, index, **kwargs):
        form = super()._construct_form(index, **kwargs)
        # Also when bound: an untouched new row must compare equal to what it was offered.
        if index >= self.initial_form_count() and "position" in form.fields:
            form.initial.setdefault("position", self._first_free_position() + index - self.initial_form_count())
        return form

    def _first_free_position(self):
        if not hasattr(self, "_first_free"):
            # The formset's own queryset: read once, for its forms and for this.
            positions = [child.position or 0 for child in self.get_queryset()] if self.instance.pk else []
            self._first_free = max(positions, default=-1) + 1
        return self._first_free


class OrderedInline(admin.TabularInline):
    """Children in order: up/down buttons move a row (static/js/admin-editing.js) and keep positions in step.

    A section with more than `fold_over` rows opens folded, so a page with many children still opens short.
    """

    formset = OrderedInlineFormSet
    template = "admin/editorial/tabular.html"
    extra = 0
    ordering = ["position", "id"]
    fold_over = 5

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Inline admins are made afresh for each request, so this is the request's own.
        if obj is not None and self.get_queryset(request).filter(**{formset.fk.name: obj}).count() > self.fold_over:
            self.classes = [*(self.classes or ()), "collapse"]
        return formset
