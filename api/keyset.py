"""Keyset pagination over a list's own order: each page starts after the last item of the one before.

The order is the FilterSet's (`ordered()`: the reader's sort, relevance while
searching, the list's default; every order ends with the id, so it is total).
Each ordering key is annotated as `keyset_<n>`; a page is the first items
strictly after the previous page's last values, in that order. The longest
run of trailing keys that are plain non-null columns of the item, all in one
direction, is compared as one row, `(title, id) > (…, …)`, which PostgreSQL
reads as the start of an index range: a deep page costs what the first does.
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import BooleanField, F, FloatField, Func, OrderBy, Q, Value
from django.db.models.expressions import Col
from django.db.models.functions import Cast

from api.cursors import CursorError

# What a cursor value must be for a key of each kind of column.
PYTHON_TYPES = {
    "CharField": (str,), "TextField": (str,), "SlugField": (str,), "DateField": (datetime.date,),
    "FloatField": (float, int), "IntegerField": (int,), "BigIntegerField": (int,), "SmallIntegerField": (int,),
    "PositiveIntegerField": (int,), "PositiveSmallIntegerField": (int,), "PositiveBigIntegerField": (int,),
    "AutoField": (int,), "BigAutoField": (int,), "SmallAutoField": (int,),
}  # fmt: skip


@dataclass(frozen=True)
class Key:
    alias: str
    expression: object
    descending: bool
    nulls_last: bool

    def order(self):
        return OrderBy(F(self.alias), descending=self.descending, nulls_last=self.nulls_last or None,
                       nulls_first=(not self.nulls_last) or None)  # fmt: skip


class RowComparison(Func):
    """`(a, b, …) > (x, y, …)` (or `<`): PostgreSQL compares rows column by column, as an index does."""

    output_field = BooleanField()

    def __init__(self, columns, values, operator):
        self.width, self.operator = len(columns), operator
        super().__init__(*columns, *(Value(value) for value in values))

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        left, right = ", ".join(parts[: self.width]), ", ".join(parts[self.width :])
        return f"({left}) {self.operator} ({right})", params


class Keyset:
    """The ordering keys of a queryset ordered by its FilterSet, and the pages along them."""

    def __init__(self, ordered):
        keys = [_key(n, item) for n, item in enumerate(ordered.query.order_by)]
        # A real number (a search rank) is read and compared in double precision: PostgreSQL's `real`
        # reaches Python rounded to its shortest decimal, which would not compare equal to itself.
        first = ordered.annotate(**{key.alias: key.expression for key in keys})
        self.keys = [
            replace(key, expression=Cast(key.expression, FloatField()))
            if first.query.annotations[key.alias].output_field.get_internal_type() == "FloatField"
            else key
            for key in keys
        ]
        self.queryset = ordered.annotate(**{key.alias: key.expression for key in self.keys}).order_by(
            *(key.order() for key in self.keys)
        )
        resolved = [self.queryset.query.annotations[key.alias] for key in self.keys]
        base_table = self.queryset.query.get_initial_alias()
        self.types = [PYTHON_TYPES.get(expression.output_field.get_internal_type(), ()) for expression in resolved]
        self.plain_columns = [
            isinstance(expression, Col) and expression.alias == base_table and not expression.target.null
            for expression in resolved
        ]

    def page(self, after, size):
        """The first `size` items after the values `after` (None: from the start), and one more if there is one."""
        queryset = self.queryset if after is None else self.queryset.filter(self.after(after))
        return list(queryset[: size + 1])

    def items(self, ids):
        """The items `ids` in that order, with their keys: a page whose order was read elsewhere (relevance)."""
        read = {item.pk: item for item in self.queryset.filter(pk__in=ids)}
        return [read[pk] for pk in ids if pk in read]

    def values_of(self, item):
        return [getattr(item, key.alias) for key in self.keys]

    def check(self, values):
        """CursorError unless `values` could be the keys of an item: one per key, each of its key's type."""
        if len(values) != len(self.keys):
            raise CursorError("not for this order")
        for value, types in zip(values, self.types, strict=True):
            if value is not None and not isinstance(value, types):
                raise CursorError("not for this order")

    def after(self, values):
        """The condition for items strictly after `values` in the order."""
        row_start = len(self.keys)
        direction = self.keys[-1].descending
        while row_start > 0 and self.plain_columns[row_start - 1] and self.keys[row_start - 1].descending == direction:
            row_start -= 1
        condition = None
        if row_start < len(self.keys):
            columns = [F(key.alias) for key in self.keys[row_start:]]
            condition = Q(RowComparison(columns, values[row_start:], "<" if direction else ">"))
        for key, value in reversed(list(zip(self.keys[:row_start], values[:row_start], strict=True))):
            beyond = _strictly_after(key, value)
            level = _equal(key, value) & condition if condition is not None else None
            parts = [part for part in (beyond, level) if part is not None]
            condition = parts[0] | parts[1] if len(parts) == 2 else (parts[0] if parts else None)
        # Nothing comes after an item equal on every key but the last and last on that: no item at all.
        return condition if condition is not None else Q(pk__in=[])


def _key(n, item):
    """A Key from one `order_by` entry: "field", "-field", F(…) or F(…).asc/desc(nulls_…)."""
    if isinstance(item, str):
        descending = item.startswith("-")
        expression, nulls_last = F(item.removeprefix("-")), None
    elif isinstance(item, OrderBy):
        descending, expression = item.descending, item.expression
        nulls_last = True if item.nulls_last else (False if item.nulls_first else None)
    else:
        descending, expression, nulls_last = False, item, None
    if nulls_last is None:
        nulls_last = not descending  # PostgreSQL's default
    return Key(f"keyset_{n}", expression, descending, nulls_last)


def _strictly_after(key, value):
    """Items whose `key` comes strictly after `value`, or None when none can."""
    if value is None:
        return None if key.nulls_last else Q(**{f"{key.alias}__isnull": False})
    beyond = Q(**{f"{key.alias}__lt" if key.descending else f"{key.alias}__gt": value})
    return beyond | Q(**{f"{key.alias}__isnull": True}) if key.nulls_last else beyond


def _equal(key, value):
    return Q(**{f"{key.alias}__isnull": True}) if value is None else Q(**{key.alias: value})
