"""Deployment checks (`manage.py check --deploy`) for settings that have a working but unlikely default."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def email_is_configured(app_configs, **kwargs):
    """Contributors sign in by e-mail: without a mail server they cannot sign in at all."""
    problems = []
    if not settings.EMAIL_URL:
        problems.append(
            Warning(
                "EMAIL_URL is not set: sign-in links and review notices go to an SMTP server on localhost:25.",
                hint="Set EMAIL_URL=smtp+tls://user:password@mail.example.org:587 (see README.md).",
                id="config.W001",
            )
        )
    if "@localhost" in settings.DEFAULT_FROM_EMAIL:
        problems.append(
            Warning(
                f"DJANGO_DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: mail servers refuse such senders.",
                hint="Set DJANGO_DEFAULT_FROM_EMAIL to an address of the portal's own domain.",
                id="config.W002",
            )
        )
    return problems
