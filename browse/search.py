"""Full-text search pieces every list shares: the reader's query and highlighted snippets.

English pages search with the `compendium` text search configuration (English
stemming with accents folded), French pages with `french_unaccent` (French
stemming, accents folded) over the French vectors: each a migration's.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db.models import Func, TextField, Value
from django.db.models.functions import Left, Right

from browse.read_ahead import rows_ahead
from editorial.translation import page_language

# Each page language's text search configuration.
SEARCH_CONFIGS = {"en": "compendium", "fr": "french_unaccent"}
SEARCH_WORD = re.compile(r"\w+", re.UNICODE)
# Headline markers: private-use characters no text contains, turned into <mark>
# by templates after escaping, so nothing an editor typed can become HTML.
SNIPPET_START, SNIPPET_STOP = "\ue000", "\ue001"


# The parameter of the request the search box sends as the reader types.
TYPING_PARAMETER = "typing"
# The fewest letters a word matches the beginning of words with: one or two letters begin most words
# of any list, which tells a reader nothing and is the slowest search there is to count.
SHORTEST_PREFIX = 3


def text_searched_while_typing(text):
    """What the as-you-type request searches: the text, less a last word still too short to be a prefix."""
    words = list(SEARCH_WORD.finditer(text))
    if words and len(words[-1].group()) < SHORTEST_PREFIX:
        return text[: words[-1].start()].rstrip()
    return text


def can_be_a_prefix(text):
    """Whether the last word of `text` is long enough to match the beginnings of words."""
    words = SEARCH_WORD.findall(text)
    return bool(words) and len(words[-1]) >= SHORTEST_PREFIX


def search_query(text, prefix=False):
    """A tsquery for what a reader typed: every word must match a whole (stemmed) word.

    With `prefix` (while typing, or when whole words find nothing) the last word
    matches the beginning of a word too.
    """
    words = SEARCH_WORD.findall(text)
    if not words:
        return None
    terms = [*words[:-1], words[-1] + ":*"] if prefix else words
    return SearchQuery(" & ".join(terms), search_type="raw", config=search_config())


def search_config():
    """The text search configuration of the page's language, which its vectors were made with."""
    return SEARCH_CONFIGS[page_language()]


ELLIPSIS = "…"
# How much of a document's start and end is read to tell whether a snippet starts or ends it.
EDGE_CHARACTERS = 200


def joined_texts(*texts):
    """`texts` (expressions or column names) as one document, joined by spaces, empty ones left out. One SQL
    function call: nested `Concat`s of a long document took milliseconds to compile on every search page."""
    return Func(Value(" "), *texts, function="concat_ws", output_field=TextField())


def headline_snippets(queryset, document, query):
    """{id: [(text, is_match)]} for the rows of `queryset`: where `document` (plain text, never Markdown: a
    snippet must not cut through a link's markup) best matches `query`, in one query.

    The fragment is made of whole words; one that does not start (or end) the
    document is introduced (or followed) by "…". The match markers are split
    out, to be escaped and marked by the template. One fragment: a second doubles
    the headline's cost, and the page's time is mostly theirs.
    """
    rows = queryset.annotate(
        snippet=SearchHeadline(
            document, query, config=search_config(), start_sel=SNIPPET_START, stop_sel=SNIPPET_STOP,
            max_words=32, min_words=16, max_fragments=1,
        ),
        document_start=Left(document, EDGE_CHARACTERS),
        document_end=Right(document, EDGE_CHARACTERS),
    ).values_list("pk", "snippet", "document_start", "document_end")  # fmt: skip
    # Sent ahead of the page's drawing, which it takes about as long as (browse/read_ahead.py).
    return rows_ahead(
        rows,
        lambda read: {pk: highlighted_pieces(bounded_snippet(snippet, start, end)) for pk, snippet, start, end in read},
    )


def bounded_snippet(snippet, document_start, document_end):
    """The snippet on one line, with "…" where it begins after the document's start or stops before its end."""
    text = " ".join(snippet.split())
    words = SEARCH_WORD.findall(text.replace(SNIPPET_START, " ").replace(SNIPPET_STOP, " "))
    if not words:
        return text
    if SEARCH_WORD.findall(document_start or "")[:3] != words[:3]:
        text = f"{ELLIPSIS} {text}"
    if SEARCH_WORD.findall(document_end or "")[-3:] != words[-3:]:
        text = f"{text} {ELLIPSIS}"
    return text


def highlighted_pieces(text):
    """Split a headline into [(text, is_match)] so templates can escape and mark it."""
    pieces = []
    for index, part in enumerate(text.replace(SNIPPET_STOP, SNIPPET_START).split(SNIPPET_START)):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces
