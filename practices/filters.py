"""The practices list's public interface: every filter a URL parameter, validated."""

import datetime

import django_filters
from django.contrib.postgres.search import SearchRank
from django.db.models import Case, DateField, F, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import Tag

from browse.filtering import YearFilter, YearRangeForm, choice_errors, search_filter
from browse.listing import RankedFilterSet
from practices.models import Level, Practice
from vocabulary.models import Area, Country, PracticeType, Theme


class UpperCaseCodesField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        if value:
            value = [item.strip().upper() for item in value]
        return super().clean(value)


class CountryCodesFilter(django_filters.ModelMultipleChoiceFilter):
    """ISO codes in any case: country=es is Spain."""

    field_class = UpperCaseCodesField


class PracticeListForm(YearRangeForm):
    sort_choices = [
        ("", "Compendium order"),
        ("relevance", "Relevance"),
        ("title", "Title (A–Z)"),
        ("start", "Oldest start first"),
        ("-start", "Newest start first"),
        ("country", "Country"),
    ]


class PracticeFilter(RankedFilterSet):
    q = search_filter()
    country = CountryCodesFilter(
        label="Country", queryset=Country.objects.all(), to_field_name="code", method="filter_country",
        error_messages=choice_errors("country code"),
    )  # fmt: skip
    level = django_filters.ChoiceFilter(
        label="Level of government", choices=Level.choices, error_messages=choice_errors("level")
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=Theme.objects.all(), to_field_name="slug", error_messages=choice_errors("theme")
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label="Area of intervention", queryset=Area.objects.all(), to_field_name="slug",
        method="filter_area", error_messages=choice_errors("area"),
    )  # fmt: skip
    type = django_filters.ModelMultipleChoiceFilter(
        label="Type", queryset=PracticeType.objects.all(), to_field_name="slug",
        method="filter_type", error_messages=choice_errors("type"),
    )  # fmt: skip
    tag = django_filters.ModelMultipleChoiceFilter(
        label="Tag", queryset=Tag.objects.all(), to_field_name="slug",
        method="filter_tag", error_messages=choice_errors("tag"),
    )  # fmt: skip
    ongoing = django_filters.ChoiceFilter(
        label="Ongoing", choices=[("1", "Ongoing")], method="filter_ongoing",
        error_messages={"invalid_choice": "Use ongoing=1 to see only ongoing practices."},
    )  # fmt: skip
    year_from = YearFilter("From year", method="filter_year_from")
    year_to = YearFilter("To year", method="filter_year_to")

    class Meta:
        model = Practice
        fields = []
        form = PracticeListForm

    def filter_country(self, queryset, name, countries):
        return queryset.filter(country__in=countries) if countries else queryset

    def filter_area(self, queryset, name, areas):
        return self.linked_to_any(queryset, Practice.areas.through, "area", "practice_id", areas)

    def filter_type(self, queryset, name, types):
        return self.linked_to_any(queryset, Practice.types.through, "practicetype", "practice_id", types)

    def filter_tag(self, queryset, name, tags):
        return self.linked_to_any(queryset, Practice.tags.through, "tag", "content_object_id", tags)

    def filter_ongoing(self, queryset, name, value):
        return queryset.filter(ongoing=True) if value == "1" else queryset

    # An ongoing practice runs to today; a practice with no dates at all has no period to overlap.
    def _period(self, queryset):
        today = timezone.localdate()
        return queryset.alias(
            period_start=Coalesce("start", "end"),
            period_end=Case(When(ongoing=True, then=Value(today)), default=Coalesce("end", "start"),
                            output_field=DateField()),
        )  # fmt: skip

    def filter_year_from(self, queryset, name, year):
        if year is None:
            return queryset
        return self._period(queryset).filter(period_end__gte=datetime.date(year, 1, 1))

    def filter_year_to(self, queryset, name, year):
        if year is None:
            return queryset
        return self._period(queryset).filter(period_start__lte=datetime.date(year, 12, 31))

    def ordered(self, queryset):
        """The filtered queryset in the order the reader asked for (relevance first when searching)."""
        sort = self.sort
        query = self.clean_search_query()
        in_compendium_order = (F("source_position").asc(nulls_last=True), "title", "pk")
        if query is not None and sort in ("", "relevance"):
            # Ranked on the small heading vector (title, then place, promoter and
            # country); matches in the long texts follow in compendium order.
            rank = SearchRank(F("heading_vector"), query)
            return queryset.annotate(rank=rank).order_by("-rank", *in_compendium_order)
        if sort == "start":
            return queryset.order_by(F("start").asc(nulls_last=True), "title", "pk")
        if sort == "-start":
            return queryset.order_by(F("start").desc(nulls_last=True), "title", "pk")
        if sort == "country":
            return queryset.order_by(F("country__name").asc(nulls_last=True), "place", "title", "pk")
        if sort == "title":
            return queryset.order_by("title", "pk")
        return queryset.order_by(*in_compendium_order)
