from django.db import migrations

from editorial.editors import content_permissions, grant_to_editors


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        "practices",
        content_permissions("practice", "referencelink", "taggedpractice", delete=["referencelink", "taggedpractice"])
        + ["publish_practice"],
    )


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial"), ("compendium", "0002_search_configuration_and_editors")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
