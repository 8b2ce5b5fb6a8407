"""Reads for the public practice pages: facets, snippets, related practices, export rows."""

import hashlib

from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat

from browse.cache import cached, generation
from browse.columns import iso_month
from browse.csv_export import absolute_url, joined, yes_no
from browse.listing import build_facet, count_by, count_through
from browse.search import headline_snippets
from practices.models import Level, Practice, TaggedPractice

LEVEL_LABELS = dict(Level.choices)
RELATED_COUNT = 6


FACET_TITLES = {
    "theme": "Theme", "country": "Country", "level": "Level of government", "area": "Area of intervention",
    "type": "Type", "tag": "Tag", "ongoing": "Status",
}  # fmt: skip
SINGLE_VALUED = {"theme", "level", "ongoing"}


def practice_counts(filterset):
    """The number of matching practices and each facet's [(value, label, count)], cached per filter state.

    Each facet is counted with every active filter applied except its own.
    """
    generation_number = generation("practices")
    if generation_number is None:
        return _count_practices(filterset)
    digest = hashlib.sha256(filterset.canonical_state().encode()).hexdigest()[:32]
    return cached(f"practice-counts:{generation_number}:{digest}", lambda: _count_practices(filterset))


def _count_practices(filterset):
    without = filterset.queryset_without
    return {
        "total": filterset.qs.count(),
        "theme": count_by(without("theme"), "theme__slug", "theme__title"),
        "country": count_by(without("country"), "country__code", "country__name"),
        "level": [(value, LEVEL_LABELS.get(value, value), n) for value, _, n in count_by(without("level"), "level")],
        "area": count_through(Practice.areas.through.objects, "practice", without("area"), "area__slug", "area__name"),
        "type": count_through(
            Practice.types.through.objects, "practice", without("type"), "practicetype__slug", "practicetype__name"
        ),
        "tag": count_through(TaggedPractice.objects, "content_object", without("tag"), "tag__slug", "tag__name"),
        "ongoing": [("1", "Ongoing", n) for value, _, n in count_by(without("ongoing"), "ongoing") if value == "True"],
    }


def practice_facets(filterset, counts, query):
    """The facets beside the list, each value a link adding or removing itself."""
    selected = filterset.selected_values()
    return [
        build_facet(query, key, title, counts[key], selected.get(key, {}), multiple=key not in SINGLE_VALUED)
        for key, title in FACET_TITLES.items()
    ]


def list_page_queryset(queryset):
    """Only what a result line shows."""
    return queryset.select_related("country", "theme").only(
        "title", "slug", "place", "level", "promoter", "duration_text", "ongoing", "start", "end", "purpose",
        "status", "country__name", "country__code", "theme__title", "theme__slug",
    )  # fmt: skip


def search_snippets(practice_ids, query):
    """{id: [(text, is_match)]} for the practices on one page, in one query."""
    if not practice_ids or query is None:
        return {}
    document = Concat(
        "purpose", Value(" "), "rationale", Value(" "), "process", Value(" "), "impact", Value(" "),
        "place", Value(" "), "promoter", output_field=TextField(),
    )  # fmt: skip
    return headline_snippets(Practice.objects.filter(pk__in=practice_ids), document, query)


def practice_for_page(slug):
    return (
        Practice.objects.select_related("country", "theme")
        .prefetch_related("types", "areas", "tags", "references")
        .filter(slug=slug)
        .first()
    )


# Practices sharing this one's tags (counted double) and areas, best first. The
# scores come from the link tables alone (index-only scans); only the best
# candidates are then checked for publication and ordered by title.
_RELATED_SQL = """
WITH scores AS (
    SELECT shared.practice_id, sum(shared.weight) AS score FROM (
        SELECT content_object_id AS practice_id, 2 AS weight FROM practices_taggedpractice
        WHERE tag_id = ANY(ARRAY(SELECT tag_id FROM practices_taggedpractice WHERE content_object_id = %(id)s))
        UNION ALL
        SELECT practice_id, 1 FROM practices_practice_areas
        WHERE area_id = ANY(ARRAY(SELECT area_id FROM practices_practice_areas WHERE practice_id = %(id)s))
    ) AS shared
    WHERE shared.practice_id <> %(id)s
    GROUP BY shared.practice_id
    ORDER BY score DESC, shared.practice_id
    LIMIT %(candidates)s
)
SELECT scores.practice_id FROM scores
JOIN practices_practice AS p ON p.id = scores.practice_id AND p.status = 'published'
ORDER BY scores.score DESC, p.title, scores.practice_id
LIMIT %(limit)s
"""


def related_practices(practice, limit=RELATED_COUNT):
    """Published practices sharing the most tags (counted double) and areas with this one."""

    def best_ids():
        with connection.cursor() as cursor:
            cursor.execute(_RELATED_SQL, {"id": practice.pk, "candidates": limit * 10, "limit": limit})
            return [row[0] for row in cursor.fetchall()]

    generation_number = generation("practices")
    ids = best_ids() if generation_number is None else cached(f"related:{generation_number}:{practice.pk}", best_ids)
    if not ids:
        return []
    found = (
        Practice.objects.filter(pk__in=ids).select_related("country").only("title", "slug", "place", "country__name")
    ).in_bulk()
    return [found[pk] for pk in ids if pk in found]


def export_columns(request):
    """The CSV export's columns, in order, as SQL expressions over a practice."""
    return [
        ("title", F("title")),
        ("url", absolute_url(request, "practices:detail", "slug")),
        ("country_code", F("country_id")),
        ("country", F("country__name")),
        ("place", F("place")),
        ("level", F("level")),
        ("theme", F("theme__title")),
        ("types", joined(F("link_summary__type_names"))),
        ("areas", joined(F("link_summary__area_names"))),
        ("tags", joined(F("link_summary__tag_names"))),
        ("promoter", F("promoter")),
        ("duration", F("duration_text")),
        ("start", iso_month("start")),
        ("end", iso_month("end")),
        ("ongoing", yes_no("ongoing")),
        # Long texts go out as the Markdown editors wrote, so links keep their addresses.
        ("purpose", F("purpose")),
        ("rationale", F("rationale")),
        ("process", F("process")),
        ("impact", F("impact")),
        ("references", joined(F("link_summary__reference_texts"))),
    ]
