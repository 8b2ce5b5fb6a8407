"""Full-text search over practices: the stored vector and the query a reader types.

The vector uses the `compendium` text search configuration (English stemming
with accents folded, created by a migration), weighted: title first, then
place, promoter and country, then the long texts and references.
"""

from django.db import connection, transaction

from browse.cache import bump_generation

# The texts of a practice's search vector, by weight: title first, then where
# and who, then the long texts and references, then the raw classification.
# The vector is the concatenation of each text's own weighted vector, in this
# order, so it can also be assembled from vectors computed beforehand.
VECTOR_PARTS = [
    ("A", ["title"]),
    ("B", ["place", "promoter", "country_name"]),
    ("C", ["purpose", "rationale", "process", "impact", "further_information", "references_text"]),
    ("D", ["type_text", "area_text"]),
]
VECTOR_TEXTS = [name for _, names in VECTOR_PARTS for name in names]


def text_vector_sql(text_sql, weight):
    return f"setweight(to_tsvector('compendium', coalesce({text_sql}, '')), '{weight}')"


def part_vector_sql(weight, text_sql_for):
    """SQL for the vector of one weight's texts, given `text_sql_for(text name)` -> SQL of that text."""
    names = dict(VECTOR_PARTS)[weight]
    return " || ".join(text_vector_sql(text_sql_for(name), weight) for name in names)


def search_vector_sql(part_sql_for, weights="ABCD"):
    """SQL for the vector of these weights, given `part_sql_for(weight)` -> SQL for that weight's part."""
    return " || ".join(part_sql_for(weight) for weight, _ in VECTOR_PARTS if weight in weights)


# The heading vector ranks matches: title, then place, promoter and country.
HEADING_WEIGHTS = "AB"


_SOURCE_TEXTS = {"country_name": "c.name", "references_text": "refs.text"}

_REFRESH_SQL = f"""
UPDATE practices_practice AS p SET search_vector = {
    search_vector_sql(lambda weight: part_vector_sql(weight, lambda name: _SOURCE_TEXTS.get(name, f"p.{name}")))
}, heading_vector = {
    search_vector_sql(
        lambda weight: part_vector_sql(weight, lambda name: _SOURCE_TEXTS.get(name, f"p.{name}")), HEADING_WEIGHTS
    )
}
FROM practices_practice AS source
LEFT JOIN compendium_country AS c ON c.code = source.country_id
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', r.label, r.url), ' ' ORDER BY r.position) AS text
    FROM practices_referencelink AS r WHERE r.practice_id = source.id
) AS refs ON true
WHERE p.id = source.id
"""  # noqa: S608 - built from constants


def refresh_search_vectors(practice_ids=None):
    """Recompute the stored search vector of these practices (all when None).

    Called by every write path (importer, admin, generator) after the practice
    and its references are saved.
    """
    with connection.cursor() as cursor:
        if practice_ids is None:
            cursor.execute(_REFRESH_SQL)
        else:
            cursor.execute(_REFRESH_SQL + " AND p.id = ANY(%s)", [list(practice_ids)])
    forget_cached_counts()


def forget_cached_counts():
    """Retire every cached count and facet of the practice list (after any change to practices).

    Once now and once after the commit, so a reader who recounted in between
    does not keep the old numbers.
    """
    bump_generation("practices")
    transaction.on_commit(lambda: bump_generation("practices"))
