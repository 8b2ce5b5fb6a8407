"""The projects list's public interface: every filter a URL parameter, validated."""

import datetime

import django_filters
from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q
from django.utils import timezone

from browse.filtering import YearFilter, YearRangeForm, choice_errors, search_filter
from browse.listing import RankedFilterSet
from projects.models import Category, FundingProgramme, Project, RunningStatus
from vocabulary.models import Area

STATUS_CHOICES = [(RunningStatus.ACTIVE.value, "Active"), (RunningStatus.FINISHED.value, "Finished")]


class ProjectListForm(YearRangeForm):
    sort_choices = [
        ("relevance", "Relevance"),
        ("acronym", "Acronym (A–Z)"),
        ("start", "Oldest start first"),
        ("-start", "Newest start first"),
    ]


class ProjectFilter(RankedFilterSet):
    default_sort = "acronym"

    q = search_filter()
    category = django_filters.ModelMultipleChoiceFilter(
        label="Category", queryset=Category.objects.all(), to_field_name="slug",
        method="filter_category", error_messages=choice_errors("category"),
    )  # fmt: skip
    area = django_filters.ModelMultipleChoiceFilter(
        label="Area of intervention", queryset=Area.objects.all(), to_field_name="slug",
        method="filter_area", error_messages=choice_errors("area"),
    )  # fmt: skip
    programme = django_filters.ModelChoiceFilter(
        label="Funding programme", queryset=FundingProgramme.objects.all(), to_field_name="slug",
        error_messages=choice_errors("funding programme"),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status",
        error_messages={"invalid_choice": "Use status=active or status=finished."},
    )  # fmt: skip
    year_from = YearFilter("From year", method="filter_year_from")
    year_to = YearFilter("To year", method="filter_year_to")

    class Meta:
        model = Project
        fields = []
        form = ProjectListForm

    def filter_category(self, queryset, name, categories):
        return self.linked_to_any(queryset, Project.categories.through, "category", "project_id", categories)

    def filter_area(self, queryset, name, areas):
        return self.linked_to_any(queryset, Project.areas.through, "area", "project_id", areas)

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == RunningStatus.ACTIVE:
            return queryset.active_on(today)
        if value == RunningStatus.FINISHED:
            return queryset.finished_by(today)
        return queryset

    # A project with no end runs on (as in ProjectQuerySet.active_on); one with no
    # dates at all has no period to overlap, so any year filter leaves it out.
    def filter_year_from(self, queryset, name, year):
        if year is None:
            return queryset
        return queryset.filter(Q(end__gte=datetime.date(year, 1, 1)) | Q(end__isnull=True, start__isnull=False))

    def filter_year_to(self, queryset, name, year):
        if year is None:
            return queryset
        return queryset.filter(Q(start__lte=datetime.date(year, 12, 31)) | Q(start__isnull=True, end__isnull=False))

    def ordered(self, queryset):
        """The filtered queryset in the order the reader asked for (relevance first when searching)."""
        sort = self.sort
        query = self.clean_search_query()
        if query is not None and sort in ("", "relevance"):
            return queryset.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", "acronym", "pk")
        if sort == "start":
            return queryset.order_by(F("start").asc(nulls_last=True), "acronym", "pk")
        if sort == "-start":
            return queryset.order_by(F("start").desc(nulls_last=True), "acronym", "pk")
        return queryset.order_by("acronym", "title", "pk")
