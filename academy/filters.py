"""The academy list's public interface: `format`, `area` (repeatable), `q`, `sort`, `page`."""

import re

import django_filters
from django.db.models import Q

from academy.models import CourseFormat, Module
from browse.filters import BrowseFilterSet, Sort, choice_errors, search_filter
from vocabulary.models import Area

MAX_SEARCH_WORDS = 10
SEARCH_WORD = re.compile(r"\w+", re.UNICODE)


class CourseFilter(BrowseFilterSet):
    sorts = (
        Sort("", "Academy order", ("position", "title", "pk")),
        Sort("title", "Title (A–Z)", ("title", "pk")),
    )

    q = search_filter()
    format = django_filters.ChoiceFilter(
        label="Format", choices=CourseFormat.choices, error_messages=choice_errors("format")
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label="Area of intervention", queryset=Area.objects.all(), to_field_name="slug",
        method="filter_area", error_messages=choice_errors("area"),
    )  # fmt: skip

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
