from django.db import migrations

# Keep the practices table narrow: long texts and the search vector live in the
# TOAST table, so the scans behind counts and facets read a few hundred bytes
# per practice instead of several kilobytes. lz4 (where the server has it)
# compresses and decompresses those texts faster than the default pglz.
LONG_COLUMNS = ["purpose", "rationale", "process", "impact", "further_information", "duration_text", "search_vector"]
NARROW = "ALTER TABLE practices_practice SET (toast_tuple_target = 256);"
LZ4 = """
DO $$ BEGIN
    ALTER TABLE practices_practice {};
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server; keeping pglz';
END $$;
""".format(", ".join(f"ALTER COLUMN {column} SET COMPRESSION lz4" for column in LONG_COLUMNS))


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_editors")]

    operations = [
        migrations.RunSQL(NARROW, "ALTER TABLE practices_practice RESET (toast_tuple_target);"),
        migrations.RunSQL(LZ4, migrations.RunSQL.noop),
    ]
