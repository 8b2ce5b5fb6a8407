from django.db import migrations

# Matching a query against a stored search vector means reading the vector,
# which lives out of line (TOAST) for long texts. PostgreSQL prices the match
# like a cheap comparison and then prefers reading every vector in a
# sequential scan to using the GIN index, most of all for the prefix queries
# typed into the search box (400 ms instead of 20 ms at 100,000 practices).
# Pricing the match honestly lets the planner choose the index. Altering a
# built-in function needs the database owner's rights; without them the
# search still works, only slower on large data.
RAISE_COST = """
DO $$ BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Not allowed to reprice ts_match_vq; full-text search may choose slower plans.';
END $$;
"""
RESET_COST = "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 1;"


class Migration(migrations.Migration):
    dependencies = [("compendium", "0002_search_configuration_and_editors")]

    operations = [migrations.RunSQL(RAISE_COST, RESET_COST)]
