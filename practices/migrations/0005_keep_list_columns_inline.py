from django.db import migrations

# With the long texts out of line (0003), keep what a list page and the
# relevance ranking read in the row itself: never moved to the TOAST table,
# so ranking thousands of matches does not fetch thousands of TOAST chunks.
INLINE_COLUMNS = ["title", "slug", "place", "promoter", "level", "status", "type_text", "area_text", "heading_vector"]
KEEP_INLINE = "ALTER TABLE practices_practice {};".format(
    ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in INLINE_COLUMNS)
)
DEFAULT_STORAGE = "ALTER TABLE practices_practice {};".format(
    ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in INLINE_COLUMNS)
)


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_ranking_vector_and_list_indexes")]

    operations = [migrations.RunSQL(KEEP_INLINE, DEFAULT_STORAGE)]
