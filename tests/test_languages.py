"""English at today's addresses, French under /fr/: which language a page is in, the switcher, the alternates."""

import re

import pytest

from tests import factories as make

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def test_english_keeps_its_addresses_and_french_lives_under_fr(client, django_assert_num_queries):
    make.practice("One")
    english = client.get("/practices/")
    with django_assert_num_queries(9):  # the same queries as the English page (tests/practices/test_list_page.py)
        french = client.get("/fr/practices/")
    assert english.status_code == french.status_code == 200
    assert html_lang(english) == "en-gb"
    assert html_lang(french) == "fr"
    assert "Bonnes pratiques" in french.content.decode()
    assert client.get("/en-gb/practices/").status_code == 404


def test_a_deep_link_stays_in_its_own_language_whatever_the_browser_prefers(client):
    practice = make.practice("One")
    deep = client.get(f"/practices/{practice.slug}/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert deep.status_code == 200
    assert html_lang(deep) == "en-gb"
    french = client.get(f"/fr/practices/{practice.slug}/", headers={"accept-language": "en"})
    assert html_lang(french) == "fr"


def test_the_home_page_follows_the_browser_on_arrival_only(client):
    arriving = client.get("/?from=mail", headers={"accept-language": "fr-CH,fr;q=0.9,en;q=0.5"})
    assert arriving.status_code == 302
    assert arriving["Location"] == "/fr/?from=mail"
    assert "Accept-Language" in arriving["Vary"]
    assert "private" in arriving["Cache-Control"]
    english_first = client.get("/", headers={"accept-language": "en-GB,fr;q=0.8"})
    assert english_first.status_code == 200
    assert html_lang(english_first) == "en-gb"
    assert "Accept-Language" in english_first["Vary"]
    # Choosing English in the switcher, from one of the portal's pages, is respected.
    chosen = client.get("/", headers={"accept-language": "fr", "referer": "http://testserver/fr/practices/"})
    assert chosen.status_code == 200
    assert html_lang(chosen) == "en-gb"
    assert html_lang(client.get("/fr/", headers={"accept-language": "en"})) == "fr"


def test_every_page_links_to_itself_in_the_other_language_keeping_its_filters(client):
    practice = make.practice("One")
    body = client.get("/fr/practices/?country=ES&sort=title").content.decode()
    assert '<a href="/practices/?country=ES&amp;sort=title" hreflang="en-gb" lang="en-gb">English</a>' in body
    assert '<span aria-current="true" lang="fr">Français</span>' in body
    assert (
        '<link rel="alternate" hreflang="en-gb" href="http://testserver/practices/?country=ES&amp;sort=title">' in body
    )
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/practices/?country=ES&amp;sort=title">' in body
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/practices/?country=ES&amp;sort=title">'
        in body
    )
    detail = client.get(f"/practices/{practice.slug}/").content.decode()
    assert f'<a href="/fr/practices/{practice.slug}/" hreflang="fr" lang="fr">Français</a>' in detail


def test_the_api_and_the_admin_have_no_french_address(client):
    assert client.get("/fr/api/v1/practices/").status_code == 404
    assert client.get("/api/v1/practices/", headers={"accept-language": "fr"}).status_code == 200


def test_a_french_page_never_comes_from_the_english_pages_cache(client, shared_cache):
    make.practice("One")
    assert html_lang(client.get("/practices/?country=ES")) == "en-gb"
    assert html_lang(client.get("/practices/?country=ES")) == "en-gb"  # now from the cache
    french = client.get("/fr/practices/?country=ES")
    assert html_lang(french) == "fr"
    assert html_lang(client.get("/fr/practices/?country=ES")) == "fr"  # its own cached copy
    assert html_lang(client.get("/practices/?country=ES", headers={"accept-language": "fr"})) == "en-gb"
