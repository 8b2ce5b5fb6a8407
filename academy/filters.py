"""The academy lists' public interfaces: courses (`format`, `area` (repeatable), `q`, `sort`, `page`), modules."""

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from academy.models import Course, CourseFormat, Module, ModuleKind, TaggedModule
from browse.filters import BrowseFilterSet, LinkedTermsFilter, Sort, choice_errors, search_filter
from browse.search import SEARCH_WORD
from editorial.translation import ENGLISH, columns, page_language
from vocabulary.models import Area

MAX_SEARCH_WORDS = 10
COURSE_TEXTS = ("title", "summary", "rationale", "audience")
MODULE_TEXTS = ("title", "summary")


def searched_words(text):
    return SEARCH_WORD.findall(text or "")[:MAX_SEARCH_WORDS]


def containing(word, fields):
    """Items with `word` in one of `fields`, as part of a word too: the academy is small enough to scan.

    On French pages the French texts too (editorial/translation.py), accents folded ("integration" finds
    "intégration").
    """
    if page_language() == ENGLISH:
        lookups = [f"{field}__icontains" for field in fields]
    else:
        lookups = [f"{name}__unaccent__icontains" for name in columns(fields)]
    return reduce(or_, (Q(**{lookup: word}) for lookup in lookups))


def modules_with_every_word(modules, words):
    for word in words:
        modules = modules.filter(containing(word, MODULE_TEXTS))
    return modules


class SearchByWordParts:
    """The academy's lists match parts of words already, so a search never falls back to prefixes."""

    def _whole_words_match(self):
        return True


class CourseFilter(SearchByWordParts, BrowseFilterSet):
    sorts = (
        Sort("", _("As in the academy"), ("position", "title", "pk")),
        Sort("title", _("Title (A–Z)"), ("title", "pk")),
    )

    q = search_filter()
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=CourseFormat.choices, error_messages=choice_errors(_("format"))
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label=_("Area of intervention"), queryset=Area.objects.all(), to_field_name="slug",
        method="filter_area", error_messages=choice_errors(_("area")),
    )  # fmt: skip

    def filter_search(self, queryset, name, value):
        """Every word must appear in the course's texts or in one of its published modules' title or summary."""
        if not value.strip():
            return queryset
        words = searched_words(value)
        if not words:
            return queryset.none()
        for word in words:
            in_modules = Module.objects.published().filter(containing(word, MODULE_TEXTS))
            queryset = queryset.filter(containing(word, COURSE_TEXTS) | Q(pk__in=in_modules.values("course_id")))
        return queryset

    def matching_modules(self):
        """The published modules of the listed courses with every searched word in their title or summary."""
        words = searched_words(self.value("q"))
        if not words:
            return Module.objects.none()
        modules = Module.objects.published().filter(course__in=self.qs.order_by().values("pk"))
        modules = modules_with_every_word(modules, words)
        return modules.select_related("course").order_by("course__position", "course__title", "position", "pk")

    def filter_area(self, queryset, name, areas):
        """Courses with a published module in any of these areas."""
        if not areas:
            return queryset
        modules = Module.objects.published().filter(areas__in=areas).values("course_id")
        return queryset.filter(pk__in=modules)


class ModuleFilter(SearchByWordParts, BrowseFilterSet):
    """The published modules (the API's list of them): `course`, `area`, `tag` (repeatable), `kind`, `q`."""

    sorts = (
        Sort("", _("Programme order"), ("course__position", "course__title", "course_id", "position", "pk")),
        Sort("title", _("Title (A–Z)"), ("title", "pk")),
    )

    q = search_filter()
    course = django_filters.ModelMultipleChoiceFilter(
        label=_("Course"),
        field_name="course__slug",
        queryset=Course.objects.published(),
        to_field_name="slug",
        error_messages=choice_errors(_("course")),
    )
    area = LinkedTermsFilter(
        _("Area of intervention"), Area.objects.all(), Module.areas.through, "area", "module", _("area")
    )
    tag = LinkedTermsFilter(_("Tag"), Tag.objects.all(), TaggedModule, "tag", "content_object")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ModuleKind.choices, error_messages=choice_errors(_("kind"))
    )

    def filter_search(self, queryset, name, value):
        """Every word must appear in the module's title or summary (as the course list searches modules)."""
        if not value.strip():
            return queryset
        words = searched_words(value)
        return modules_with_every_word(queryset, words) if words else queryset.none()
