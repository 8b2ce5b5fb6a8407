"""The academy list's public interface: `format`, `area` (repeatable), `q`, `sort`, `page`."""

import re

import django_filters
from django.db.models import Q

from academy.models import Course, CourseFormat, Module
from compendium.listing import BrowseFilterSet, BrowseForm
from compendium.models import Area

MAX_QUERY_LENGTH = 200
MAX_SEARCH_WORDS = 10
SEARCH_WORD = re.compile(r"\w+", re.UNICODE)


class CourseListForm(BrowseForm):
    sort_choices = [("", "Academy order"), ("title", "Title (A–Z)")]


def _choice_errors(what):
    return {"invalid_choice": f"Unknown {what} “%(value)s”.", "invalid_pk_value": f"Unknown {what} “%(pk)s”."}


class CourseFilter(BrowseFilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Searches are limited to {MAX_QUERY_LENGTH} characters."},
    )  # fmt: skip
    format = django_filters.ChoiceFilter(
        label="Format", choices=CourseFormat.choices, error_messages=_choice_errors("format")
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label="Area of intervention", queryset=Area.objects.all(), to_field_name="slug",
        method="filter_area", error_messages=_choice_errors("area"),
    )  # fmt: skip

    class Meta:
        model = Course
        fields = []
        form = CourseListForm

    def filter_search(self, queryset, name, value):
        """Every word must appear in the course's texts or in one of its published modules' title or summary."""
        if not value.strip():
            return queryset
        words = SEARCH_WORD.findall(value)[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        for word in words:
            in_modules = Module.objects.published().filter(Q(title__icontains=word) | Q(summary__icontains=word))
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(rationale__icontains=word)
                | Q(audience__icontains=word) | Q(pk__in=in_modules.values("course_id"))
            )  # fmt: skip
        return queryset

    def filter_area(self, queryset, name, areas):
        """Courses with a published module in any of these areas."""
        if not areas:
            return queryset
        modules = Module.objects.published().filter(areas__in=areas).values("course_id")
        return queryset.filter(pk__in=modules)

    def ordered(self, queryset):
        if self.sort == "title":
            return queryset.order_by("title", "pk")
        return queryset.order_by("position", "title", "pk")
