"""Related items: one rule for practices, projects and academy modules, in every direction.

Each app registers the kind of item it publishes (from its AppConfig.ready):
the list that publishes its items, which of its items are public, and how one
is shown in a list. This package imports no app, so the rule sits below all of
them and each page asks it for every kind at once.

The rule: items sharing tags or areas with this one, each shared tag counting
2 and each shared area 1, best first, then in their list's order (the
compendium's, the projects' acronyms, the courses'); at most `LIMIT` a kind.
The scores are counted in each list's facet index (its "tag" and "area"
facets), so a page's related items cost no scan of the link tables however
many items there are.
"""

from dataclasses import dataclass

from browse.cache import cached_read, generation_read_once

LIMIT = 6

# What one shared value counts: (the facet of each kind's list, the relation of each kind's items, its weight).
SHARED = (("tag", "tags", 2), ("area", "areas", 1))


@dataclass(frozen=True)
class RelatedItem:
    title: str
    url: str
    note: str = ""


class RelatedKind:
    """A kind of item that takes part: `listing` is the Listing publishing its items, with "tag" and "area"
    facets."""

    def __init__(self, key, heading, listing, published, title, note):
        self.key, self.heading, self.listing = key, heading, listing
        # The published items, loaded with what `title` and `note` (item -> text) read: an item is listed
        # by its title, the note beside it.
        self.published, self.title, self.note = published, title, note

    def best_scored(self, item, limit, excluding=None):
        """{item id: score} of the `limit` best-scored listed items sharing tags or areas with `item` (of any
        kind, its tags and areas loaded), best first."""
        index = self.listing.facet_index()
        weighted = [
            (index.matching(facet, [term.slug]), weight)
            for facet, relation, weight in SHARED
            for term in getattr(item, relation).all()
        ]
        return index.best(weighted, limit, excluding)


@dataclass(frozen=True)
class RelatedGroup:
    kind: str
    heading: str
    items: list


_kinds = {}


def register(kind):
    _kinds[kind.key] = kind


def related_to(kind_key, item, limit=LIMIT):
    """[RelatedGroup] for `item`, of kind `kind_key` (its tags and areas loaded): every kind's related published
    items."""
    return cached_read("related", f"{kind_key}:{item.pk}:{limit}", lambda: _related_to(kind_key, item, limit))


def _related_to(kind_key, item, limit):
    groups = []
    with generation_read_once():  # every kind's index is of one content generation, read once
        for kind in _kinds.values():
            best = kind.best_scored(item, limit, excluding=item.pk if kind.key == kind_key else None)
            if not best:
                continue
            # Only the items shown are read, for their titles, addresses and notes.
            places = {pk: place for place, pk in enumerate(best)}
            shown = sorted(kind.published().filter(pk__in=list(best)), key=lambda each: places[each.pk])
            items = [RelatedItem(kind.title(each), each.get_absolute_url(), kind.note(each)) for each in shown]
            if items:
                groups.append(RelatedGroup(kind.key, kind.heading, items))
    return groups
