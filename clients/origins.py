"""Whether a form was sent from one of our own pages, for forms that carry no CSRF token.

Browsers say where a POST comes from in `Origin` (every current browser sends
it on a form's POST) or, failing that, in `Referer`. A post that says it comes
from another site, or says nothing at all, is refused: no session is needed
for the check, so the quiz stays anonymous and sets no cookie.
"""

from urllib.parse import urlsplit


def comes_from_this_site(request):
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin == own
    referer = request.META.get("HTTP_REFERER", "")
    parts = urlsplit(referer)
    return bool(referer) and f"{parts.scheme}://{parts.netloc}" == own
