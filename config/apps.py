from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's configuration: an app so its database commands and deployment checks are found."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self):
        from config import checks  # noqa: F401  (registers the checks)
