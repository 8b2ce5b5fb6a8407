"""Pages of a list: the requested page (or the last), read ids first, and the links around it."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Subquery

from browse.links import link_replacing

PAGE_SIZE = 20


def paginate(queryset, page_number, count, rows, page_ids=None, per_page=PAGE_SIZE):
    """(page, corrected): the requested page of the ordered `queryset`, or the last one when asked past the end.

    One query: the page's ids are picked by a subquery that reads only ids
    (an index-only scan, even deep down the list), or by `page_ids(bottom, size)`
    when the caller knows the order already (a search's relevance, browse/ranking.py),
    and only those rows are read in full, with what `rows(queryset)` adds (joins,
    annotations). `count` is the number of matching items, computed already.
    """
    paginator = Paginator(queryset, per_page)
    paginator.count = count
    try:
        page, corrected = paginator.page(page_number), False
    except EmptyPage:
        page, corrected = paginator.page(paginator.num_pages), True
    bottom = (page.number - 1) * per_page
    if page_ids is None:
        ids = queryset.values("pk")[bottom : bottom + per_page]
        page.object_list = list(rows(queryset.filter(pk__in=Subquery(ids))))
    else:
        ids = page_ids(bottom, per_page)
        read = {item.pk: item for item in rows(queryset.filter(pk__in=ids).order_by())}  # in the order of `ids`
        page.object_list = [read[pk] for pk in ids if pk in read]
    return page, corrected


def page_links(query, page, window=2):
    """Page numbers around the current one, with gaps, as (number, url) or (None, None)."""
    last = page.paginator.num_pages
    numbers = sorted({1, last, *range(max(1, page.number - window), min(last, page.number + window) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append((None, None))
        links.append((number, link_replacing(query, "page", number if number > 1 else None)))
        previous = number
    return links


def pagination_context(query, page):
    """The page links of `partials/pagination.html`: none for a single page."""
    return {
        "page_links": page_links(query, page) if page.paginator.num_pages > 1 else [],
        "previous_url": link_replacing(query, "page", page.previous_page_number()) if page.has_previous() else None,
        "next_url": link_replacing(query, "page", page.next_page_number()) if page.has_next() else None,
    }
