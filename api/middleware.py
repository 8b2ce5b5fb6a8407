"""What every answer under /api/ shares, decided before sessions and CSRF see the request.

The API is anonymous: the request's cookies are dropped before anything can
read them (no session, no signed-in editor, no CSRF cookie), so no answer
depends on one or sets one. Any origin may read it (CORS for GET, HEAD and
OPTIONS, never with credentials); browsers may send the conditional headers.
"""

from django.http import HttpResponse
from django.utils.cache import cc_delim_re

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Request headers a browser asks leave to send: the conditional ones (the others a GET sends are safelisted).
ALLOWED_REQUEST_HEADERS = "If-None-Match, If-Modified-Since"
# Response headers a script may read besides the safelisted ones (Last-Modified, Content-Type, …).
EXPOSED_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = 86_400


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            response = self.get_response(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        without_cookie_in_vary(response)
        return response


def without_cookie_in_vary(response):
    """No answer depends on a cookie (none is read): a shared cache need not keep one copy per visitor."""
    if not response.has_header("Vary"):
        return
    kept = [field for field in cc_delim_re.split(response["Vary"]) if field and field.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]
