"""Property: no query string, however odd, makes a public page or an admin changelist answer 5xx."""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories as make

KNOWN_KEYS = [
    "q", "country", "level", "theme", "area", "type", "tag", "ongoing", "year_from", "year_to", "sort", "page",
    "category", "programme", "status", "format", "back", "o", "p", "e", "all", "_changelist_filters", "place",
    "status__exact", "level__exact", "theme__id__exact", "country__code__exact",
]  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "ES",
            "es",
            "XX",
            "1",
            "0",
            "-1",
            "2022",
            "99999999999999999999",
            "relevance",
            "-start",
            "education",
            "project",
            "local",
            "%",
            "'",
            '"',
            "\\",
            "../",
            "1e9",
            "NaN",
            " ",
            "",
        ]
    ),
    st.integers().map(str),
)
PAIRS = st.lists(st.tuples(st.one_of(st.sampled_from(KNOWN_KEYS), TEXT), VALUES), max_size=8)
RAW = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
QUERIES = st.one_of(
    PAIRS.map(lambda pairs: "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)),
    RAW.map(lambda raw: quote(raw, safe="=&%+")),
    RAW.map(lambda raw: quote(raw, safe="")),
)
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def public_urls():
    urls = []
    for name in ["home", "practices:list", "practices:export", "practices:feed", "projects:list", "projects:export",
                 "academy:list", "academy:export", "practices:map", "practices:charts", "practices:compare",
                 "practices:compare_csv", "practices:export_xlsx"]:  # fmt: skip
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return urls


@pytest.fixture
def some_practices(db):
    make.practice("Anti-rumours strategy", slug="bilbao", place="Bilbao", areas=[make.area()], tags=["anti-rumours"],
                  start=make.month(2013), ongoing=True)  # fmt: skip
    make.practice("Participatory budget", slug="paris", country=make.country("FR", "France"), end=make.month(2020))


def assert_never_5xx(client, url, query):
    response = client.get(f"{url}?{query}")
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    assert response.status_code < 500, (url, query, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*public_urls(), "/practices/bilbao/"])
def test_public_pages_never_answer_5xx(client, some_practices, url):
    @FUZZ
    @given(query=QUERIES)
    def check(query):
        assert_never_5xx(client, url, query)

    check()


def changelist_urls():
    return [reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist") for m in admin.site._registry]


@pytest.mark.django_db
@pytest.mark.parametrize("url", changelist_urls())
def test_admin_changelists_never_answer_5xx(client, some_practices, url):
    client.force_login(User.objects.create_superuser("fuzzer", password="x"))

    @FUZZ
    @given(query=QUERIES)
    def check(query):
        assert_never_5xx(client, url, query)

    check()
