"""Requests the portal refuses early, and database trouble answered politely."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.http.request import split_domain_port

from api.middleware import is_api_request
from clients.answers import refusal

logger = logging.getLogger(__name__)

MAX_PARAMETERS = 1000
MAX_VALUES_PER_PARAMETER = 50


def error_response(request, status, title, message):
    """JSON for the API, else `clients.answers.refusal`: plain text for a file, a styled page for a page."""
    if is_api_request(request):
        return JsonResponse({"errors": [message]}, status=status, json_dumps_params={"ensure_ascii": False})
    return refusal(request, status, title, message)


def hostile_query_problem(request):
    """Why this query string is refused, or None. Checked before any view parses it."""
    raw = request.META.get("QUERY_STRING", "")
    if raw.count("&") + raw.count(";") >= MAX_PARAMETERS:
        return f"The address has more than {MAX_PARAMETERS} parameters."
    if "%00" in raw or "\x00" in raw:
        return "The address contains a null character."
    for key in request.GET:
        if "\x00" in key or any("\x00" in value for value in request.GET.getlist(key)):
            return "The address contains a null character."
        if len(request.GET.getlist(key)) > MAX_VALUES_PER_PARAMETER:
            return f"“{key[:40]}” is given more than {MAX_VALUES_PER_PARAMETER} values."
    return None


def host_port_problem(request):
    """Why the Host header's port is refused, or None.

    Pages copy the host into canonical links and CSV files; a port the site
    is not served on would send readers to a server that is not ours.
    """
    _, port = split_domain_port(request.get_host())  # an unknown host name is a 400 already
    allowed = settings.ALLOWED_HOST_PORTS
    if not port or "*" in allowed or port in allowed:
        return None
    return "The port in this address is not one the portal is served on."


class HostPortMiddleware:
    """400 for a Host header with a port other than DJANGO_ALLOWED_HOST_PORTS (none by default in production)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = host_port_problem(request)
        if problem:
            return HttpResponse(f"Bad request\n{problem}\n", status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class HeadWithoutBodyMiddleware:
    """HEAD answers like GET with no body; a streamed export is not even started.

    WSGI servers drop the body of a HEAD response, but only after reading it:
    a HEAD on a CSV export would still run the whole COPY.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and response.streaming:
            response.streaming_content = []  # the export's generator is dropped before its first step
        return response


class HostileQueryMiddleware:
    """400 for query strings no page could want: null bytes, thousands of parameters.

    PostgreSQL cannot store a null character, so psycopg raises on one; the
    admin's changelists would answer 500. Refusing here covers every page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = hostile_query_problem(request)
        if problem:
            return error_response(request, 400, "This address cannot be answered", problem)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """503 with Retry-After when the database is down, restarting or cut a slow query short."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        response = error_response(
            request,
            503,
            "The portal is busy",
            "The database did not answer in time. Please try again in a few seconds.",
        )
        response["Retry-After"] = "5"
        return response
