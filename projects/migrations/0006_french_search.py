"""French pages' search vector, kept by the project's trigger beside the English one.

`search_vector_fr` is the French texts where editors wrote them (the project's
and its objectives' and activities'), else the English, in the `french_unaccent`
configuration (vocabulary's migration 0007), weighted as the English vector is.
Frozen SQL, replacing migration 0004's row function.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FUNCTIONS = """
CREATE FUNCTION project_children_french_text(project bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' ',
        (SELECT string_agg(in_french(text_fr, text), ' ' ORDER BY position, id)
            FROM projects_objective WHERE project_id = project),
        (SELECT string_agg(concat_ws(' ', in_french(name_fr, name), in_french(description_fr, description)), ' '
                           ORDER BY position, id)
            FROM projects_activity WHERE project_id = project),
        (SELECT string_agg(title, ' ' ORDER BY position, id) FROM projects_resource WHERE project_id = project),
        (SELECT string_agg(concat_ws(' ', wording, counts), ' ' ORDER BY position, id)
            FROM projects_impacttarget WHERE project_id = project))
$$;

CREATE OR REPLACE FUNCTION project_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('compendium', concat_ws(' ', NEW.acronym, NEW.title)), 'A')
        || setweight(to_tsvector('compendium', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('compendium', coalesce(project_children_text(NEW.id), '')), 'C');
    NEW.search_vector_fr :=
        setweight(to_tsvector('french_unaccent', concat_ws(' ', NEW.acronym, in_french(NEW.title_fr, NEW.title))), 'A')
        || setweight(to_tsvector('french_unaccent', in_french(NEW.summary_fr, NEW.summary)), 'B')
        || setweight(to_tsvector('french_unaccent', coalesce(project_children_french_text(NEW.id), '')), 'C');
    RETURN NEW;
END $$;
"""
# Migration 0004's function, as it was.
DROP_FUNCTIONS = """
CREATE OR REPLACE FUNCTION project_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('compendium', concat_ws(' ', NEW.acronym, NEW.title)), 'A')
        || setweight(to_tsvector('compendium', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('compendium', coalesce(project_children_text(NEW.id), '')), 'C');
    RETURN NEW;
END $$;
DROP FUNCTION project_children_french_text(bigint);
"""

RECOMPUTE = "UPDATE projects_project SET id = id;"


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0007_french_search_configuration"),
        ("projects", "0005_french_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="search_vector_fr",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector_fr"], name="project_search_fr_idx"),
        ),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RunSQL(RECOMPUTE, migrations.RunSQL.noop),
    ]
