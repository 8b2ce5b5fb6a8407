"""The shared vocabulary in the page's language: one place for every name a reader sees.

Countries: their names from CLDR, through Babel (pinned in requirements.txt),
by ISO code; English pages keep the names the compendium uses. Themes, areas,
practice types and project categories: by slug, from
`fixtures/vocabulary_<language>.json`; a term it lacks keeps its English
name (`in_language` says so, for a lang attribute). Slugs never change: they
are the addresses' and the filters' values in every language.
"""

import json
import unicodedata
from functools import cache

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language

ENGLISH = "en"


def page_language():
    """The active language's primary subtag, one of the site's languages ("en", "fr"); English otherwise."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in {code.split("-")[0] for code, _ in settings.LANGUAGES} else ENGLISH


@cache
def _territories(language):
    return Locale.parse(language).territories


@cache
def _terms(language):
    path = settings.BASE_DIR / "fixtures" / f"vocabulary_{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def country_name(code, name):
    """The country `code` in the page's language (CLDR's name); `name`, the stored English one, on English pages."""
    language = page_language()
    if language == ENGLISH or not code:
        return name
    return _territories(language).get(str(code).upper(), name)


def term_name(kind, slug, name):
    """A term of the vocabulary `kind` ("themes", "areas", "practice_types", "categories") in the page's language."""
    language = page_language()
    if language == ENGLISH:
        return name
    return _terms(language).get(kind, {}).get(slug, name)


def term_labels(kind):
    """{slug: name} of the vocabulary `kind` in the page's language, for an export; empty on English pages."""
    language = page_language()
    return {} if language == ENGLISH else dict(_terms(language).get(kind, {}))


def country_labels():
    """{ISO code: CLDR's name} in the page's language, for an export; empty on English pages."""
    language = page_language()
    if language == ENGLISH:
        return {}
    return {code: name for code, name in _territories(language).items() if len(code) == 2 and code.isalpha()}


def in_language(kind, slug):
    """The language a term's name is shown in: the page's, or English where no translation is known."""
    language = page_language()
    if language == ENGLISH or slug in _terms(language).get(kind, {}):
        return get_language()
    return ENGLISH


def names_of(kind):
    """relabel(slug, name) for a facet or a chart of the vocabulary `kind`."""

    def relabel(slug, name):
        return term_name(kind, slug, name)

    return relabel


def alphabetical(name):
    """A sort key for dictionary order whatever the accents ("Égypte" between "Danemark" and "Espagne")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
