from django.apps import AppConfig


class BrowseConfig(AppConfig):
    """Browsing: lists with filters, facets, search and exports, and the cache of what they compute."""

    name = "browse"
    verbose_name = "Browsing"
