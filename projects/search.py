"""Full-text search over projects: the stored vector.

The vector uses the `compendium` text search configuration (English stemming
with accents folded, created by a compendium migration), weighted: acronym
and title first, then the summary, then what the project sets out to do
(objectives, activities, resources, impact targets).
"""

from django.db import connection

_REFRESH_SQL = """
UPDATE projects_project AS p SET search_vector =
    setweight(to_tsvector('compendium', concat_ws(' ', p.acronym, p.title)), 'A')
    || setweight(to_tsvector('compendium', p.summary), 'B')
    || setweight(to_tsvector('compendium', concat_ws(' ',
            objectives.text, activities.text, resources.text, targets.text)), 'C')
FROM projects_project AS source
LEFT JOIN LATERAL (
    SELECT string_agg(o.text, ' ' ORDER BY o.position, o.id) AS text
    FROM projects_objective AS o WHERE o.project_id = source.id
) AS objectives ON true
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', a.name, a.description), ' ' ORDER BY a.position, a.id) AS text
    FROM projects_activity AS a WHERE a.project_id = source.id
) AS activities ON true
LEFT JOIN LATERAL (
    SELECT string_agg(r.title, ' ' ORDER BY r.position, r.id) AS text
    FROM projects_resource AS r WHERE r.project_id = source.id
) AS resources ON true
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', t.wording, t.counts), ' ' ORDER BY t.position, t.id) AS text
    FROM projects_impacttarget AS t WHERE t.project_id = source.id
) AS targets ON true
WHERE p.id = source.id
"""


def refresh_search_vectors(project_ids=None):
    """Recompute the stored search vector of these projects (all when None).

    Called by every write path (importer, admin) after the project and its
    children are saved.
    """
    with connection.cursor() as cursor:
        if project_ids is None:
            cursor.execute(_REFRESH_SQL)
        else:
            cursor.execute(_REFRESH_SQL + " AND p.id = ANY(%s)", [list(project_ids)])
