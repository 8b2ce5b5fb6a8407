import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from config.garbage import collect_between_requests  # noqa: E402 - after Django is set up

request_finished.connect(collect_between_requests, dispatch_uid="garbage-between-requests")
