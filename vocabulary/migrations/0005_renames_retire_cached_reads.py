from django.db import migrations

# A renamed term must not live on in cached facets and counts.
TABLES = ["compendium_theme", "compendium_country", "compendium_area", "compendium_practicetype", "taggit_tag"]

CREATE = "".join(
    f"CREATE TRIGGER {table}_retires_cached_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n"
    for table in TABLES
)
DROP = "".join(f"DROP TRIGGER {table}_retires_cached_reads ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0004_csv_cell_function"),
        ("browse", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
