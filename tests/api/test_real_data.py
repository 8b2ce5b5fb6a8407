"""The API on the real sources (the compendium, LIAISON, the academy), and schemathesis against its own schema.

The sources are imported once for the module and committed (the schema's
fuzzer calls the WSGI application, which reads through its own transaction);
everything imported is removed at the end. Tests here read only.
"""

import io

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from taggit.models import Tag

from academy.models import Course
from practices.models import Practice
from projects.models import Category, FundingProgramme, Project
from vocabulary.models import Area, Country, PracticeType, Theme


@pytest.fixture(scope="module")
def real_sources(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        for command in ("import_compendium", "import_projects", "import_academy"):
            call_command(command, stdout=io.StringIO())
        yield
        for model in (Course, Project, Practice, Category, FundingProgramme, Tag, Theme, Country, Area, PracticeType):
            model.objects.all().delete()


@pytest.fixture
def reads(real_sources, django_db_blocker):
    """Database access for a test that only reads the committed sources (no transaction to roll back)."""
    with django_db_blocker.unblock():
        yield


def test_spain_has_seventeen_practices_and_an_unknown_country_is_a_400(client, reads):
    spain = client.get(reverse("api:practices"), {"country": "ES"})
    assert spain.status_code == 200
    assert spain.json()["count"] == 17
    assert len(spain.json()["results"]) == 17 and spain.json()["next"] is None
    unknown = client.get(reverse("api:practices"), {"country": "ZZ"})
    assert unknown.status_code == 400
    assert unknown.json() == {"errors": ["country: Unknown country code “ZZ”."]}
    assert unknown.json()["errors"] == client.get(reverse("practices:list"), {"country": "ZZ"}).context["errors"]


def test_every_item_of_every_list_has_its_own_answer(client, reads):
    for list_name in ("api:practices", "api:projects", "api:courses", "api:modules"):
        url, seen = reverse(list_name) + "?page_size=100", []
        while url:
            page = client.get(url).json()
            seen += [item["api_url"] for item in page["results"]]
            url = page["next"]
        assert len(seen) == page["count"] > 0, list_name
        for api_url in seen[:3] + seen[-3:]:
            assert client.get(api_url).status_code == 200, api_url
    assert page["count"] == 8  # the academy's modules


# Schemathesis ---------------------------------------------------------------------


# Loaded when the tests are collected: the schema is generated from the code, reading no data.
schema = schemathesis.openapi.from_wsgi(reverse("api:schema"), WSGIHandler())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_answer_is_a_server_error_or_breaks_the_schema(case, reads):
    case.call_and_validate(checks=CHECKS)
