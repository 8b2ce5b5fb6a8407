from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BrowseConfig(AppConfig):
    """Browsing: lists with filters, facets, search and exports, and the cache of what they compute."""

    name = "browse"
    verbose_name = "Browsing"

    def ready(self):
        from browse.cache import forget_other_releases_counts

        post_migrate.connect(forget_other_releases_counts, sender=self, dispatch_uid="forget_other_releases_counts")
