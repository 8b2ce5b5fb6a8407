from django.db import migrations

# Every exported cell goes through this: empty text becomes an empty field,
# and text a spreadsheet would run as a formula gets a leading apostrophe
# (OWASP's list of triggers: = + - @ tab CR LF). The value is read once: for
# a long text kept out of line, every mention would mean fetching it again.
CREATE_FUNCTION = r"""
CREATE FUNCTION csv_cell(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT NULLIF(regexp_replace(value, '^([-=+@\t\r\n])', '''\1'), '')
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("compendium", "0003_search_match_cost")]

    operations = [migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION csv_cell(text);")]
