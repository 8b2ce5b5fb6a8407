from django.db import migrations

from editorial.editors import content_permissions, grant_to_editors

CHILDREN = ["objective", "activity", "resource", "impacttarget", "partner", "sociallink", "taggedproject"]


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        "projects",
        content_permissions("project", "category", "fundingprogramme", *CHILDREN, delete=CHILDREN)
        + ["publish_project"],
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial"), ("compendium", "0002_search_configuration_and_editors")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
