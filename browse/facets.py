"""Facets: declared once per list, counted together from a facet index, shown as toggle links.

A list declares its facets (`FieldFacet`, `LinkFacet`, `ConditionFacet`,
`ComputedFacet`); each is counted with every active filter applied except its
own, and shown as a `Facet` whose values are links adding or removing themselves.

`FacetIndex` holds, for every value of every facet that can say which items have
it (`members`), those items as the bits of one integer, read in one query per
content generation and day (`facet_index`). Counting is then AND and popcount:
a facet's value counts the items that pass the filters no facet toggles, every
other active facet's filter (any of its selected values) and the value itself,
in microseconds however many items there are. A `ComputedFacet` counts itself.

The index may also hold, for a list's pictures, what is never shown as a facet:
values of several columns together (`GroupFacet`: a practice's place and
country) and orders besides the default one (`ItemOrder`: by start, for a
timeline), so a picture of any selection is counted and ordered without SQL.
"""

import json
from array import array
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Count, F, TextField, Value, Window
from django.db.models.functions import Cast, JSONArray, RowNumber
from django.utils import timezone

from browse.links import link_toggling
from browse.long_reads import long_read


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
    # Whether the facet index holds its values (`members`); if not, it counts itself (`count`).
    indexed = True

    def __init__(self, key, title, *, multiple=True, visible=8, relabel=None):
        self.key, self.title, self.multiple, self.visible = key, title, multiple, visible
        # relabel(value, label): the label in the page's language (vocabulary.names), applied as the facet is shown.
        self.relabel = relabel

    def label(self, value, label):
        return self.relabel(value, label) if self.relabel else label

    def count(self, queryset):
        """[(value, label, count)] over the items of `queryset`."""
        raise NotImplementedError

    def members(self, items):
        """[queryset of (key, value, label, item id) rows]: which of `items` have each value, for the index."""
        raise NotImplementedError

    def read(self, rows):
        """The facet's [(value, label, count)] from the index's counts."""
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

    def members(self, items):
        rows = items.filter(**{f"{self.value_field}__isnull": False})
        return [member_rows(rows, self.key, F(self.value_field), F(self.label_field), F("pk"))]

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

    def members(self, items):
        links = self.through.objects.filter(**{f"{self.item_field}__in": items.order_by().values("pk")})
        return [member_rows(links, self.key, F(self.value_field), F(self.label_field), F(self.item_field))]


class ConditionFacet(FacetSpec):
    """Values that are each a condition on the items: `conditions` is [(value, label, narrowing)], where
    `narrowing(items)` is the items' queryset narrowed to those meeting it (a QuerySet method, so the one
    definition of what the value means is the filter's own)."""

    def __init__(self, key, title, conditions, *, multiple=False, visible=8, always_shown=False):
        super().__init__(key, title, multiple=multiple, visible=visible)
        self.conditions, self.always_shown = conditions, always_shown

    def count(self, queryset):
        return [(value, label, narrowing(queryset).count()) for value, label, narrowing in self.conditions]

    def members(self, items):
        # The label is the declared one, read in the language counted in (`read`).
        return [member_rows(narrowing(items), self.key, Value(value), Value(""), F("pk"))
                for value, _, narrowing in self.conditions]  # fmt: skip

    def read(self, rows):
        counted = {value: n for value, _, n in rows}
        return [(value, str(label), counted.get(value, 0)) for value, label, _ in self.conditions]


class ComputedFacet(FacetSpec):
    """A facet whose counts a function of the queryset computes."""

    indexed = False

    def __init__(self, key, title, counter, *, multiple=False, visible=8, always_shown=False, relabel=None):
        super().__init__(key, title, multiple=multiple, visible=visible, relabel=relabel)
        self.counter, self.always_shown = counter, always_shown

    def count(self, queryset):
        return self.counter(queryset)


class GroupFacet(FacetSpec):
    """Values of several columns together, as tuples (a place and its country), over the items `narrowing(items)`
    keeps: drawn by a picture of the items, never shown as a facet nor filtered by (a list's `pictured_facets`)."""

    def __init__(self, key, fields, narrowing):
        super().__init__(key, "")
        self.fields, self.narrowing = fields, narrowing

    def count(self, queryset):
        rows = self.narrowing(queryset).order_by().values_list(*self.fields).annotate(n=Count("pk"))
        return [(tuple(values), "", n) for *values, n in rows]

    def members(self, items):
        return [member_rows(self.narrowing(items), self.key, JSONArray(*self.fields), Value(""), F("pk"))]

    def read(self, rows):
        return [(tuple(json.loads(value)), label, n) for value, label, n in rows]


