"""Every detail page's related items follow the one rule, checked the slow way on the real sources.

The rule (related/kinds.py): items sharing tags or areas, a shared tag counting 2 and a shared area 1, best
first, then in their list's order; at most six a kind. The pages count it in the lists' facet indexes; here it
is counted item by item from the link tables.
"""

import pytest

from academy.lists import MODULE_LIST
from practices.lists import PRACTICE_LIST
from projects.lists import PROJECT_LIST
from tests.compendium_data import compendium  # noqa: F401 - the module's fixture
from tests.related import related_urls

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compendium")]

KINDS = {"practices": PRACTICE_LIST, "projects": PROJECT_LIST, "modules": MODULE_LIST}


def listed(listing):
    """The list's items in its own order, with their tag and area slugs."""
    items = listing.items().order_by(*listing.filterset_class.sorts[0].order).prefetch_related("tags", "areas")
    return [(item, {tag.slug for tag in item.tags.all()}, {area.slug for area in item.areas.all()}) for item in items]


def related_the_slow_way(source, tags, areas, kind_lists):
    """{kind: [addresses]} of the items related to `source`, scored one by one."""
    related = {}
    for kind, items in kind_lists.items():
        scored = [
            (2 * len(tags & item_tags) + len(areas & item_areas), item)
            for item, item_tags, item_areas in items
            if item != source
        ]
        best = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])  # stable: list order
        related[kind] = [item.get_absolute_url() for _, item in best[:6]]
    return related


def test_every_detail_page_lists_the_related_items_the_rule_picks(client):
    kind_lists = {kind: listed(listing) for kind, listing in KINDS.items()}
    checked = with_related = 0
    for items in kind_lists.values():
        for source, tags, areas in items:
            response = client.get(source.get_absolute_url())
            assert response.status_code == 200
            expected = related_the_slow_way(source, tags, areas, kind_lists)
            shown = {kind: related_urls(response, kind) for kind in KINDS}
            assert shown == expected, source.get_absolute_url()
            checked += 1
            with_related += any(shown.values())
    assert checked >= 90  # 83 practices, the projects and the modules
    assert with_related > checked * 3 // 4  # the rule has something to show on most pages
