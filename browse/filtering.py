"""Filters the lists declare alike: the search box, years, and the words for an unknown choice."""

import django_filters
from django import forms

from browse.listing import BrowseForm

MAX_QUERY_LENGTH = 200
MIN_YEAR, MAX_YEAR = 1900, 2100


def choice_errors(what):
    """Error messages naming the unknown `what` a URL asked for."""
    return {"invalid_choice": f"Unknown {what} “%(value)s”.", "invalid_pk_value": f"Unknown {what} “%(pk)s”."}


def search_filter():
    """The `q` filter: the list's FilterSet searches with its `filter_search` method."""
    return django_filters.CharFilter(
        label="Search", method="filter_search", max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Searches are limited to {MAX_QUERY_LENGTH} characters."},
    )  # fmt: skip


class YearFilter(django_filters.NumberFilter):
    """A year between MIN_YEAR and MAX_YEAR."""

    field_class = forms.IntegerField

    def __init__(self, label, **kwargs):
        super().__init__(
            label=label,
            min_value=MIN_YEAR,
            max_value=MAX_YEAR,
            error_messages={
                "invalid": "Enter a year such as 2022.",
                "min_value": f"Years start at {MIN_YEAR}.",
                "max_value": f"Years stop at {MAX_YEAR}.",
            },
            **kwargs,
        )


class YearRangeForm(BrowseForm):
    """The form of a list filtered by `year_from` and `year_to`, which must not be the wrong way round."""

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            raise forms.ValidationError(f"“From” year {year_from} is after “to” year {year_to}.")
        return cleaned