class ItemOrder:
    """An order of the items `narrowing(items)` keeps, held by the index besides the default order (a list's
    `pictured_orders`): a picture's first items in it are read from the index (`FacetIndex.first`)."""

    def __init__(self, key, order, narrowing):
        self.key, self.order, self.narrowing = key, order, narrowing

    def members(self, items):
        placed = self.narrowing(items).annotate(order_place=Window(RowNumber(), order_by=list(self.order)))
        return [member_rows(placed, self.key, Value(""), F("order_place"), F("pk"))]


def count_by(queryset, value_field, label_field=None):
    """[(value, label, count)] grouped on a column of `queryset` in one query."""
    label_field = label_field or value_field
    fields = [value_field] if label_field == value_field else [value_field, label_field]
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk")).filter(n__gt=0)
    return [(str(row[value_field]), str(row[label_field]), row["n"]) for row in rows if row[value_field] is not None]


def member_rows(queryset, key, value, label, item):
    """`queryset` as (key, value, label, item id) rows, typed alike so the facets' rows make one UNION."""
    return queryset.order_by().values_list(
        Value(key, output_field=TextField()), Cast(value, TextField()), Cast(label, TextField()),
        Cast(item, BigIntegerField()),
    )  # fmt: skip


# The key of the index's rows for every item of the list, whatever its facets.
EVERY_ITEM = "*"


