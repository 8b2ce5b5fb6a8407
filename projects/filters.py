"""The projects list's public interface: every filter a URL parameter, validated."""

import django_filters
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from browse.filters import BrowseFilterSet, LinkedTermsFilter, Sort, choice_errors, running_years, search_filter
from projects.models import Category, FundingProgramme, Project, RunningStatus, TaggedProject
from vocabulary.models import Area

# The statuses a reader may filter by (a project not started yet is neither).
STATUS_CHOICES = [(RunningStatus.ACTIVE.value, _("Active")), (RunningStatus.FINISHED.value, _("Finished"))]


class ProjectFilter(BrowseFilterSet):
    sorts = (
        Sort("acronym", _("Acronym (A–Z)"), ("acronym", "title", "pk")),
        Sort("start", _("Oldest start first"), (F("start").asc(nulls_last=True), "acronym", "pk")),
        Sort("-start", _("Newest start first"), (F("start").desc(nulls_last=True), "acronym", "pk")),
    )
    rank_field = "search_vector"

    q = search_filter()
    category = LinkedTermsFilter(
        _("Category"), Category.objects.all(), Project.categories.through, "category", "project"
    )
    area = LinkedTermsFilter(
        _("Area of intervention"), Area.objects.all(), Project.areas.through, "area", "project", _("area")
    )
    tag = LinkedTermsFilter(_("Tag"), Tag.objects.all(), TaggedProject, "tag", "content_object")
    programme = django_filters.ModelChoiceFilter(
        label=_("Funding programme"), queryset=FundingProgramme.objects.all(), to_field_name="slug",
        error_messages=choice_errors(_("funding programme")),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status",
        error_messages={"invalid_choice": _("Use status=active or status=finished.")},
    )  # fmt: skip
    year_from, year_to = running_years()

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_running_status(timezone.localdate()).filter(running_status=value)
