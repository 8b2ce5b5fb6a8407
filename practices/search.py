"""Full-text search over practices: the stored vector and the query a reader types.

The vector uses the `compendium` text search configuration (English stemming
with accents folded, created by a migration), weighted: title first, then
place, promoter and country, then the long texts and references.
"""

from django.db import connection, transaction

from compendium.cache import bump_generation

_REFRESH_SQL = """
UPDATE practices_practice AS p SET search_vector =
    setweight(to_tsvector('compendium', p.title), 'A')
    || setweight(to_tsvector('compendium', concat_ws(' ', p.place, p.promoter, c.name)), 'B')
    || setweight(to_tsvector('compendium', concat_ws(' ',
            p.purpose, p.rationale, p.process, p.impact, p.further_information, refs.text)), 'C')
    || setweight(to_tsvector('compendium', concat_ws(' ', p.type_text, p.area_text)), 'D')
FROM practices_practice AS source
LEFT JOIN compendium_country AS c ON c.code = source.country_id
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', r.label, r.url), ' ' ORDER BY r.position) AS text
    FROM practices_referencelink AS r WHERE r.practice_id = source.id
) AS refs ON true
WHERE p.id = source.id
"""


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
