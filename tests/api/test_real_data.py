"""The API on the real sources (the compendium, LIAISON, the academy), and schemathesis against its own schema.

The sources are imported once for the module and committed, then removed at
the end; each test runs in a transaction rolled back after it. Schemathesis
calls the WSGI application in the test's own thread and transaction.
"""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from reversion.models import Revision, Version
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
        assert connection.settings_dict["NAME"].startswith("test_")  # never the database the tests were given
        for command in ("import_compendium", "import_projects", "import_academy"):
            call_command(command, stdout=io.StringIO())
        yield
        for model in (Version, Revision, Course, Project, Practice, Category, FundingProgramme, Tag, Theme, Country,
                      Area, PracticeType):  # fmt: skip
            model.objects.all().delete()


pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(real_sources):
    return real_sources


@pytest.fixture
def application_in_the_tests_transaction(reads):
    """The WSGI application may not close the test's connection at the end of a request (as Django's test client)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_spain_has_seventeen_practices_and_an_unknown_country_is_a_400(client, reads):
    spain = client.get(reverse("api:practices"), {"country": "ES"})
    assert spain.status_code == 200
    assert spain.json()["count"] == 17
    assert len(spain.json()["results"]) == 17 and spain.json()["next"] is None
    unknown = client.get(reverse("api:practices"), {"country": "ZZ"})
    assert unknown.status_code == 400
    assert unknown.json() == {"errors": ["Country: Unknown country code “ZZ”."]}
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


def served_schema():
    """The schema /api/v1/schema/ serves, generated from the code when the tests are collected.

    Made here rather than asked of the application: a request at collection time
    would open a connection to the real database before the test database exists.
    """
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = WSGIHandler()
    return schema


schema = served_schema()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_answer_is_a_server_error_or_breaks_the_schema(case, application_in_the_tests_transaction):
    case.call_and_validate(checks=CHECKS)
