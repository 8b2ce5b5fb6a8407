"""The practices list's public interface: every filter a URL parameter, validated."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from browse.filters import BrowseFilterSet, LinkedTermsFilter, Sort, choice_errors, running_years, search_filter
from practices.models import Level, Practice, TaggedPractice
from vocabulary.models import Area, Country, PracticeType, Theme


class UpperCaseCodesField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        if value:
            value = [item.strip().upper() for item in value]
        return super().clean(value)


class CountryCodesFilter(django_filters.ModelMultipleChoiceFilter):
    """ISO codes in any case: country=es is Spain."""

    field_class = UpperCaseCodesField


IN_COMPENDIUM_ORDER = (F("source_position").asc(nulls_last=True), "title", "pk")
BY_START = (F("start").asc(nulls_last=True), "title", "pk")  # also the timeline's order


class PracticeFilter(BrowseFilterSet):
    sorts = (
        Sort("", _("As in the compendium"), IN_COMPENDIUM_ORDER),
        Sort("title", _("Title (A–Z)"), ("title", "pk")),
        Sort("start", _("Oldest start first"), BY_START),
        Sort("-start", _("Newest start first"), (F("start").desc(nulls_last=True), "title", "pk")),
        Sort("country", _("Country"), (F("country__name").asc(nulls_last=True), "place", "title", "pk")),
        Sort("newest", _("Newest first"), (F("created").desc(), F("pk").desc())),
    )
    # Ranked on the small heading vector (title, then place, promoter and country);
    # matches in the long texts follow in compendium order.
    rank_field = "heading_vector"

    q = search_filter()
    country = CountryCodesFilter(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", method="filter_country",
        error_messages=choice_errors(_("country code")),
    )  # fmt: skip
    level = django_filters.ChoiceFilter(
        label=_("Level of government"), choices=Level.choices, error_messages=choice_errors(_("level"))
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", error_messages=choice_errors(_("theme"))
    )
    area = LinkedTermsFilter(
        _("Area of intervention"), Area.objects.all(), Practice.areas.through, "area", "practice", _("area")
    )
    type = LinkedTermsFilter(_("Type"), PracticeType.objects.all(), Practice.types.through, "practicetype", "practice")
    tag = LinkedTermsFilter(_("Tag"), Tag.objects.all(), TaggedPractice, "tag", "content_object")
    ongoing = django_filters.ChoiceFilter(
        label=_("Ongoing"), choices=[("1", _("Ongoing"))], method="filter_ongoing",
        error_messages={"invalid_choice": _("Use ongoing=1 to see only ongoing practices.")},
    )  # fmt: skip
    place = django_filters.CharFilter(label=_("Place"), method="filter_place", max_length=200)
    year_from, year_to = running_years()

    def filter_place(self, queryset, name, place):
        """A city or region, as the practices write it, whatever its case."""
        return queryset.filter(place__iexact=place.strip()) if place.strip() else queryset

    def filter_country(self, queryset, name, countries):
        return queryset.filter(country__in=countries) if countries else queryset

    def filter_ongoing(self, queryset, name, value):
        return queryset.current() if value == "1" else queryset
