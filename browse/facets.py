"""Facets: declared once per list, counted together in one pass over the items, shown as toggle links.

A list declares its facets (`FieldFacet`, `LinkFacet`, `ConditionFacet`,
`ComputedFacet`); each is counted with every active filter applied except its
own, and shown as a `Facet` whose values are links adding or removing themselves.

`count_in_one_pass` counts the total and every facet that can say what it needs
of each item (`columns`) in one query: the items that pass the filters no facet
toggles are read once, with one flag per active facet filter, and each facet
counts the rows whose other flags hold. A `ComputedFacet` counts itself.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, IntegerField, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce

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

    def columns(self, items):
        """{column: expression} this facet reads of each item of `items` to be counted in one pass;
        None when it counts itself (`count`)."""
        return None

    def counted_sql(self, rows, where):
        """(SQL, params) of (facet key, value, label, count) rows over the one-pass `rows` matching `where`."""
        raise NotImplementedError

    def column(self, name):
        return f"{self.key}_{name}"

    def read(self, rows):
        """The facet's [(value, label, count)] from its one-pass rows."""
        return rows

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
        return self._labelled(count_by(queryset, self.value_field, self.label_field))

    def _labelled(self, counted):
        if self.labels:
            return [(value, str(self.labels.get(value, value)), n) for value, _, n in counted]
        return counted

    def columns(self, items):
        return {self.column("value"): F(self.value_field), self.column("label"): F(self.label_field)}

    def counted_sql(self, rows, where):
        value, label = self.column("value"), self.column("label")
        return (
            f"SELECT %s, {value}::text, {label}::text, count(*) FROM {rows} "  # noqa: S608 - our own names
            f"WHERE {value} IS NOT NULL AND {where} GROUP BY 2, 3",
            [self.key],
        )

    def read(self, rows):
        return self._labelled(rows)


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

    def columns(self, items):
        return {}  # the links are joined to the items' ids

    def counted_sql(self, rows, where):
        links = self.through.objects.order_by().values(
            link_item=F(self.item_field), link_value=Cast(self.value_field, TextField()),
            link_label=Cast(self.label_field, TextField()),
        )  # fmt: skip
        sql, params = links.query.sql_with_params()
        return (
            f"SELECT %s, link.link_value, link.link_label, count(*) FROM ({sql}) AS link "  # noqa: S608
            f"JOIN {rows} ON {rows}.item_id = link.link_item WHERE {where} GROUP BY 2, 3",
            [self.key, *params],
        )


class ConditionFacet(FacetSpec):
    """Values that are each a condition on the items: `conditions` is [(value, label, narrowing)], where
    `narrowing(items)` is the items' queryset narrowed to those meeting it (a QuerySet method, so the one
    definition of what the value means is the filter's own)."""

    def __init__(self, key, title, conditions, *, multiple=False, visible=8, always_shown=False):
        super().__init__(key, title, multiple=multiple, visible=visible)
        self.conditions, self.always_shown = conditions, always_shown

    def count(self, queryset):
        return [(value, label, narrowing(queryset).count()) for value, label, narrowing in self.conditions]

    def columns(self, items):
        return {
            self.column(f"is_{index}"): condition_of(narrowing(items.model._default_manager.all()))
            for index, (_, _, narrowing) in enumerate(self.conditions)
        }

    def counted_sql(self, rows, where):
        parts, params = [], []
        for index, (value, label, _) in enumerate(self.conditions):
            parts.append(f"SELECT %s, %s, %s, count(*) FILTER (WHERE {self.column(f'is_{index}')} IS TRUE) "  # noqa: S608
                         f"FROM {rows} WHERE {where}")  # fmt: skip
            params += [self.key, value, str(label)]  # a lazy label, in the language counted in
        return " UNION ALL ".join(parts), params


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


def condition_of(narrowed):
    """A boolean expression on an item: whether it is among `narrowed` (the item's own queryset, filtered).

    Read off the item's row when the filter touches no other table, else an `IN` of the narrowed ids.
    """
    query = narrowed.query
    joined = {alias for alias in query.alias_map if query.alias_refcount[alias]}
    if joined <= {query.get_initial_alias()} and not query.annotation_select:
        return ExpressionWrapper(query.where, output_field=BooleanField())
    return ExpressionWrapper(Q(pk__in=narrowed.order_by().values("pk")), output_field=BooleanField())


ROWS = "counted"


def count_in_one_pass(items, narrowed, specs):
    """{"total": n, facet key: [(value, label, count)]} for the `specs` that count in one pass, in one query.

    `items` are the items passing every filter no facet toggles; `narrowed` is {facet key: the items
    narrowed by that facet's active filter alone}. A facet counts the items meeting every other
    facet's filter; the total, the items meeting all of them.
    """
    columns = {"item_id": F("pk")}
    for key, only in narrowed.items():
        columns[f"in_{key}"] = condition_of(only)
    for spec in specs:
        columns.update(spec.columns(items))
    rows = items.order_by()
    if len(narrowed) > 1:  # only the items that meet all the facets' filters but one count anywhere
        met = sum((Cast(Coalesce(condition_of(only), False), IntegerField()) for only in narrowed.values()), Value(0))
        rows = rows.alias(facet_filters_met=met).filter(facet_filters_met__gte=len(narrowed) - 1)
    sql, params = rows.values(**columns).query.sql_with_params()

    def holding(*keys):
        flags = [f"in_{key} IS TRUE" for key in keys]
        return " AND ".join(flags) or "TRUE"

    parts = [(f"SELECT 'total', NULL, NULL, count(*) FROM {ROWS} WHERE {holding(*narrowed)}", [])]  # noqa: S608
    parts += [spec.counted_sql(ROWS, holding(*(key for key in narrowed if key != spec.key))) for spec in specs]
    union = " UNION ALL ".join(f"({part})" for part, _ in parts)
    all_params = [*params, *(param for _, part_params in parts for param in part_params)]
    counts = {spec.key: [] for spec in specs}
    with connections[items.db].cursor() as cursor:  # where the items would be read (the replica, if any)
        cursor.execute(f"WITH {ROWS} AS MATERIALIZED ({sql}) {union}", all_params)
        for key, value, label, n in cursor.fetchall():
            if key == "total":
                counts["total"] = n
            else:
                counts[key].append((value, label, n))
    for spec in specs:
        counts[spec.key] = spec.read(counts[spec.key])
    return counts
