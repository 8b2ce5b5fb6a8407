"""Search vectors computed by the database on every write, and every write retiring cached reads.

A practice's vectors are computed by a BEFORE trigger from its own row, its
country's name and its references (the same texts as before this migration);
writes to those tables touch the practices concerned, so the row trigger runs
again.
A bulk loader sets `compendium.bulk_load` and computes the vectors itself with
the same functions. Everything here is frozen SQL: no live code is imported.
"""

from django.db import migrations

FUNCTIONS = """
-- Each text is its own weighted vector, concatenated in this order.
-- Title first, then where and who: small enough to rank every match by.
CREATE FUNCTION practice_heading_vector(title text, place text, promoter text, country text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('compendium', coalesce(title, '')), 'A')
        || setweight(to_tsvector('compendium', coalesce(place, '')), 'B')
        || setweight(to_tsvector('compendium', coalesce(promoter, '')), 'B')
        || setweight(to_tsvector('compendium', coalesce(country, '')), 'B')
$$;

-- The long texts and the references.
CREATE FUNCTION practice_text_vector(
    purpose text, rationale text, process text, impact text, further_information text, reference_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('compendium', coalesce(purpose, '')), 'C')
        || setweight(to_tsvector('compendium', coalesce(rationale, '')), 'C')
        || setweight(to_tsvector('compendium', coalesce(process, '')), 'C')
        || setweight(to_tsvector('compendium', coalesce(impact, '')), 'C')
        || setweight(to_tsvector('compendium', coalesce(further_information, '')), 'C')
        || setweight(to_tsvector('compendium', coalesce(reference_text, '')), 'C')
$$;

-- The classification as submitted.
CREATE FUNCTION practice_classification_vector(type_text text, area_text text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('compendium', coalesce(type_text, '')), 'D')
        || setweight(to_tsvector('compendium', coalesce(area_text, '')), 'D')
$$;

CREATE FUNCTION practice_reference_text(practice bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(concat_ws(' ', label, url), ' ' ORDER BY position, id)
    FROM practices_referencelink WHERE practice_id = practice
$$;

CREATE FUNCTION practice_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER practice_search_vectors BEFORE INSERT OR UPDATE ON practices_practice
    FOR EACH ROW EXECUTE FUNCTION practice_search_vectors();
"""
DROP_FUNCTIONS = """
DROP TRIGGER practice_search_vectors ON practices_practice;
DROP FUNCTION practice_search_vectors(), practice_reference_text(bigint),
    practice_classification_vector(text, text), practice_text_vector(text, text, text, text, text, text),
    practice_heading_vector(text, text, text, text);
"""

# (changed table, touch_dependent_rows arguments): whose change touches which practices.
DEPENDENCIES = [
    ("practices_referencelink", "'practices_practice', 'id', 'practice_id'"),
    ("compendium_country", "'practices_practice', 'country_id', 'code'"),
]

# Tables whose writes change what readers of practices see.
CONTENT_TABLES = [
    "practices_practice", "practices_referencelink", "practices_practice_areas", "practices_practice_types",
    "practices_taggedpractice",
]  # fmt: skip


def dependency_triggers(table, arguments):
    name = f"{table}_touches_practices"
    return (
        f"CREATE TRIGGER {name}_on_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n"
        f"CREATE TRIGGER {name}_on_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n"
        f"CREATE TRIGGER {name}_on_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION touch_dependent_rows({arguments});\n",
        "".join(f"DROP TRIGGER {name}_on_{event} ON {table};\n" for event in ("insert", "update", "delete")),
    )


def generation_trigger(table):
    name = f"{table}_retires_cached_reads"
    return (
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n",
        f"DROP TRIGGER {name} ON {table};\n",
    )


TRIGGERS = [dependency_triggers(table, arguments) for table, arguments in DEPENDENCIES]
TRIGGERS += [generation_trigger(table) for table in CONTENT_TABLES]

# Every existing practice gets its vectors from the new definition.
RECOMPUTE = "UPDATE practices_practice SET id = id;"


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0008_synthetic_marker_leaves_the_model"),
        ("browse", "0001_initial"),
        ("compendium", "0004_csv_cell_function"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        *(migrations.RunSQL(create, drop) for create, drop in TRIGGERS),
        migrations.RunSQL(RECOMPUTE, migrations.RunSQL.noop),
    ]
