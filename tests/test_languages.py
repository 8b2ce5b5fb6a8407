"""English at today's addresses, French under /fr/: which language a page is in, the switcher, the alternates."""

import re

import pytest

from tests import factories as make
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def test_english_keeps_its_addresses_and_french_lives_under_fr(client, django_assert_num_queries):
    make.practice("One")
    english = client.get("/practices/")
    # The same queries as the English page on its first visit after a change (tests/practices/test_list_page.py):
    # the unfiltered counts are kept per language; the facet index (words of no language) is the English page's.
    with django_assert_num_queries(4):
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


def test_a_french_page_names_the_vocabulary_in_french_with_countries_from_cldr(client):
    education = make.area("education", "Education")
    practice = make.practice("One", areas=[education], country=make.country("DE", "Germany"))
    listing = client.get("/fr/practices/?country=DE").content.decode()
    assert ">Allemagne<" in listing  # CLDR's name, not a hand-typed one
    assert "Éducation" in listing
    assert "Garantir l&#x27;égalité" in listing  # the theme, from fixtures/vocabulary_fr.json
    assert "Pays\xa0: Allemagne" in listing  # the chip, with French spacing
    assert "1 pratique correspond" in listing
    detail = client.get(f"/fr/practices/{practice.slug}/").content.decode()
    assert '<a href="/fr/practices/?country=DE">Allemagne</a>' in detail
    assert '<a href="/fr/practices/?area=education">Éducation</a>' in detail
    # The slugs and codes stay English; the English page keeps the stored names.
    english = client.get(f"/practices/{practice.slug}/").content.decode()
    assert '<a href="/practices/?country=DE">Germany</a>' in english


def test_dates_and_numbers_are_written_as_french_writes_them(client):
    from tests.projects import factories as projects

    project = projects.project(
        "LIAISON", start=projects.day(2020, 2, 3), end=projects.day(2022, 1, 31), targets=[(2000, "people", "2,000")]
    )
    french = client.get(f"/fr/projects/{project.slug}/").content.decode()
    assert "3 février 2020" in french
    assert '<span class="figure__number">2\xa0000</span>' in french
    english = client.get(f"/projects/{project.slug}/").content.decode()
    assert "3 February 2020" in english
    assert '<span class="figure__number">2,000</span>' in english


def test_a_french_list_counts_in_french_plural_forms(client):
    make.practice("One")
    assert "1 pratique</h2>" in client.get("/fr/practices/").content.decode()
    assert "0 pratique correspond" in client.get("/fr/practices/?q=nothingatall").content.decode()
    assert "0 practices match" in client.get("/practices/?q=nothingatall").content.decode()


def test_the_switcher_never_carries_the_search_boxs_typing_request(client):
    make.practice("One")
    body = client.get("/fr/practices/?q=on&typing=1").content.decode()
    assert '<a href="/practices/?q=on" hreflang="en-gb" lang="en-gb">English</a>' in body


def test_during_an_outage_a_french_page_says_so_in_french(client, shared_cache, monkeypatch):
    from django.db import OperationalError

    from browse import page_cache

    make.practice("One")
    assert client.get("/fr/practices/").status_code == 200

    def no_database():
        raise OperationalError("connection refused")

    monkeypatch.setattr(page_cache, "content_generation", no_database)
    copy = client.get("/fr/practices/")
    assert copy.status_code == 200
    assert html_lang(copy) == "fr"
    assert "La base de données du portail ne répond pas pour le moment" in copy.content.decode()


def test_the_unfiltered_lists_kept_counts_are_kept_per_language(client):
    # The unfiltered list's counts are kept in the database; their labels are words of a language.
    make.practice("Still going", start=make.month(2020), ongoing=True)
    make_project.project("BETA", start=make_project.day(2020), end=make_project.day(2021))
    for _ in range(2):  # counted, then read back as kept
        for path, english, french in (("/practices/", "Ongoing", "En cours"), ("/projects/", "Finished", "Terminé")):
            assert english in client.get(path).content.decode()
            page = client.get("/fr" + path).content.decode()
            assert french in page and f">{english}<" not in page
