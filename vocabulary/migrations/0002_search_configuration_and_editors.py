from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

from editorial.editors import content_permissions, grant_to_editors

# English stemming with accents folded, so that "Neuchatel" finds "Neuchâtel".
CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION compendium (COPY = english);
ALTER TEXT SEARCH CONFIGURATION compendium
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        "compendium",
        content_permissions("area", "practicetype") + ["view_theme", "view_country"],
    )
    grant_to_editors(apps, "taggit", ["add_tag", "view_tag"])


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
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
