"""HEAD answers like GET, without a body, on every public page: monitors and link checkers use it."""

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from contributions.links import sign_in_link
from tests import factories as make
from tests.academy import builders as build
from tests.contributions import builders as build_submission
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db


def public_url_names(patterns=None, namespace=""):
    """Every named URL outside the admin, namespaced as reverse() wants it."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) == settings.ADMIN_URL:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += public_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


# Pages a signed-in contributor sees (anyone else is sent to sign in).
CONTRIBUTORS_PAGES = {"contributions:mine", "contributions:new", "contributions:detail", "contributions:edit"}


@pytest.fixture
def signed_in(contributor):
    """The contributor's browser (signed in before any link is made: signing in uses links up)."""
    browser = Client()
    browser.force_login(contributor)
    return browser


@pytest.fixture
def one_of_everything(contributor, signed_in):
    practice = make.practice("Head practice", slug="head-practice")
    other = make.practice("Another practice", slug="another-practice")
    draft = build_submission.submission(contributor)
    project = make_project.project("HEAD", slug="head-project")
    course = build.course("Head course", slug="head-course")
    module = build.module(course, "Head module", slug="head-module")
    build.question(module, "Is HEAD a GET without a body?")
    return {
        "home": [],
        "sitemap": [],
        "robots": [],
        "documents:compendium": [],
        "documents:dossier": [],
        "practices:list": [],
        "practices:export": [],
        "practices:export_xlsx": [],
        "practices:export-columns": [],
        "practices:datapackage": [],
        "practices:cite_bib": [practice.slug],
        "practices:feed": [],
        "practices:detail": [practice.slug],
        "practices:map": [],
        "practices:charts": [],
        # Pages whose example needs a query: the address itself.
        "practices:compare": f"/practices/compare/?p={practice.slug}&p={other.slug}",
        "practices:compare_csv": f"/practices/compare.csv?p={practice.slug}&p={other.slug}",
        "projects:list": [],
        "projects:export": [],
        "projects:export_xlsx": [],
        "projects:export-columns": [],
        "projects:datapackage": [],
        "projects:detail": [project.slug],
        "academy:list": [],
        "academy:export": [],
        "academy:export_xlsx": [],
        "academy:export-columns": [],
        "academy:datapackage": [],
        "academy:course": [course.slug],
        "academy:module": [course.slug, module.slug],
        "contributions:landing": [],
        "contributions:sign_in": [],
        "contributions:link_sent": [],
        # A link's page is a GET that uses nothing up: its token rides in the query.
        "contributions:link": sign_in_link("", contributor),
        "contributions:invitation": sign_in_link("", contributor, invitation=True),
        "contributions:sign_out": [],
        "contributions:mine": [],
        "contributions:new": [],
        "contributions:detail": [draft.pk],
        "contributions:edit": [draft.pk],
        "api:index": [],
        "api:practices": [],
        "api:practice": [practice.slug],
        "api:projects": [],
        "api:project": [project.slug],
        "api:courses": [],
        "api:course": [course.slug],
        "api:modules": [],
        "api:module": [course.slug, module.slug],
        "api:vocabulary": [],
        "api:schema": [],
        "api:docs": [],
    }


def test_every_public_page_answers_head_like_get(client, signed_in, one_of_everything):
    names = public_url_names()
    assert sorted(names) == sorted(one_of_everything), "a new public URL: add an example of it above"
    for name in names:
        example = one_of_everything[name]
        url = example if isinstance(example, str) else reverse(name, args=example)
        client = signed_in if name in CONTRIBUTORS_PAGES else client
        get = client.get(url)
        if get.streaming:  # read to its end, as a server ends every answer: the whole export's first holds its lock
            b"".join(get.streaming_content)
        head = client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.get("Content-Disposition") == get.get("Content-Disposition"), url
        assert b"".join(head.streaming_content if head.streaming else [head.content]) == b"", url


def served(request):
    """The response's bytes as a WSGI server reads them: it iterates the body even for HEAD, then drops it."""
    response = WSGIHandler().get_response(request)
    return response, b"".join(response)  # not closed: that would end the test's database connection


def test_head_on_an_export_does_not_run_the_export(one_of_everything):
    requests = RequestFactory()
    for name in ["practices:export", "projects:export", "academy:export"]:
        with CaptureQueriesContext(connection) as get_queries:
            get, get_body = served(requests.get(reverse(name)))
        with CaptureQueriesContext(connection) as head_queries:
            head, head_body = served(requests.head(reverse(name)))
        assert (get.status_code, head.status_code) == (200, 200), name
        assert get_body.startswith(b"\xef\xbb\xbf") and head_body == b"", name
        assert any("COPY" in query["sql"] for query in get_queries), name
        assert not any("COPY" in query["sql"] for query in head_queries), name


def test_other_methods_are_still_refused(client, one_of_everything):
    assert client.post(reverse("practices:list")).status_code == 405
    assert client.delete(reverse("practices:detail", args=["head-practice"])).status_code == 405
