"""The academy lists' public interfaces: courses (`format`, `area` (repeatable), `q`, `sort`, `page`), modules."""

import re

import django_filters
from django.db.models import Q
from taggit.models import Tag

from academy.models import Course, CourseFormat, Module, ModuleKind, TaggedModule
from browse.filters import BrowseFilterSet, LinkedTermsFilter, Sort, choice_errors, search_filter
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


class ModuleFilter(BrowseFilterSet):
    """The published modules (the API's list of them): `course`, `area`, `tag` (repeatable), `kind`, `q`."""

    sorts = (
        Sort("", "Programme order", ("course__position", "course__title", "course_id", "position", "pk")),
        Sort("title", "Title (A–Z)", ("title", "pk")),
    )

    q = search_filter()
    course = django_filters.ModelMultipleChoiceFilter(
        label="Course",
        field_name="course__slug",
        queryset=Course.objects.published(),
        to_field_name="slug",
        error_messages=choice_errors("course"),
    )
    area = LinkedTermsFilter("Area of intervention", Area.objects.all(), Module.areas.through, "area", "module", "area")
    tag = LinkedTermsFilter("Tag", Tag.objects.all(), TaggedModule, "tag", "content_object")
    kind = django_filters.ChoiceFilter(label="Kind", choices=ModuleKind.choices, error_messages=choice_errors("kind"))

    def filter_search(self, queryset, name, value):
        """Every word must appear in the module's title or summary (as the course list searches modules)."""
        if not value.strip():
            return queryset
        words = SEARCH_WORD.findall(value)[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return queryset
