"""Every link a list makes from its query string: one helper each, so all lists build them alike.

A list's whole state lives in its query string. A facet value adds or removes
itself, a chip removes its filter, a page link keeps everything else, a
result link carries the list back, a form keeps what it does not set.
"""

from urllib.parse import parse_qsl

from django.urls import reverse
from django.utils.http import urlencode

from browse.search import TYPING_PARAMETER


def query_string(params):
    """`?a=1&b=2` from a list of (key, value) pairs; just `?` when empty."""
    return "?" + urlencode(params) if params else "?"


def _pairs(query, drop=("page",)):
    # The as-you-type marker belongs to one request, never to a link.
    drop = (*drop, TYPING_PARAMETER)
    return [(key, value) for key in query for value in query.getlist(key) if key not in drop and value != ""]


def _same(pair, key, value):
    # Codes and slugs match whatever their case in the URL (country=es is ES).
    return pair[0] == key and pair[1].strip().casefold() == str(value).casefold()


def link_toggling(query, key, value, multiple=True):
    """The link that adds `value` to filter `key`, or removes it when already there."""
    pairs = _pairs(query)
    if any(_same(pair, key, value) for pair in pairs):
        pairs = [pair for pair in pairs if not _same(pair, key, value)]
    else:
        if not multiple:
            pairs = [(k, v) for k, v in pairs if k != key]
        pairs.append((key, value))
    return query_string(pairs)


def link_with(query, key, value, multiple=True):
    """The link with `value` among the values of filter `key` (the only one, for a single-valued filter)."""
    pairs = [(k, v) for k, v in _pairs(query) if not (k == key and (not multiple or _same((k, v), key, value)))]
    return query_string([*pairs, (key, str(value))])


def link_without(query, key, value=None):
    """The link without filter `key` (or only without its `value`)."""
    if value is None:
        return query_string([(k, v) for k, v in _pairs(query) if k != key])
    return query_string([pair for pair in _pairs(query) if not _same(pair, key, value)])


def link_replacing(query, key, value):
    """The link with `key` set to `value` alone (sort, page)."""
    pairs = [(k, v) for k, v in _pairs(query, drop=() if key == "page" else ("page",)) if k != key]
    if value not in (None, ""):
        pairs.append((key, str(value)))
    return query_string(pairs)


def kept_parameters(query, *dropped):
    """The query's (key, value) pairs but `dropped` and `page`: hidden inputs of a form that sets `dropped`."""
    dropped = (*dropped, "page", TYPING_PARAMETER)
    return [(key, value) for key in query for value in query.getlist(key) if key not in dropped]


def back_value(query):
    """The list's query as the value of `back` (a form's hidden input); empty for the unfiltered list."""
    return urlencode(_pairs(query, drop=()))


def back_parameter(query):
    """`?back=…` for a result's link, carrying the list's query (empty for the unfiltered list)."""
    back = back_value(query)
    return "?" + urlencode({"back": back}) if back else ""


def back_to_list(request, list_url_name):
    """{"back_url", "came_from_list"} for a detail page: the list it was reached from, or the whole list."""
    back_url, came_from_list = back_link(reverse(list_url_name), request.GET.get("back", ""))
    return {"back_url": back_url, "came_from_list": came_from_list}


def back_link(list_url, back):
    """(url, came_from_list): the list a detail page was reached from, or the whole list.

    `back` is only ever read as a query string for the list, re-encoded, so it cannot point elsewhere.
    """
    pairs = [(k, v) for k, v in parse_qsl(back.lstrip("?"), keep_blank_values=False) if "\x00" not in k + v]
    back_query = urlencode(pairs[:100])
    return list_url + (f"?{back_query}" if back_query else ""), bool(back_query)
