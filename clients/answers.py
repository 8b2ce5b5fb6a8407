"""How a request is told no (4xx) or not now (503), in the form it asked for: a file's address gets plain
text a script can read, a page's the styled page `<status>.html`. (The API answers JSON, in
`config.middleware.error_response`, which comes here for everything else.)"""

from django.http import HttpResponse
from django.template.loader import render_to_string

# Addresses of files: their clients read plain text, not a page.
FILE_SUFFIXES = (".csv", ".xlsx", ".pdf", ".json", ".bib")


def refusal(request, status, title, message):
    """`title` and `message` as plain text for a file, else as the page `<status>.html`."""
    if request.path.endswith(FILE_SUFFIXES):
        return HttpResponse(f"{title}\n{message}\n", status=status, content_type="text/plain; charset=utf-8")
    html = render_to_string(f"{status}.html", {"title": title, "message": message}, request=request)
    return HttpResponse(html, status=status)
