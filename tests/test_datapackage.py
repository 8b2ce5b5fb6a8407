"""datapackage.json beside each export: the CSV it describes, column by column, where it comes from, the filters."""

import csv
import datetime
import io
import json
import re

import pytest
from django.urls import reverse

from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db

REQUIRED = {"profile", "name", "title", "description", "homepage", "created", "sources", "filters", "resources"}


def csv_header(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return next(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def everything():
    spain = make.country("ES", "Spain")
    make.practice("Anti-rumours strategy", place="Bilbao", country=spain)
    make.practice("Local Action Plan", place="Reggio Emilia", country=make.country("IT", "Italy"))
    make_project.project("LIAISON", slug="liaison")
    build.module(build.course("Intercultural Integration Academy"), "Anti-rumour Strategy", duration_minutes=90)


@pytest.mark.parametrize(
    ("app", "query", "queries", "name", "filters"),
    [
        # Validating the country, nothing else: the types come from the columns' SQL, not from the rows.
        ("practices", "country=ES", 1, "practices-spain", [{"filter": "Country", "value": "Spain"}]),
        ("practices", "", 0, "practices", []),
        ("projects", "status=active", 0, "projects-active", [{"filter": "Status", "value": "Active"}]),
        ("academy", "", 0, "academy-modules", []),
    ],
)
def test_one_field_per_column_of_the_csv_in_its_order(client, everything, django_assert_num_queries, app, query,
                                                      queries, name, filters):  # fmt: skip
    suffix = f"?{query}" if query else "?"
    with django_assert_num_queries(queries):
        response = client.get(reverse(f"{app}:datapackage") + suffix)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = json.loads(response.content)
    assert set(package) >= REQUIRED
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == name
    assert package["filters"] == filters
    assert package["homepage"] == f"http://testserver{reverse(f'{app}:list')}{suffix}"
    assert datetime.datetime.fromisoformat(package["created"]).tzinfo is not None
    assert package["sources"] and all(source["title"] for source in package["sources"])
    (resource,) = package["resources"]
    assert resource["path"] == f"http://testserver{reverse(f'{app}:export')}{suffix}"
    assert (resource["format"], resource["mediatype"], resource["encoding"]) == ("csv", "text/csv", "utf-8-sig")
    assert resource["dialect"]["header"] is True
    fields = resource["schema"]["fields"]
    header = csv_header(client.get(reverse(f"{app}:export") + suffix))
    assert [field["name"] for field in fields] == header
    assert all(field["description"] and field["type"] for field in fields)


def test_each_column_has_its_type_and_its_data_dictionary_description(client, everything):
    practices = json.loads(client.get(reverse("practices:datapackage")).content)
    fields = {field["name"]: field for field in practices["resources"][0]["schema"]["fields"]}
    assert fields["start"]["type"] == "yearmonth"
    assert fields["title"]["type"] == "string"
    assert fields["ongoing"]["description"].startswith("yes when the source says the practice goes on")
    projects = json.loads(client.get(reverse("projects:datapackage")).content)
    assert {f["name"]: f["type"] for f in projects["resources"][0]["schema"]["fields"]}["start"] == "date"
    modules = json.loads(client.get(reverse("academy:datapackage")).content)
    types = {f["name"]: f["type"] for f in modules["resources"][0]["schema"]["fields"]}
    assert (types["duration_minutes"], types["day"], types["module"]) == ("integer", "integer", "string")


def test_the_sources_and_the_rights_as_stated(client):
    practices = json.loads(client.get(reverse("practices:datapackage")).content)
    assert practices["sources"] == [
        {"title": "Council of Europe, Draft Compendium of good practices on intercultural integration and multilevel "
                  "governance, CDADI(2024)39, 4 November 2024"}
    ]  # fmt: skip
    # No source states a licence: none is claimed.
    assert "licenses" not in practices
    assert "The sources state no licence for reuse" in practices["description"]
    projects = json.loads(client.get(reverse("projects:datapackage")).content)
    assert [source["title"].split(":")[0] for source in projects["sources"]] == [
        "LIAISON – Mutual Learning for Intercultural Appreciation and Strengthened Organisational Networks"
    ] * 2
    modules = json.loads(client.get(reverse("academy:datapackage")).content)
    assert "Intercultural Integration Academy" in modules["sources"][0]["title"]


def test_the_filters_in_words_as_the_page_shows_them(client, everything):
    response = client.get(reverse("practices:datapackage"), {"country": ["ES", "IT"], "q": "rumours"})
    package = json.loads(response.content)
    # As the chips say them, in the same order.
    assert package["filters"] == [
        {"filter": "Search", "value": "“rumours”"},
        {"filter": "Country", "value": "Italy or Spain"},
    ]
    assert package["title"] == "Good practices: the practices as CSV (Search: “rumours”; Country: Italy or Spain)"


def test_bad_filters_are_a_400_with_the_reason(client):
    response = client.get(reverse("practices:datapackage"), {"country": "XX"})
    assert response.status_code == 400
    assert "XX" in response.content.decode()


@pytest.mark.parametrize("app", ["practices", "projects", "academy"])
def test_the_list_and_the_data_dictionary_link_to_it(client, everything, django_assert_num_queries, app):
    list_page = client.get(reverse(f"{app}:list"), {"q": "anti"} if app != "projects" else {})
    datapackage = reverse(f"{app}:datapackage")
    assert f'href="{datapackage}?' in list_page.content.decode()
    with django_assert_num_queries(0):
        dictionary = client.get(reverse(f"{app}:export-columns"))
    assert f'href="{datapackage}"' in dictionary.content.decode()
    # Every column the export writes is described, in its order.
    described = re.findall(r"<td><code>(\w+)</code></td>", dictionary.content.decode())
    assert described == csv_header(client.get(reverse(f"{app}:export")))
    row = {"practices": "practice", "projects": "project", "academy": "module"}[app]
    assert f"has one row per {row} and these columns" in dictionary.content.decode()
