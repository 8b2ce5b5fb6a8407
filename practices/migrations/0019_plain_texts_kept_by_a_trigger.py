"""The long texts' plain renderings kept by a row trigger instead of generated columns, so a bulk loader may supply them.

A generated column is computed for every row written, and `markdown_plain` is
costly: a synthetic practice copies the texts of a real entry, so its loader
(bench/synthetic.py) computes them once per real entry instead. The columns become
ordinary ones (their values kept) and a BEFORE trigger writes them on every insert
and on every update that changes a text or its plain rendering, whatever wrote:
the admin, an import, a plain `save()`, SQL. As the search vectors' trigger
(migration 0009), it leaves them to a loader that sets `compendium.bulk_load`.
The model still declares them as generated fields, so the ORM never writes them.
Frozen SQL, no live code imported.
"""

from django.db import migrations

TEXTS = ["purpose", "rationale", "process", "impact", "further_information"]

FUNCTION = """
CREATE FUNCTION practice_plain_texts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('compendium.bulk_load', true) = 'on' THEN
        RETURN NEW;
    END IF;
{}
    RETURN NEW;
END $$;

CREATE TRIGGER practice_plain_texts BEFORE INSERT OR UPDATE ON practices_practice
    FOR EACH ROW EXECUTE FUNCTION practice_plain_texts();
""".format(
    "\n".join(
        # An update that leaves a text and its rendering alone (a touch, a title edit) skips the costly function.
        f"    IF TG_OP = 'INSERT' OR NEW.{text} IS DISTINCT FROM OLD.{text}\n"
        f"            OR NEW.{text}_plain IS DISTINCT FROM OLD.{text}_plain THEN\n"
        f"        NEW.{text}_plain := markdown_plain(NEW.{text});\n"
        f"    END IF;"
        for text in TEXTS
    )
)
DROP_FUNCTION = "DROP TRIGGER practice_plain_texts ON practices_practice; DROP FUNCTION practice_plain_texts();"

# Metadata only: the computed values stay. Added after migration 0003, they get its lz4 as the texts have.
ORDINARY = """
ALTER TABLE practices_practice {};
DO $$ BEGIN
    ALTER TABLE practices_practice {};
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server; keeping pglz';
END $$;
""".format(
    ", ".join(f"ALTER COLUMN {text}_plain DROP EXPRESSION" for text in TEXTS),
    ", ".join(f"ALTER COLUMN {text}_plain SET COMPRESSION lz4" for text in TEXTS),
)
GENERATED = "ALTER TABLE practices_practice {};".format(
    ", ".join(
        f"DROP COLUMN {text}_plain, ADD COLUMN {text}_plain text GENERATED ALWAYS AS (markdown_plain({text})) STORED"
        for text in TEXTS
    )
)


class Migration(migrations.Migration):
    dependencies = [("practices", "0018_french_country_names_in_search")]

    operations = [
        migrations.RunSQL(ORDINARY, GENERATED),
        migrations.RunSQL(FUNCTION, DROP_FUNCTION),
    ]
