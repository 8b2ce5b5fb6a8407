"""Facets: declared once per list, counted in one query each, shown as toggle links.

A list declares its facets (`FieldFacet`, `LinkFacet`, `ComputedFacet`); each
is counted with every active filter applied except its own, and shown as a
`Facet` whose values are links adding or removing themselves.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from browse.links import link_toggling


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str
    title: str
    values: list = field(default_factory=list)
    # How many values to show before "Show all".
    visible: int = 8
    # Whether several values may be selected at once (alternatives) or only one.
    multiple: bool = True

    @property
    def shown(self):
        return self.values[: self.visible]

    @property
    def more(self):
        return self.values[self.visible :]


class FacetSpec:
    """A facet a list declares: the filter it toggles (`key`), its title, and how its values are counted."""

    # Values that are always shown, with their count even at zero (a status a reader looks for).
    always_shown = False

    def __init__(self, key, title, *, multiple=True, visible=8, relabel=None):
        self.key, self.title, self.multiple, self.visible = key, title, multiple, visible
        # relabel(value, label): the label in the page's language (vocabulary.names), applied as the facet is shown.
        self.relabel = relabel

    def label(self, value, label):
        return self.relabel(value, label) if self.relabel else label

    def count(self, queryset):
        """[(value, label, count)] over the items of `queryset`."""
        raise NotImplementedError

    def build(self, query, counted, selected):
        """The Facet shown, keeping selected values even at zero.

        Values with no matching item are left out unless selected (a selected one
        stays, so it can be removed) or the facet is `always_shown` (shown as
        plain text with "(0)"), so no facet link ever leads to an empty list
        but one a reader already chose.
        """
        counted = list(counted)
        present = {value for value, _, _ in counted}
        values = [
            FacetValue(
                value,
                self.label(value, label),
                count,
                value in selected,
                link_toggling(query, self.key, value, self.multiple),
            )
            for value, label, count in counted
            if count > 0 or value in selected or self.always_shown
        ]
        for value, label in selected.items():
            if value not in present:
                values.append(FacetValue(value, label, 0, True, link_toggling(query, self.key, value, self.multiple)))
        values.sort(key=lambda v: (not v.selected, -v.count, v.label.lower()))
        return Facet(self.key, self.title, values, self.visible, self.multiple)


class FieldFacet(FacetSpec):
    """Values of a column (or a column across a foreign key); `labels` names the values of a choices column."""

    def __init__(
        self, key, title, value_field, label_field=None, *, labels=None, multiple=False, visible=8, relabel=None
    ):
        super().__init__(key, title, multiple=multiple, visible=visible, relabel=relabel)
        self.value_field, self.label_field, self.labels = value_field, label_field or value_field, labels

    def count(self, queryset):
        counted = count_by(queryset, self.value_field, self.label_field)
        if self.labels:
            return [(value, str(self.labels.get(value, value)), n) for value, _, n in counted]
        return counted


class LinkFacet(FacetSpec):
    """Terms linked through a many-to-many table: `item_field` points at the item, the others at the term."""

    def __init__(self, key, title, through, item_field, value_field, label_field, *, visible=8, relabel=None):
        super().__init__(key, title, multiple=True, visible=visible, relabel=relabel)
        self.through, self.item_field = through, item_field
        self.value_field, self.label_field = value_field, label_field

    def count(self, queryset):
        rows = (
            self.through.objects.filter(**{f"{self.item_field}__in": queryset.order_by().values("pk")})
            .order_by()
            .values(self.value_field, self.label_field)
            .annotate(n=Count("pk"))
        )
        return [(str(row[self.value_field]), str(row[self.label_field]), row["n"]) for row in rows]


class ComputedFacet(FacetSpec):
    """A facet whose counts a function of the queryset computes."""

    def __init__(self, key, title, counter, *, multiple=False, visible=8, always_shown=False, relabel=None):
        super().__init__(key, title, multiple=multiple, visible=visible, relabel=relabel)
        self.counter, self.always_shown = counter, always_shown

    def count(self, queryset):
        return self.counter(queryset)


def count_by(queryset, value_field, label_field=None):
    """[(value, label, count)] grouped on a column of `queryset` in one query."""
    label_field = label_field or value_field
    fields = [value_field] if label_field == value_field else [value_field, label_field]
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk")).filter(n__gt=0)
    return [(str(row[value_field]), str(row[label_field]), row["n"]) for row in rows if row[value_field] is not None]
