"""Full-text search pieces every list shares: the reader's query and highlighted snippets.

Vectors and queries use the `compendium` text search configuration (English
stemming with accents folded, created by a migration).
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery

from editorial.markdown import markdown_to_plain_text

SEARCH_CONFIG = "compendium"
SEARCH_WORD = re.compile(r"\w+", re.UNICODE)
# Headline markers: private-use characters no text contains, turned into <mark>
# by templates after escaping, so nothing an editor typed can become HTML.
SNIPPET_START, SNIPPET_STOP = "\ue000", "\ue001"


def search_query(text):
    """A tsquery for what a reader typed: every word must match, the last one as a prefix."""
    words = SEARCH_WORD.findall(text)
    if not words:
        return None
    terms = [*words[:-1], words[-1] + ":*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config=SEARCH_CONFIG)


def headline_snippets(queryset, document, query):
    """{id: [(text, is_match)]} for the rows of `queryset`: where `document` best matches `query`, in one query.

    The match markers are split out, to be escaped and marked by the template.
    """
    rows = queryset.annotate(
        snippet=SearchHeadline(
            document, query, config=SEARCH_CONFIG, start_sel=SNIPPET_START, stop_sel=SNIPPET_STOP,
            max_words=32, min_words=16, max_fragments=2, fragment_delimiter=" … ",
        )
    ).values_list("pk", "snippet")  # fmt: skip
    return {pk: highlighted_pieces(markdown_to_plain_text(snippet)) for pk, snippet in rows}


def highlighted_pieces(text):
    """Split a headline into [(text, is_match)] so templates can escape and mark it."""
    pieces = []
    for index, part in enumerate(text.replace(SNIPPET_STOP, SNIPPET_START).split(SNIPPET_START)):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces
