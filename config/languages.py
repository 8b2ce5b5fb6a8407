"""English and French: which one a request gets, and the same page's address in the other.

The address decides: /fr/… is French, any other address English (Django's
LocaleMiddleware does so once i18n_patterns has prefix_default_language=False).
A reader's browser languages (Accept-Language) choose only on arrival at the
home page: `/` from outside the portal, French first in the header, goes to
`/fr/`. A deep link is always in the language of its address, so a shared
link shows everyone the same page, and the page cache keeps one copy per
address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path

from browse.search import TYPING_PARAMETER

HOME_PATH = "/"


class HomeLanguageMiddleware:
    """`/` reached from outside the portal with French first in Accept-Language: a redirect to `/fr/`.

    From one of the portal's own pages (its Referer), `/` stays English: that is
    the reader choosing English in the language switcher.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HOME_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not _from_our_own_pages(request):
            language = translation.get_language_from_request(request)
            if language != settings.LANGUAGE_CODE:
                with translation.override(language):
                    target = reverse("home")
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                patch_cache_control(response, private=True)
                patch_vary_headers(response, ["Accept-Language"])
                return response
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language"])
        return response


def _from_our_own_pages(request):
    referer = request.META.get("HTTP_REFERER", "")
    return bool(referer) and urlsplit(referer).netloc == request.get_host()


def language_links(request):
    """The context every page has: the same page in each language, for the switcher and the hreflang alternates.

    An address outside the translated pages (the API, the admin) has none.
    """
    current = translation.get_language()
    try:
        query = request.GET.copy()
    except SuspiciousOperation:  # a query refused as too large: its error page has no other language
        return {"language_links": []}
    query.pop(TYPING_PARAMETER, None)  # the search box's as-you-type request is never an address to share
    path = escape_uri_path(request.path)
    full_path = f"{path}?{query.urlencode()}" if query else path
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(full_path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    if len({link["url"] for link in links}) < len(links):
        return {"language_links": []}
    return {"language_links": links}
