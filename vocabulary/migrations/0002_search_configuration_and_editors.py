from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# English stemming with accents folded, so that "Neuchatel" finds "Neuchâtel".
CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION compendium (COPY = english);
ALTER TEXT SEARCH CONFIGURATION compendium
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""


# Editors' permissions, once granted here, are declared in editorial/editors.py.
class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CREATE_CONFIGURATION, "DROP TEXT SEARCH CONFIGURATION compendium;"),
    ]
