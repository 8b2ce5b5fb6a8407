"""sitemap.xml lists every published page and nothing else; robots.txt points to it."""

import xml.etree.ElementTree as ET

import pytest

from editorial.models import PublicationStatus
from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as projects

pytestmark = pytest.mark.django_db
NAMESPACE = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def listed(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [url.text for url in ET.fromstring(response.content).findall("s:url/s:loc", NAMESPACE)]  # noqa: S314 - our own page


def test_every_published_page_is_listed_and_no_draft(client, django_assert_num_queries):
    practice = make.practice("Published")
    draft = make.practice("Draft", status=PublicationStatus.DRAFT)
    project = projects.project("LIAISON")
    course = build.course("Academy")
    module = build.module(course, "Anti-rumours")
    hidden_course = build.course("Hidden", status=PublicationStatus.ARCHIVED)
    build.module(hidden_course, "Module of a hidden course")
    with django_assert_num_queries(4):  # for practices, projects, courses and modules: the rows (paged as a list)
        urls = listed(client)
    english = [
        "/", "/practices/", "/projects/", "/academy/", practice.get_absolute_url(), project.get_absolute_url(),
        course.get_absolute_url(), module.get_absolute_url(),
    ]  # fmt: skip
    expected = [url for path in english for url in (path, f"/fr{path}")]  # each page in English, then in French
    assert urls == [f"http://testserver{path}" for path in expected]
    assert f"http://testserver{draft.get_absolute_url()}" not in urls


def test_each_page_names_its_french_and_english_addresses_as_alternates(client):
    practice = make.practice("Published")
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own page
    links = {
        (link.get("hreflang"), link.get("href"))
        for url in root.findall("s:url", NAMESPACE)
        if url.find("s:loc", NAMESPACE).text.endswith(f"/fr{practice.get_absolute_url()}")
        for link in url.findall("{http://www.w3.org/1999/xhtml}link")
    }
    address = f"http://testserver{practice.get_absolute_url()}"
    assert links == {
        ("en-gb", address),
        ("fr", f"http://testserver/fr{practice.get_absolute_url()}"),
        ("x-default", address),
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_the_exports(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /practices/export" in body
    assert "admin" not in body  # the admin's address is not advertised
