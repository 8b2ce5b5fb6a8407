from xml.etree import ElementTree

import pytest

from editorial.models import PublicationStatus
from tests import factories as make

pytestmark = pytest.mark.django_db


def test_the_feed_lists_published_practices_only(client, django_assert_num_queries):
    make.practice("Published practice", place="Bilbao", purpose="Everyone can read this.")
    make.practice("Secret draft", status=PublicationStatus.DRAFT)
    with django_assert_num_queries(1):
        response = client.get("/practices/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Bilbao: Published practice" in body
    assert "Everyone can read this." in body
    assert "Secret draft" not in body


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_french_feed_has_french_titles_and_labels_and_links_to_french_pages(client, django_assert_num_queries):
    make.practice("Anti-rumours strategy", slug="anti-rumours", place="Bilbao", purpose="Everyone can read this.")
    with django_assert_num_queries(1):  # as the English feed
        response = client.get("/fr/practices/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}title") == "Compendium interculturel\u00a0: bonnes pratiques"
    assert (
        feed.findtext(f"{ATOM}subtitle")
        == "Pratiques d'intégration interculturelle, les dernières modifications en premier."
    )
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}category").get("term") == "Espagne"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/fr/practices/anti-rumours/"
    # The practice's own texts stay as written.
    assert entry.findtext(f"{ATOM}title") == "Bilbao: Anti-rumours strategy"
    assert entry.findtext(f"{ATOM}summary") == "Everyone can read this."
    # Each feed names the other language's.
    assert alternate_feeds(feed) == [("en-gb", "http://testserver/practices/feed/")]
    english = ElementTree.fromstring(client.get("/practices/feed/").content)  # noqa: S314 - our own feed
    assert english.find(f"{ATOM}entry/{ATOM}category").get("term") == "Spain"
    assert alternate_feeds(english) == [("fr", "http://testserver/fr/practices/feed/")]


def alternate_feeds(feed):
    return [(link.get("hreflang"), link.get("href")) for link in feed.findall(f"{ATOM}link")
            if link.get("type") == "application/atom+xml"]  # fmt: skip


def test_french_pages_link_to_the_french_feed(client):
    page = client.get("/fr/practices/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" hreflang="fr" '
        'title="Bonnes pratiques\u00a0: dernières modifications" href="/fr/practices/feed/">'
    ) in page
    english = client.get("/practices/").content.decode()
    assert 'hreflang="en-gb" title="Good practices: latest changes" href="/practices/feed/">' in english
