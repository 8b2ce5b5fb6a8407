"""The Editors group: people who add, correct and publish content, and nothing else.

What editors may do is declared here, once. After every `migrate` the group is
brought in line with it (created when missing, given exactly these permissions),
so a new model's permissions reach editors with the migration that adds it.
"""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Editors"


def content_permissions(*models, delete=()):
    """add/change/view for each model, and delete only for the ones named in `delete`."""
    codenames = [f"{action}_{model}" for model in models for action in ("add", "change", "view")]
    return codenames + [f"delete_{model}" for model in delete]


PRACTICE_CHILDREN = ["referencelink", "taggedpractice"]
PROJECT_CHILDREN = ["objective", "activity", "resource", "impacttarget", "partner", "sociallink", "taggedproject"]
MODULE_CHILDREN = ["quizquestion", "quizoption", "taggedmodule"]

# {app label: [permission codenames]}. Vocabulary terms may be added and renamed,
# never deleted; content is archived, not deleted; its children may be removed.
EDITOR_PERMISSIONS = {
    "compendium": [*content_permissions("area", "practicetype"), "view_theme", "view_country"],
    "taggit": ["add_tag", "view_tag"],
    "practices": [
        *content_permissions("practice", *PRACTICE_CHILDREN, delete=PRACTICE_CHILDREN),
        "publish_practice",
        "view_brokenlink",
    ],
    "projects": [
        *content_permissions("project", "category", "fundingprogramme", *PROJECT_CHILDREN, delete=PROJECT_CHILDREN),
        "publish_project",
    ],
    "academy": [*content_permissions("course", "module", *MODULE_CHILDREN, delete=MODULE_CHILDREN), "publish_course"],
    # Editors review submissions (their fields stay the contributor's) and invite contributors.
    "contributions": ["view_submission", "change_submission", "view_contributor", "add_contributor"],
}


def editor_permissions():
    """The Permission rows EDITOR_PERMISSIONS names; raises when one is missing (a typo, a renamed model)."""
    wanted = {(app, codename) for app, codenames in EDITOR_PERMISSIONS.items() for codename in codenames}
    apps = list(EDITOR_PERMISSIONS)
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(content_type__app_label__in=apps).select_related("content_type")
    }
    missing = sorted(wanted - set(found))
    if missing:
        raise LookupError(f"Permissions named for editors do not exist: {missing}")
    return [found[key] for key in sorted(wanted)]


def sync_editors_group(**kwargs):
    """Give the Editors group exactly the declared permissions (a post_migrate receiver, also called directly)."""
    if not set(EDITOR_PERMISSIONS) <= {ct.app_label for ct in _installed_content_types()}:
        return  # a partial migrate: the rest of the apps are not there yet
    _create_every_apps_permissions()  # post_migrate reaches this receiver before some apps have theirs
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group


def _create_every_apps_permissions():
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)


def _installed_content_types():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.only("app_label")
