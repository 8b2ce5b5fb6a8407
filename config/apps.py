from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's configuration: an app only so its database commands are found."""

    name = "config"
    verbose_name = "Configuration"
