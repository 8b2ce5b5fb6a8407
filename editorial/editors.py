"""The Editors group: people who add, correct and publish content, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes

EDITORS_GROUP = "Editors"


def grant_to_editors(apps, app_label, codenames):
    """Give the Editors group these permissions of one app (creating both as needed).

    Used from data migrations, where permissions do not exist yet because
    Django only creates them after `migrate` finishes.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)


def content_permissions(*models, delete=()):
    """add/change/view for each model, and delete only for the ones named in `delete`."""
    codenames = [f"{action}_{model}" for model in models for action in ("add", "change", "view")]
    codenames += [f"delete_{model}" for model in delete]
    return codenames
