"""French pages' search vector also holds the practice's country by its French name ("Espagne").

The row trigger of migration 0016, the French heading reading `country_names_in_french_search`
(vocabulary's migration 0008); frozen SQL as there.
"""

from django.db import migrations

FUNCTION = """
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
        practice_french_heading_vector(in_french(NEW.title_fr, NEW.title), NEW.place, NEW.promoter,
                                       country_names_in_french_search(NEW.country_id))
        || practice_french_text_vector(
            in_french(NEW.purpose_fr, NEW.purpose), in_french(NEW.rationale_fr, NEW.rationale),
            in_french(NEW.process_fr, NEW.process), in_french(NEW.impact_fr, NEW.impact),
            in_french(NEW.further_information_fr, NEW.further_information), reference_text)
        || practice_french_classification_vector(NEW.type_text, NEW.area_text);
    RETURN NEW;
END $$;
"""
# Migration 0016's function, as it was.
PREVIOUS = """
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
RECOMPUTE = "UPDATE practices_practice SET id = id;"


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0008_french_country_names"),
        ("practices", "0017_written_in_either_language"),
    ]

    operations = [
        migrations.RunSQL(FUNCTION, PREVIOUS),
        migrations.RunSQL(RECOMPUTE, migrations.RunSQL.noop),
    ]
