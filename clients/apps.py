from django.apps import AppConfig


class ClientsConfig(AppConfig):
    """Who a request comes from and how often it may ask: an app for the counts it keeps."""

    name = "clients"
    verbose_name = "Clients"
