"""The compendium as a document: practices grouped as the compendium groups them, rendered to PDF.

The compendium's order is its themes (by position), then within a theme each
country as it first appears, then the entries in their own order
(`source_position`). A practice without a country (a transnational
network) is grouped under its promoter, as the compendium does.

WeasyPrint renders the HTML of one Django template and its print stylesheet:
A4 pages, a running header, "page X of Y", a table of contents whose page
numbers come from `target-counter()`. It fetches nothing: the document is
self-contained, and no address in an editor's text is ever requested.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from editorial.translation import untranslated

# Titles, headings, labels and dates in the page's language (/fr/practices/compendium.pdf is French); the
# practices' texts as a reader sees them (editorial/translation.py); those with no French twin (places,
# promoters, references) in the language they are written in, CONTENT_LANGUAGE, marked so.
COMPENDIUM_TITLE = gettext_lazy("Compendium of good practices on intercultural integration and multilevel governance")
COMPENDIUM_RUNNING_TITLE = gettext_lazy("Compendium of good practices")
DOSSIER_TITLE = gettext_lazy("Dossier of good practices")
SOURCE_DOCUMENT = "CDADI(2024)39"
SOURCE_DATE = datetime.date(2024, 11, 4)
CONTENT_LANGUAGE = "en"


@dataclass
class Section:
    """The entries of one country (or, without a country, one promoter) within a part."""

    heading: str
    anchor: str
    practices: list = field(default_factory=list)


@dataclass
class Part:
    """One theme of the compendium, with its countries in order."""

    theme: object
    anchor: str
    sections: list = field(default_factory=list)


def in_compendium_order(queryset):
    """The practices with everything an entry shows, by theme, then in the compendium's own order."""
    return (
        queryset.select_related("theme", "country")
        .prefetch_related("types", "areas", "references")
        .defer("search_vector", "heading_vector", "imported_values")
        .order_by("theme__position", F("source_position").asc(nulls_last=True), "title", "pk")
    )


def parts_of(practices):
    """[Part] for practices already in compendium order: one per theme, each country where it first appears."""
    parts, sections = {}, {}
    for practice in practices:
        if practice.theme_id not in parts:
            parts[practice.theme_id] = Part(practice.theme, f"theme-{practice.theme.slug}")
        part = parts[practice.theme_id]
        key = (practice.theme_id, practice.country_id or f"promoter:{practice.promoter}")
        if key not in sections:
            heading = str(practice.country) if practice.country else (practice.promoter or gettext("Transnational"))
            sections[key] = Section(heading, f"{part.anchor}-{len(part.sections) + 1}")
            part.sections.append(sections[key])
        sections[key].practices.append(practice)
    return list(parts.values())


def described_filters(filterset):
    """The active filters in words: `Country: Spain or Italy; Theme: Ensuring equality`."""
    return "; ".join(
        gettext("%(filter)s: %(value)s") % {"filter": label, "value": texts} for label, texts in filterset.described()
    )


def render_compendium(request, practices):
    """The compendium's PDF (bytes): `practices`, in compendium order, under the compendium's title."""
    return _render(request, practices, title=COMPENDIUM_TITLE, running_title=COMPENDIUM_RUNNING_TITLE)


def render_dossier(request, practices, filters):
    """A dossier's PDF (bytes): `practices`, in compendium order, with the `filters` that chose them in words."""
    return _render(
        request,
        practices,
        title=DOSSIER_TITLE,
        running_title=DOSSIER_TITLE,
        filters=filters or gettext("none (every published practice)"),
    )


def _render(request, practices, **context):
    # Imported here: WeasyPrint loads Pango and the fonts, which only documents need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    practices = list(practices)
    context.update(
        parts=parts_of(practices),
        practice_count=len(practices),
        source_document=SOURCE_DOCUMENT,
        source_date=SOURCE_DATE,
        content_lang=CONTENT_LANGUAGE,
        untranslated=untranslated(*practices),
        portal_url=request.build_absolute_uri(reverse("practices:list")),
        generated_on=timezone.localdate(),
    )
    html = render_to_string("documents/compendium.html", context)
    # No protocol is allowed: the document is self-contained and must not fetch what an editor wrote.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
