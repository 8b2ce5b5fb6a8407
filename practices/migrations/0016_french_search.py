"""French pages' search vector, kept by the practice's trigger beside the English ones.

`search_vector_fr` is the French texts where editors wrote them, else the
English, in the `french_unaccent` configuration (vocabulary's migration 0007),
weighted as the English vector is. The row trigger of migration 0009 is
replaced by the same function computing both; frozen SQL as there.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FUNCTIONS = """
-- As the English vectors of migration 0009, in French: the heading, the long texts and references, the
-- classification as submitted. Each text is French where an editor wrote it, else English (`in_french`).
CREATE FUNCTION practice_french_heading_vector(title text, place text, promoter text, country text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('french_unaccent', coalesce(title, '')), 'A')
        || setweight(to_tsvector('french_unaccent', concat_ws(' ', place, promoter, country)), 'B')
$$;

CREATE FUNCTION practice_french_text_vector(
    purpose text, rationale text, process text, impact text, further_information text, reference_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('french_unaccent',
                                 concat_ws(' ', purpose, rationale, process, impact, further_information,
                                           reference_text)), 'C')
$$;

CREATE FUNCTION practice_french_classification_vector(type_text text, area_text text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('french_unaccent', concat_ws(' ', type_text, area_text)), 'D')
$$;

CREATE OR REPLACE FUNCTION practice_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    country_name text;
    reference_text text;
BEGIN
    IF current_setting('compendium.bulk_load', true) = 'on' THEN
        RETURN NEW;
    END IF;
    country_name := (SELECT name FROM compendium_country WHERE code = NEW.country_id);
    reference_text := practice_reference_text(NEW.id);
    NEW.heading_vector := practice_heading_vector(NEW.title, NEW.place, NEW.promoter, country_name);
    NEW.search_vector := NEW.heading_vector
        || practice_text_vector(NEW.purpose, NEW.rationale, NEW.process, NEW.impact, NEW.further_information,
                                reference_text)
        || practice_classification_vector(NEW.type_text, NEW.area_text);
    NEW.search_vector_fr :=
        practice_french_heading_vector(in_french(NEW.title_fr, NEW.title), NEW.place, NEW.promoter, country_name)
        || practice_french_text_vector(
            in_french(NEW.purpose_fr, NEW.purpose), in_french(NEW.rationale_fr, NEW.rationale),
            in_french(NEW.process_fr, NEW.process), in_french(NEW.impact_fr, NEW.impact),
            in_french(NEW.further_information_fr, NEW.further_information), reference_text)
        || practice_french_classification_vector(NEW.type_text, NEW.area_text);
    RETURN NEW;
END $$;
"""
# Migration 0009's function, as it was.
DROP_FUNCTIONS = """
CREATE OR REPLACE FUNCTION practice_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('compendium.bulk_load', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.heading_vector := practice_heading_vector(
        NEW.title, NEW.place, NEW.promoter, (SELECT name FROM compendium_country WHERE code = NEW.country_id));
    NEW.search_vector := NEW.heading_vector
        || practice_text_vector(NEW.purpose, NEW.rationale, NEW.process, NEW.impact, NEW.further_information,
                                practice_reference_text(NEW.id))
        || practice_classification_vector(NEW.type_text, NEW.area_text);
    RETURN NEW;
END $$;
DROP FUNCTION practice_french_heading_vector(text, text, text, text),
    practice_french_text_vector(text, text, text, text, text, text),
    practice_french_classification_vector(text, text);
"""

RECOMPUTE = "UPDATE practices_practice SET id = id;"


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0007_french_search_configuration"),
        ("practices", "0015_french_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="search_vector_fr",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="practice",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector_fr"], name="practice_search_fr_idx"),
        ),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RunSQL(RECOMPUTE, migrations.RunSQL.noop),
    ]
