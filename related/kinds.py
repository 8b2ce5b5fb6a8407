"""Related items: one rule for practices, projects and academy modules, in every direction.

Each app registers the kind of item it publishes (from its AppConfig.ready):
where its tags and areas of intervention are linked, which of its items are
public, and how one is shown in a list. This package imports no app, so the
rule sits below all of them and each page asks it for every kind at once.

The rule: items sharing tags or areas with this one, each shared tag counting
2 and each shared area 1, best first, then by title; at most `LIMIT` a kind.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import connection

from browse.cache import cached_read

LIMIT = 6
# How many best-scored candidates of a kind are checked for publication: enough
# that a few drafts among them still leave a full list.
CANDIDATES = 50

TAG_WEIGHT, AREA_WEIGHT = 2, 1


@dataclass(frozen=True)
class LinkTable:
    """A table linking items to terms: its name, its column for the item, its column for the term."""

    table: str
    item: str
    term: str

    @classmethod
    def between(cls, through_model, item_model):
        """The table of a many-to-many or tagged-item model: one foreign key to the item, the other to the term."""
        keys = [field for field in through_model._meta.concrete_fields if field.is_relation]
        item = next(field for field in keys if field.related_model is item_model)
        term = next(field for field in keys if field is not item)
        return cls(through_model._meta.db_table, item.column, term.column)


@dataclass(frozen=True)
class RelatedItem:
    title: str
    url: str
    note: str = ""


class RelatedKind:
    """A kind of item that takes part: `tag_links` and `area_links` are its link models (tagged items, areas)."""

    def __init__(self, key, heading, tag_links, area_links, published, title, note):
        self.key, self.heading = key, heading
        # The published items, loaded with what `title` and `note` (item -> text) read: an item is listed
        # and ordered by its title, the note beside it.
        self.published, self.title, self.note = published, title, note
        self._links = (tag_links, area_links)

    @cached_property
    def tags(self):
        return LinkTable.between(self._links[0], self.published().model)

    @cached_property
    def areas(self):
        return LinkTable.between(self._links[1], self.published().model)


@dataclass(frozen=True)
class RelatedGroup:
    kind: str
    heading: str
    items: list


_kinds = {}


def register(kind):
    _kinds[kind.key] = kind


def related_to(kind_key, item_id, limit=LIMIT):
    """[RelatedGroup] for the item `item_id` of kind `kind_key`: every kind's related published items."""
    return cached_read("related", f"{kind_key}:{item_id}:{limit}", lambda: _related_to(kind_key, item_id, limit))


def _related_to(kind_key, item_id, limit):
    scores = _scores(_kinds[kind_key], item_id)
    groups = []
    for kind in _kinds.values():
        candidates = scores.get(kind.key, {})
        if not candidates:
            continue
        # Only the items shown are described (their address and note): ordering needs their titles alone.
        titled = [(kind.title(item), item) for item in kind.published().filter(pk__in=list(candidates))]
        titled.sort(key=lambda pair: (-candidates[pair[1].pk], str(pair[0]).casefold(), pair[1].pk))
        items = [RelatedItem(title, item.get_absolute_url(), kind.note(item)) for title, item in titled[:limit]]
        if items:
            groups.append(RelatedGroup(kind.key, kind.heading, items))
    return groups


def _scores(source, item_id):
    """{kind key: {item id: score}} for the best candidates of every kind, in one query."""
    # Identifiers come from the registered models and are quoted; values are parameters.
    parts, params = [], {"item": item_id, "candidates": CANDIDATES}
    for kind in _kinds.values():
        exclude_self = "WHERE shared.item <> %(item)s" if kind.key == source.key else ""
        parts.append(
            f"(SELECT %({kind.key})s AS kind, shared.item, sum(shared.weight) AS score FROM ("  # noqa: S608
            f"SELECT {_q(kind.tags.item)} AS item, {TAG_WEIGHT} AS weight FROM {_q(kind.tags.table)} "
            f"WHERE {_q(kind.tags.term)} IN (SELECT term FROM own_tags) "
            f"UNION ALL SELECT {_q(kind.areas.item)}, {AREA_WEIGHT} FROM {_q(kind.areas.table)} "
            f"WHERE {_q(kind.areas.term)} IN (SELECT term FROM own_areas)"
            f") AS shared {exclude_self} GROUP BY shared.item ORDER BY score DESC, shared.item LIMIT %(candidates)s)"
        )
        params[kind.key] = kind.key
    sql = (
        f"WITH own_tags AS (SELECT {_q(source.tags.term)} AS term FROM {_q(source.tags.table)} "  # noqa: S608
        f"WHERE {_q(source.tags.item)} = %(item)s), "
        f"own_areas AS (SELECT {_q(source.areas.term)} AS term FROM {_q(source.areas.table)} "
        f"WHERE {_q(source.areas.item)} = %(item)s) " + " UNION ALL ".join(parts)
    )
    scores = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, item, score in cursor.fetchall():
            scores.setdefault(kind, {})[item] = score
    return scores


def _q(name):
    return connection.ops.quote_name(name)
