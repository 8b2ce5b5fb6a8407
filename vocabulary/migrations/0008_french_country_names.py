"""Countries' French names for the French search vectors: CLDR's, as the pages show them (vocabulary/names.py).

A table of every two-letter territory CLDR names in French, and `country_names_in_french_search(code)`: the
country's stored English name and its French one, the words a French query may use for it ("Espagne").
"""

from babel import Locale
from django.db import migrations

CREATE = """
CREATE TABLE country_name_fr (code varchar(2) PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION country_names_in_french_search(country_code text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' ', (SELECT name FROM compendium_country WHERE code = country_code),
                          (SELECT name FROM country_name_fr WHERE code = country_code))
$$;
"""
DROP = "DROP FUNCTION country_names_in_french_search(text); DROP TABLE country_name_fr;"


def fill(apps, schema_editor):
    names = [(code, name) for code, name in Locale("fr").territories.items() if len(code) == 2 and code.isalpha()]
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany("INSERT INTO country_name_fr (code, name) VALUES (%s, %s)", names)


class Migration(migrations.Migration):
    dependencies = [("compendium", "0007_french_search_configuration")]

    operations = [migrations.RunSQL(CREATE, DROP), migrations.RunPython(fill, migrations.RunPython.noop)]
