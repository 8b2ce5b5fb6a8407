"""ETag and Last-Modified of every API answer, and the 304 that saves a client the download.

Both come from the content generation (browse.models.ContentGeneration), which
database triggers move on at every write to content or vocabulary (the ETag
also from the code answering, `settings.RELEASE`), and from the day: a
project's status and an ongoing practice's years change at midnight. The
ETag also covers the address as asked (scheme, host, path and query, in their
order): the body's links are built from it. Reading them is one indexed
query, so a 304 costs nothing else.

Last-Modified counts in whole seconds (HTTP dates): a client that sends only
If-Modified-Since may miss a write made in the same second as its copy, or a
deploy that changed what an answer says; If-None-Match (the ETag) never does.
"""

import datetime
import hashlib

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from api.errors import errors_response
from browse.cache import generation_for_this_request, kept_under
from browse.models import ContentGeneration

# Stores may keep an answer but must ask again each time (a 304 is cheap).
CACHE_CONTROL = "public, no-cache"


def validators(request):
    """(ETag, Last-Modified as a timestamp, content generation) of the answer to `request` as the data stand now."""
    token, changed = ContentGeneration.objects.filter(pk=1).values_list("token", "changed").first() or ("", None)
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    last_modified = max(changed, midnight) if changed else midnight
    # The release too: a deploy may change what an answer says about the same data.
    state = f"{kept_under(token)}\n{today.isoformat()}\n{request.build_absolute_uri()}"
    return f'"{hashlib.sha256(state.encode()).hexdigest()[:32]}"', int(last_modified.timestamp()), token or "none"


def conditional(request, answer):
    """`answer()` (a response), or 304 when the client's copy is current; validators on 200 and 304."""
    etag, last_modified, token = validators(request)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None and response.status_code == 412:
        return errors_response(["The precondition failed: the answer has changed."], 412)
    if response is None:
        with generation_for_this_request(token):  # the answer is made from the data its ETag names
            response = answer()
    if response.status_code in (200, 304):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = CACHE_CONTROL
    return response
