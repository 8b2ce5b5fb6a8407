"""The kinds of item the API serves, declared once: the list behind each, its representations, what they read.

Each list is the portal's own (`<app>/lists.py`): the same FilterSet, the same
published items, the same facet counts. `rows` adds what the representation
reads in a fixed number of queries, whatever the number of items.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from academy.lists import COURSE_LIST, MODULE_LIST
from academy.models import Module, QuizQuestion
from api import serializers
from browse.lists import Listing
from practices.lists import PRACTICE_LIST
from practices.selectors import practice_for_page
from projects.lists import PROJECT_LIST
from projects.models import Partner


@dataclass(frozen=True)
class Endpoint:
    listing: Listing
    serializer: type
    detail_serializer: type
    rows: Callable
    # The detail page's own read of one item by its address, where it has one that reads all in one query.
    read_for_page: Callable | None = None

    def item(self, **lookup):
        """The published item with these fields, ready for its representation, or None."""
        if self.read_for_page:
            item = self.read_for_page(**lookup)
            return item if item is not None and item.is_published else None
        return self.rows(self.listing.items()).filter(**lookup).first()


# Never shown, and large: the search vectors and what the last import wrote.
UNSHOWN = ("imported_values", "source_key")


def practice_rows(practices):
    return (
        practices.select_related("country", "theme")
        .defer("search_vector", "heading_vector", *UNSHOWN)
        .prefetch_related("types", "areas", "tags", "references")
    )


def project_rows(projects):
    return (
        projects.with_running_status(timezone.localdate())
        .select_related("programme")
        .defer("search_vector", *UNSHOWN)
        .prefetch_related(
            "categories", "areas", "tags", "objectives", "activities", "resources", "impact_targets",
            Prefetch("partners", queryset=Partner.objects.select_related("country")), "social_links",
        )
    )  # fmt: skip


def course_rows(courses):
    # Each module's course is the course it was prefetched for: no query per module for its address.
    modules = (
        Module.objects.published()
        .order_by("position", "pk")
        .only("title", "slug", "day", "kind", "duration_minutes", "course_id", "position")
    )
    return courses.defer(*UNSHOWN).prefetch_related(Prefetch("modules", queryset=modules, to_attr="published_modules"))


def module_rows(modules):
    questions = QuizQuestion.objects.ready().prefetch_related("options").order_by("position", "pk")
    return (
        modules.select_related("course")
        .defer(*UNSHOWN)
        .prefetch_related("areas", "tags", Prefetch("questions", queryset=questions, to_attr="quiz"))
    )


PRACTICES = Endpoint(
    PRACTICE_LIST, serializers.PracticeSerializer, serializers.PracticeDetailSerializer, practice_rows,
    read_for_page=practice_for_page,
)  # fmt: skip
PROJECTS = Endpoint(PROJECT_LIST, serializers.ProjectSerializer, serializers.ProjectDetailSerializer, project_rows)
COURSES = Endpoint(COURSE_LIST, serializers.CourseSerializer, serializers.CourseDetailSerializer, course_rows)
MODULES = Endpoint(MODULE_LIST, serializers.ModuleSerializer, serializers.ModuleDetailSerializer, module_rows)
