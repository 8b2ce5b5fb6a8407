"""Checking every practice's reference addresses: a few at a time, each with a time-out and retries.

`check_links()` asks each distinct address once and records what answered in
`LinkCheck`; `manage.py check_links` runs it. Redirects are followed (up to
five); a permanent one (301, 308) is recorded, so editors can update the link.
"""

import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from practices.models import LinkCheck, ReferenceLink

USER_AGENT = "InterculturalCompendium-LinkCheck/1.0 (+checks the references cited by the compendium)"
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Outcome:
    url: str
    status: int | None  # the final answer's status, None when none came
    problem: str = ""
    moved_to: str = ""


class _NoAutomaticRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # answered as an HTTPError with the 3xx status; followed by `_ask`


_opener = urllib.request.build_opener(_NoAutomaticRedirects)


def _ask_once(url, timeout):
    """(status, Location header) of one GET, reading no body."""
    if not _is_web_address(url):  # a redirect must never lead to file: or another local scheme
        raise urllib.error.URLError("not a web address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})  # noqa: S310 - http(s) only
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as answer:
        answer.close()
        return answer.code, answer.headers.get("Location", "")


def check_one(url, *, timeout=10.0, retries=2, pause=1.0):
    """What answers at `url`, following redirects; a time-out, a refused connection or a 5xx is tried again."""
    if not _is_web_address(url):
        return Outcome(url, None, "not a web address")
    attempt = 0
    while True:
        try:
            outcome = _follow(url, timeout)
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as failure:
            outcome = Outcome(url, None, _describe(failure))
        if outcome.problem == "not a web address" or not _worth_retrying(outcome) or attempt >= retries:
            return outcome
        attempt += 1
        time.sleep(pause * attempt)


def _follow(url, timeout):
    moved_to, current = "", url
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _ask_once(current, timeout)
        if status not in REDIRECTS or not location:
            return Outcome(url, status, moved_to=moved_to)
        following = urllib.parse.urljoin(current, location)
        if status in PERMANENT and current == url:
            moved_to = following
        current = following
    return Outcome(url, None, f"more than {MAX_REDIRECTS} redirects", moved_to)


def _is_web_address(url):
    return urllib.parse.urlsplit(url).scheme in ("http", "https")


def _worth_retrying(outcome):
    return outcome.status is None or outcome.status >= 500


def _describe(failure):
    reason = getattr(failure, "reason", failure)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    return str(reason)[:200] or type(reason).__name__


def cited_addresses():
    """Every distinct address a practice cites (drafts included: editors fix them before publishing)."""
    return sorted(set(ReferenceLink.objects.exclude(url="").values_list("url", flat=True)))


def check_links(urls=None, *, concurrency=8, timeout=10.0, retries=2, pause=1.0):
    """Check each address, `concurrency` at a time, and record the outcomes; returns them."""
    urls = cited_addresses() if urls is None else list(urls)
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        outcomes = list(pool.map(lambda url: check_one(url, timeout=timeout, retries=retries, pause=pause), urls))
    record(outcomes)
    return outcomes


def record(outcomes, when=None):
    when = when or timezone.now()
    with transaction.atomic():
        for outcome in outcomes:
            LinkCheck.objects.update_or_create(
                url=outcome.url,
                defaults={
                    "status": outcome.status,
                    "problem": outcome.problem,
                    "moved_to": outcome.moved_to,
                    "checked": when,
                },
            )
