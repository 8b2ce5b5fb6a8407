"""A search's matches in relevance order, read once and paged in Python.

One query reads the ids of every match with its rank (`BrowseFilterSet.matches`):
the facet counts take the ids, the page takes the order. Ranks above the
lowest are few (matches in a list's short ranked vector, its heading); the
rest tie and follow in the list's default order, read off the facet index
(`FacetIndex.order`), so no second scan of the matches sorts them in SQL.
"""

from dataclasses import dataclass
from functools import cached_property

from browse.facets import bits_of, ids_of


@dataclass
class Matches:
    """The items a query selects: their ids, and the rank of each one ranked above 0 ({id: rank}) when ranked
    by relevance (one ranked 0 matched only outside the ranked vector)."""

    ids: list
    ranks: dict

    @cached_property
    def bits(self):
        return bits_of(self.ids)

    def within(self, bits):
        """The matches that are among the items of `bits`."""
        ids = ids_of(self.bits & bits)
        kept = set(ids)
        return Matches(ids, {item: rank for item, rank in self.ranks.items() if item in kept})


@dataclass
class RelevanceOrder:
    """`matches` in relevance order: higher ranks first, equal ranks in the default order of `index` (a
    FacetIndex), as `ORDER BY rank DESC, <default order>` has them; paged by offset or after an item."""

    matches: Matches
    index: object

    def page(self, bottom, size):
        """The ids of the items `bottom` to `bottom + size`."""
        matches, index = self.matches, self.index
        if not matches.ids:
            return []
        newer = set(self._newer())
        ranks = {item: rank for item, rank in matches.ranks.items() if item not in newer} if newer else matches.ranks
        lowest = 0 if len(ranks) + len(newer) < len(matches.ids) else min(ranks.values(), default=0)
        above = [item for item, rank in ranks.items() if rank > lowest]
        above.sort(key=index.positions.__getitem__)
        above.sort(key=ranks.__getitem__, reverse=True)  # stable: equal ranks stay in the default order
        page = above[bottom : bottom + size]
        if len(page) < size:
            skip = max(0, bottom - len(above))
            tied = sorted(map(index.positions.__getitem__, set(matches.ids).difference(above, newer)))
            page += [index.order[position] for position in tied[skip : skip + size - len(page)]]
            skip = max(0, bottom - len(above) - len(tied))
            page += sorted(newer)[skip : skip + size - len(page)]
        return page

    def place_after(self, rank, item):
        """How many matches come up to an item of `rank` (that item included, if it matches), or None when
        the index does not know `item` (written since it was read: the caller orders in SQL instead)."""
        if not self.index.knows(item) or self._newer():
            return None
        position, positions, ranks = self.index.positions[item], self.index.positions, self.matches.ranks

        def up_to_it(other):
            other_rank = ranks.get(other, 0)
            return other_rank > rank or (other_rank == rank and positions[other] <= position)

        return sum(map(up_to_it, self.matches.ids))

    def _newer(self):
        """The matches written since the index was read: they have no place in its order, and come last."""
        return ids_of(self.matches.bits & ~self.index.everything)
