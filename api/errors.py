"""Every problem the API answers is JSON: {"errors": ["what went wrong, in words a reader can act on"]}."""

from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import Throttled
from rest_framework.views import exception_handler as drf_exception_handler

from api.middleware import is_api_request


def errors_response(messages, status):
    return JsonResponse({"errors": list(messages)}, status=status, json_dumps_params={"ensure_ascii": False})


def exception_handler(exc, context):
    """DRF's answers to its exceptions (404, 405, 429 with Retry-After, …), in the API's error format."""
    if isinstance(exc, Throttled):
        exc = Throttled(exc.wait, detail="Too many requests from your address.")
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": flattened(response.data)}
    return response


def flattened(detail):
    if isinstance(detail, dict):
        if set(detail) == {"detail"}:
            return flattened(detail["detail"])
        return [f"{name}: {message}" for name, value in detail.items() for message in flattened(value)]
    if isinstance(detail, list):
        return [message for item in detail for message in flattened(item)]
    return [str(detail)]


# Django's own error views (config/urls.py), for addresses under /api/ that no API view answers.


def not_found(request, exception):
    if is_api_request(request):
        return errors_response(["Nothing is at this address; /api/v1/ lists the API's addresses."], 404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    if is_api_request(request):
        return errors_response(["This request cannot be answered."], 400)
    return defaults.bad_request(request, exception)


def server_error(request):
    if is_api_request(request):
        return errors_response(["Something went wrong on our side; it has been logged."], 500)
    return defaults.server_error(request)