class FacetIndex:
    """Each facet value's items as the bits of one integer (bit n: the item whose id is n)."""

    def __init__(self, rows, orders=()):
        self.labels, members, placed = {}, {}, []
        ordered = {order.key: [] for order in orders}
        for key, value, label, item in rows:
            if key == EVERY_ITEM:  # its label is the item's place in the default order, from 1
                placed.append((int(label), item))
                continue
            if key in ordered:  # as EVERY_ITEM, in an order of its own
                ordered[key].append((int(label), item))
                continue
            members.setdefault((key, value), []).append(item)
            self.labels.setdefault(key, {})[value] = label
        self.bits = {member: bits_of(items) for member, items in members.items()}
        # Every item of the list (the items when no filter but the facets' is active), in the default order,
        # and each item's place in that order (by id; -1: not listed).
        self.everything = bits_of(item for _, item in placed)
        self.order, self.positions = placed_in_order(placed)
        # Each other order: (its items, in order; their bits; each item's place in it, by id).
        self.orders = {EVERY_ITEM: (self.order, self.everything, self.positions)}
        for key, places in ordered.items():
            order, positions = placed_in_order(places)
            self.orders[key] = (order, bits_of(order), positions)

    @classmethod
    def build(cls, items, specs, default_order, orders=()):
        """The index of `specs` (and of `orders`, ItemOrders) over `items` in their `default_order`, in one query."""
        placed = items.annotate(default_place=Window(RowNumber(), order_by=list(default_order)))
        every = member_rows(placed, EVERY_ITEM, Value(EVERY_ITEM), F("default_place"), F("pk"))
        parts = [part for spec in (*specs, *orders) for part in spec.members(items)]
        rows = every.union(*parts, all=True)
        # Read once per content change by each worker: at a million items it takes longer than a page's queries may.
        with long_read(rows.db):
            return cls(list(rows.using(rows.db)), orders)

    def knows(self, item):
        """Whether `item` was listed when the index was read (it has a place in the default order)."""
        return 0 <= item < len(self.positions) and self.positions[item] >= 0

    def having(self, selected):
        """The items having, for each facet of `selected` ({key: values}), any of its values."""
        bits = self.everything
        for key, values in selected.items():
            bits &= self.matching(key, values)
        return bits

    def matching(self, key, values):
        """The items having any of `values` of facet `key`."""
        bits = 0
        for value in values:
            bits |= self.bits.get((key, value), 0)
        return bits

    def count(self, items, selected, specs):
        """{"total": n, facet key: [(value, label, count)]} for each of `specs`: `items` are the bits of the items
        passing every filter no facet toggles; `selected` is {facet key: its selected values}, for the facets
        filtered. Each facet is counted without its own filter."""
        narrowed = {key: self.matching(key, values) for key, values in selected.items()}
        everything = items
        for bits in narrowed.values():
            everything &= bits
        counts = {"total": everything.bit_count()}
        for spec in specs:
            others = items
            for key, bits in narrowed.items():
                if key != spec.key:
                    others &= bits
            counted = [
                (value, label, n)
                for value, label in self.labels.get(spec.key, {}).items()
                if (n := (self.bits[spec.key, value] & others).bit_count())
            ]
            counts[spec.key] = spec.read(counted)
        return counts

    def best(self, weighted, limit, excluding=None):
        """{item: score} of the `limit` best-scored items, best first, then in the default order: an item's score
        is the sum of the weights of the sets of `weighted` ([(bits, weight)]) it is in; items in none are left
        out, and so is the item `excluding`."""
        candidates = 0
        planes = []  # planes[k]: bit k of every item's score, summed a set at a time (bit-sliced counters)
        for bits, weight in weighted:
            bits &= self.everything
            candidates |= bits
            for plane in range(weight.bit_length()):
                if weight >> plane & 1:
                    _add_at(planes, plane, bits)
        if excluding is not None:
            candidates &= ~(1 << excluding)
        best = {}
        for score in range(sum(weight for _, weight in weighted), 0, -1):
            if len(best) == limit:
                break
            scored = candidates
            for plane, bits in enumerate(planes):
                scored &= bits if score >> plane & 1 else ~bits
            if scored:
                best.update((item, score) for item in self.first(EVERY_ITEM, scored, limit - len(best)))
        return best

    def placed_by(self, key):
        """The bits of the items order `key` places."""
        return self.orders[key][1]

    def first(self, key, bits, limit):
        """The first `limit` items of `bits` in order `key` (EVERY_ITEM: the default one; only those it places),
        in that order."""
        order, placed, positions = self.orders[key]
        bits &= placed
        found = bits.bit_count()
        if found * found <= limit * len(order):
            # Few: sorted by place. Else walking the order finds `limit` of them within about
            # limit * len(order) / found places, fewer than there are to sort.
            return sorted(ids_of(bits), key=positions.__getitem__)[:limit]
        having = bits.to_bytes((placed.bit_length() + 7) // 8, "little")
        first = []
        for item in order:
            if having[item >> 3] >> (item & 7) & 1:
                first.append(item)
                if len(first) == limit:
                    break
        return first


def _add_at(planes, plane, bits):
    """Add 1 << `plane` to the score of each item of `bits`, carrying into higher planes."""
    carry = bits
    while carry:
        planes.extend([0] * (plane + 1 - len(planes)))
        planes[plane], carry = planes[plane] ^ carry, planes[plane] & carry
        plane += 1


def placed_in_order(places):
    """(the items of `places`, [(place from 1, item id)], in order; each item's place in it by id, -1: none)."""
    order = [0] * len(places)
    for position, item in places:
        order[position - 1] = item
    positions = array("l", [-1]) * (max(order, default=0) + 1)
    for position, item in enumerate(order):
        positions[item] = position
    return order, positions


def bits_of(ids):
    """An integer whose bits `ids` are set: one bytearray pass, then one conversion."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for item in ids:
        bits[item >> 3] |= 1 << (item & 7)
    return int.from_bytes(bits, "little")


# The place of each set bit in a byte: ids_of reads a byte at a time.
_BITS_OF_BYTE = [tuple(n for n in range(8) if byte >> n & 1) for byte in range(256)]


def ids_of(bits):
    """The ids whose bits are set in `bits`, in increasing order (bits_of's inverse)."""
    ids = []
    for offset, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            ids.extend(offset * 8 + n for n in _BITS_OF_BYTE[byte])
    return ids


# The index of each list, for one content generation and day: (token, day, index). Each worker keeps its own.
_indexes = {}


def facet_index(key, items, specs, token, default_order, orders=()):
    """The list `key`'s index for content generation `token` and today, built on first use."""
    today = timezone.localdate()
    kept = _indexes.get(key)
    if kept is None or kept[:2] != (token, today):
        kept = _indexes[key] = (token, today, FacetIndex.build(items, specs, default_order, orders))
    return kept[2]
