"""Full-text search pieces every list shares: the reader's query and highlighted snippets.

Vectors and queries use the `compendium` text search configuration (English
stemming with accents folded, created by a migration).
"""

import re

from django.contrib.postgres.search import SearchQuery

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


def highlighted_pieces(text):
    """Split a headline into [(text, is_match)] so templates can escape and mark it."""
    pieces = []
    for index, part in enumerate(text.replace(SNIPPET_STOP, SNIPPET_START).split(SNIPPET_START)):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces
