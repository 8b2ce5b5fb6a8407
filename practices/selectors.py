"""Reads for the public practice pages beyond the list (see practices/lists.py): a practice, the home page."""

import functools
import json
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils.translation import gettext, gettext_lazy
from taggit.models import Tag

from browse.cache import cached_read
from editorial.markdown import marked_address_links, render_markdown_with_anchors
from editorial.models import PublicationStatus
from editorial.translation import shown_text
from practices.lists import PRACTICE_LIST
from practices.models import LinkCheck, Practice, ReferenceLink, TaggedPractice
from related.kinds import RelatedKind
from vocabulary.models import Area, Country, PracticeType, Theme

# Large, and never on the page: the search vectors and what the last import wrote.
_UNSHOWN = ("search_vector", "heading_vector", "search_vector_fr", "imported_values")


def practice_for_page(slug):
    """The practice at `slug` with all its page shows, in one query: its country, theme, terms and references
    come with it."""
    sql, params = _page_sql()
    practice = next(iter(Practice.objects.raw(sql, [slug if param == _SLUG else param for param in params])), None)
    if practice is not None:
        for name, model in _JOINED_ROWS.items():
            row = getattr(practice, f"{name}_row")
            Practice._meta.get_field(name).set_cached_value(practice, row and _loaded(model, practice._state.db, row))
        for name, (model, _, _) in _shown_relations().items():
            loaded = [_loaded(model, practice._state.db, row) for row in getattr(practice, f"{name}_rows")]
            _as_prefetched(practice, name, loaded)
        for reference in practice.references.all():
            reference.practice = practice
    return practice


# Stands for the slug asked for in the page's query, compiled once.
_SLUG = "\x00slug\x00"
# {foreign key: model} of the rows the page shows whole beside the practice's own.
_JOINED_ROWS = {"country": Country, "theme": Theme}


@functools.cache
def _page_sql():
    """(SQL, parameters) of the practice at `_SLUG` with all its page shows: compiled once per process, as
    compiling its subqueries takes longer than running them."""
    query = (
        Practice.objects.filter(slug=_SLUG)
        .defer(*_UNSHOWN)
        .annotate(
            links_checked=_links_last_checked(),
            **{f"{name}_row": _row(name, model) for name, model in _JOINED_ROWS.items()},
            **{f"{name}_rows": _rows(query, fields) for name, (_, query, fields) in _shown_relations().items()},
        )
        .order_by()
    )
    return query.query.get_compiler(query.db).as_sql()


def _row(foreign_key, model):
    """The row of `model` the practice's `foreign_key` refers to, as one JSON object of all its fields (NULL:
    none)."""
    fields = {field.attname: field.attname for field in model._meta.concrete_fields}
    referred = model.objects.filter(pk=OuterRef(f"{foreign_key}_id"))
    return Subquery(referred.values(row=JSONObject(**fields)))


@functools.cache
def _shown_relations():
    """{relation: (model, its rows for the practice `OuterRef("pk")` in the order shown, {field: column read})}."""
    of_practice = OuterRef("pk")
    term = {"id": "id", "slug": "slug", "name": "name"}
    return {
        "types": (PracticeType, PracticeType.objects.filter(practices=of_practice), term),
        "areas": (Area, Area.objects.filter(practices=of_practice), term),
        "tags": (
            Tag,
            TaggedPractice.objects.filter(content_object=of_practice).order_by("tag_id"),
            {"id": "tag_id", "slug": "tag__slug", "name": "tag__name"},
        ),
        "references": (
            ReferenceLink,
            ReferenceLink.objects.filter(practice=of_practice).order_by("position", "pk"),
            {name: name for name in ("id", "practice_id", "position", "label", "url")},
        ),
    }


def _rows(query, fields):
    """The rows of `query` as one array of JSON objects ({field: column read}): a value of the outer query's row."""
    return ArraySubquery(query.values(row=JSONObject(**fields)))


def _loaded(model, db, row):
    """The `model` instance of a JSON row holding all its fields (in no particular order); read raw, as text."""
    row = json.loads(row)
    fields = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(db, fields, [row[field] for field in fields])


def _as_prefetched(item, relation, objects):
    """`item`'s `relation` holding `objects`, as `prefetch_related` leaves it: read without a query."""
    queryset = getattr(item, relation).all()
    queryset._result_cache, queryset._prefetch_done = objects, True
    item.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


def _links_last_checked():
    """When `check_links` last asked any of the practice's reference addresses (None: never)."""
    cited = ReferenceLink.objects.filter(practice_id=OuterRef(OuterRef("pk"))).values("url")
    return Subquery(LinkCheck.objects.filter(url__in=cited).order_by("-checked").values("checked")[:1])


def home_counts():
    """The home page's numbers: published practices by theme (compendium order) and by country."""
    published = Q(practices__status=PublicationStatus.PUBLISHED)
    themes = (
        Theme.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("position")
    )
    countries = (
        Country.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("name")
    )
    practices = Practice.objects.published()
    return {
        "themes": list(themes),
        "countries": list(countries),
        "total": practices.count(),
        "european_level": practices.filter(level="european").count(),
    }


def related_kind():
    """How practices take part in related items (registered by PracticesConfig.ready)."""
    return RelatedKind(
        "practices", gettext_lazy("Related good practices"), PRACTICE_LIST,
        published=lambda: Practice.objects.published().select_related("country").only(
            *Practice.WHEREABOUTS, "title_fr"),
        title=lambda practice: shown_text(practice, "title"),
        note=lambda practice: practice.whereabouts,
    )  # fmt: skip


# The map and the charts --------------------------------------------------------------

CHARTED = ("theme", "area", "type", "level", "country")  # facets of the practice list, drawn as bars
TIMELINE_LIMIT = 100  # practices on one timeline: beyond, it could not be read


def practice_pictures(filterset):
    """What the map and the charts draw for the practices `filterset` selects (every filter applied), cached.

    {"total", facet key: [(value, label, count)] for each charted facet, "countries": [(code or None, name,
    count)] with None for practices tied to no country, "places": [(place, country code, count)],
    "timeline": [(title, start, end, ongoing, slug)] of the earliest-starting practices, "dated": how many
    have a start}.
    """

    def count():
        # All from the list's facet index but the timeline's practices themselves.
        index, selected = PRACTICE_LIST.selection(filterset)
        charted = [spec for spec in PRACTICE_LIST.facets if spec.key in CHARTED]
        counted = index.count(selected, {}, [*charted, *PRACTICE_LIST.pictured_facets])
        pictures = {key: counted[key] for key in CHARTED} | {"total": counted["total"]}
        # The countries' bars, and the practices tied to none (code None).
        untied = counted["total"] - sum(n for _, _, n in pictures["country"])
        pictures["countries"] = pictures["country"] + ([(None, "", untied)] if untied else [])
        places = [(place, country, n) for (place, country), _, n in counted["places"]]
        pictures["places"] = sorted(places, key=lambda row: (-row[2], row[0], row[1] or ""))
        pictures["dated"] = (selected & index.placed_by("start")).bit_count()
        pictures["timeline"] = _practices_in_order(index.first("start", selected, TIMELINE_LIMIT))
        return pictures

    return cached_read("practice-pictures", filterset.canonical_state(), count)


def _practices_in_order(ids):
    """[(title, start, end, ongoing, slug)] of the practices `ids`, in that order."""
    if not ids:
        return []
    rows = (
        Practice.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .values_list("pk", "title", "start", "end", "ongoing", "slug")
    )
    found = {pk: row for pk, *row in rows}
    return [tuple(found[pk]) for pk in ids if pk in found]


# Practices side by side --------------------------------------------------------------

MIN_COMPARED, MAX_COMPARED = 2, 4


def compared_practices(query, queryset):
    """(the practices of `queryset` named by `p` in the query, in the order asked, []) or ([], [problems])."""
    slugs = list(dict.fromkeys(slug.strip() for slug in query.getlist("p") if slug.strip()))
    if not MIN_COMPARED <= len(slugs) <= MAX_COMPARED:
        problem = gettext("Choose from %(fewest)s to %(most)s practices to compare; %(chosen)s chosen.")
        return [], [problem % {"fewest": MIN_COMPARED, "most": MAX_COMPARED, "chosen": len(slugs)}]
    found = queryset.in_bulk(slugs, field_name="slug")
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        return [], [gettext("No published practice is at “%(slug)s”.") % {"slug": slug[:80]} for slug in unknown]
    return [found[slug] for slug in slugs], []


def practices_to_compare():
    return (
        Practice.objects.published().select_related("country", "theme").prefetch_related("types", "areas", "references")
    )


# A practice's texts ------------------------------------------------------------------

# An entry this long (in characters of text) gets a contents list.
LONG_ENTRY_CHARACTERS = 5000


@dataclass
class Section:
    """One part of a practice's text: its anchor, heading (none for an essay), HTML and sub-headings.

    `language` is the text's language when it is not the page's (not yet translated), else "".
    """

    anchor: str
    heading: str
    html: str
    subheadings: list
    language: str = ""


def practice_sections(practice):
    """(sections, long): the practice's texts in the compendium's order, and whether a contents list helps.

    An entry without any of the form's fields but its text (the Canadian insights, an essay) has
    one section without a heading: the source gives it none.
    """
    purpose, rationale, process, impact = (
        shown_text(practice, field) for field in ("purpose", "rationale", "process", "impact")
    )
    essay = not (rationale or process or impact or practice.type_text)
    rationale_heading = gettext("Stimulus and rationale") if process else gettext("Stimulus, rationale and process")
    parts = [
        ("purpose", "" if essay else gettext("Purpose"), purpose),
        ("rationale", rationale_heading, rationale),
        ("process", gettext("Process"), process),
        ("impact", gettext("Impact and outcomes"), impact),
    ]
    sections = []
    for anchor, heading, text in parts:
        if text:
            html, subheadings = render_markdown_with_anchors(text.text, anchor)
            language = text.language if text.is_other_language else ""
            sections.append(Section(anchor, heading, marked_address_links(html), subheadings, language))
    length = sum(len(text.text) for _, _, text in parts) + len(shown_text(practice, "further_information").text)
    return sections, length >= LONG_ENTRY_CHARACTERS
