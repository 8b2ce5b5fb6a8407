from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial work"

    def ready(self):
        from editorial.editors import sync_editors_group

        # After Django has created every app's permissions (its own post_migrate receivers run first).
        post_migrate.connect(sync_editors_group, dispatch_uid="sync_editors_group")
