"""French full-text search: French stemming with accents folded, so that "integration" finds "intégration".

The French twin of `compendium` (migration 0002), for the vectors French pages
search; `in_french` picks a text's French where an editor wrote it, else its
English, the rule the pages follow (editorial/translation.py).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE FUNCTION in_french(french text, english text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(french, ''), english, '')
$$;
"""
DROP = """
DROP FUNCTION in_french(text, text);
DROP TEXT SEARCH CONFIGURATION french_unaccent;
"""


class Migration(migrations.Migration):
    dependencies = [("compendium", "0006_no_empty_tag_slugs")]

    operations = [UnaccentExtension(), migrations.RunSQL(CREATE, DROP)]
