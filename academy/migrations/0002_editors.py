from django.db import migrations

from editorial.editors import content_permissions, grant_to_editors

CHILDREN = ["quizquestion", "quizoption", "taggedmodule"]


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        "academy",
        content_permissions("course", "module", *CHILDREN, delete=CHILDREN) + ["publish_course"],
    )


class Migration(migrations.Migration):
    dependencies = [("academy", "0001_initial"), ("compendium", "0002_search_configuration_and_editors")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
