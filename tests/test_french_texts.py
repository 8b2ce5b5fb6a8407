"""Editors' texts in French beside the English: a reader sees the page's language, else the other one, marked."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from editorial.translation import shown_text
from practices.models import Practice
from practices.services import save_practice
from tests import factories as make
from tests.academy import builders as academy
from tests.admin_forms import submitted_form
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db

NOTE_FR = "Certaines parties de cette page ne sont pas encore traduites en français et sont affichées en anglais."
NOTE_EN = "Parts of this page are not yet translated into English and are shown in French."


def translated_practice(**fields):
    return make.practice(
        "Anti-rumours strategy",
        slug="anti-rumours",
        title_fr="Stratégie anti-rumeurs",
        purpose="Counter the rumours about migrants.",
        purpose_fr="Contrer les rumeurs sur les personnes migrantes.",
        **fields,
    )


def test_the_rule_prefers_the_pages_language_then_the_other_one():
    practice = translated_practice(rationale="Only in English.")
    assert (str(shown_text(practice, "title", "fr")), shown_text(practice, "title", "fr").is_other_language) == (
        "Stratégie anti-rumeurs", False
    )  # fmt: skip
    assert shown_text(practice, "rationale", "fr").language == "en"
    assert shown_text(practice, "rationale", "fr").is_other_language
    assert not shown_text(practice, "process", "fr").is_other_language  # nothing in either language: nothing marked
    assert str(shown_text(practice, "title", "en")) == "Anti-rumours strategy"


def test_a_french_page_shows_the_french_texts_and_marks_the_english_ones(client, django_assert_num_queries):
    practice = translated_practice(rationale="Launched after **rumours** spread.")
    client.get(f"/practices/{practice.slug}/")  # the facet indexes kept (related items), as in the test below
    with django_assert_num_queries(2):  # the English page's queries, the French texts in the same row
        response = client.get(f"/fr/practices/{practice.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Stratégie anti-rumeurs</h1>" in body
    assert "<title>Stratégie anti-rumeurs" in body
    assert '<div class="prose"><p>Contrer les rumeurs sur les personnes migrantes.</p></div>' in body
    assert '<div class="prose" lang="en"><p>Launched after <strong>rumours</strong> spread.</p></div>' in body
    assert body.count(NOTE_FR) == 1
    assert body.index(NOTE_FR) < body.index("Contrer les rumeurs")  # near the top, before the texts


def test_a_wholly_translated_practice_has_no_note_and_nothing_marked(client):
    practice = translated_practice()
    body = client.get(f"/fr/practices/{practice.slug}/").content.decode()
    assert "Stratégie anti-rumeurs" in body
    assert NOTE_FR not in body
    assert 'lang="en"><p>' not in body and '<span lang="en">' not in body


def test_english_pages_stay_english_without_a_note(client, django_assert_num_queries):
    practice = translated_practice(rationale="Launched after rumours spread.")
    client.get(f"/practices/{practice.slug}/")  # the facet indexes kept (related items' scores)
    with django_assert_num_queries(2):  # the practice with its terms and references, the content generation
        body = client.get(f"/practices/{practice.slug}/").content.decode()
    assert "<h1>Anti-rumours strategy</h1>" in body
    assert "Counter the rumours about migrants." in body
    assert "Stratégie" not in body and "Contrer" not in body
    assert NOTE_EN not in body and 'lang="fr"><p>' not in body


def test_a_text_only_in_french_is_shown_on_english_pages_marked_as_french(client):
    practice = make.practice("x", slug="seulement", title_fr="Médiation interculturelle", purpose_fr="En *français*.")
    Practice.objects.filter(pk=practice.pk).update(title="")  # as a contribution written in French leaves it
    body = client.get(f"/practices/{practice.slug}/").content.decode()
    assert '<h1><span lang="fr">Médiation interculturelle</span></h1>' in body
    assert '<div class="prose" lang="fr"><p>En <em>français</em>.</p></div>' in body
    assert body.count(NOTE_EN) == 1


def test_the_list_shows_french_titles_and_marks_untranslated_ones_once(client, django_assert_num_queries):
    translated_practice()
    make.practice("Citizen Coin", purpose="A local currency.")
    with django_assert_num_queries(8):  # as the English list's first visit (tests/test_languages.py)
        response = client.get("/fr/practices/")
    body = response.content.decode()
    assert ">Stratégie anti-rumeurs</a></h3>" in body
    assert '<span lang="en">Citizen Coin</span></a></h3>' in body
    assert '<p class="result__snippet"><span lang="en">A local currency.</span></p>' in body
    assert '<p class="result__snippet">Contrer les rumeurs sur les personnes migrantes.</p>' in body
    assert body.count(NOTE_FR) == 1
    english = client.get("/practices/").content.decode()
    assert ">Anti-rumours strategy</a></h3>" in english and NOTE_EN not in english


def test_a_list_of_translated_titles_has_no_note(client):
    translated_practice()
    body = client.get("/fr/practices/").content.decode()
    assert ">Stratégie anti-rumeurs</a></h3>" in body
    assert NOTE_FR not in body


def test_related_items_show_their_titles_in_the_pages_language(client):
    translated_practice(tags=["rumours"])
    other = make.practice("Citizen Coin", tags=["rumours"])
    body = client.get(f"/fr/practices/{other.slug}/").content.decode()
    assert ">Stratégie anti-rumeurs</a>" in body


def test_a_projects_page_in_french(client, django_assert_num_queries):
    project = make_project.project(
        "LIAISON", title="Local integration", title_fr="Intégration locale", summary="In English.",
        objectives=["Train officers"],
    )  # fmt: skip
    client.get(f"/projects/{project.slug}/")  # the facet indexes kept (related items' scores)
    with django_assert_num_queries(11):  # as in English
        body = client.get(f"/fr/projects/{project.slug}/").content.decode()
    assert '<p class="lead">Intégration locale</p>' in body
    assert '<div class="prose"><div lang="en"><p>In English.</p></div></div>' in body
    assert '<li><span lang="en">Train officers</span></li>' in body
    assert body.count(NOTE_FR) == 1


def test_a_courses_and_a_modules_page_in_french(client, django_assert_num_queries):
    course = academy.course("Academy", title_fr="Académie", summary_fr="Le résumé.")
    module = academy.module(course, "Rumours", title_fr="Rumeurs")
    question = academy.question(module, "Why?")
    question.text_fr = "Pourquoi ?"
    question.save()
    with translation.override("fr"):
        course_url, module_url = course.get_absolute_url(), module.get_absolute_url()
    course_page = client.get(course_url).content.decode()
    assert "<h1>Académie</h1>" in course_page and ">Rumeurs</a></h4>" in course_page
    assert NOTE_FR not in course_page
    client.get(module.get_absolute_url())  # the facet indexes kept (related items' scores)
    with django_assert_num_queries(6):  # as in English
        assert client.get(module.get_absolute_url()).status_code == 200
    with django_assert_num_queries(6):
        module_page = client.get(module_url).content.decode()
    assert "<h1>Rumeurs</h1>" in module_page
    assert "</span> Pourquoi ?</legend>" in module_page
    assert '<label for="option-' in module_page and '"><span lang="en">Right</span>' in module_page
    assert module_page.count(NOTE_FR) == 1


def test_editors_write_the_french_beside_the_english_and_the_history_shows_it(editor_client, editor):
    practice = make.practice("Citizen Coin")
    save_practice(practice, user=editor)
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    page = editor_client.get(url)
    body = page.content.decode()
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>.*In French", body, re.S)
    for name in ("title_fr", "purpose_fr", "rationale_fr", "process_fr", "impact_fr", "further_information_fr"):
        assert f'name="{name}"' in body
    assert re.search(r'<textarea[^>]*name="purpose_fr"[^>]*data-markdown-preview="', body)  # its live preview
    data = submitted_form(page) | {"title_fr": "Monnaie citoyenne", "purpose_fr": "Une monnaie *locale*."}
    assert editor_client.post(url, data).status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.title_fr) == ("Citizen Coin", "Monnaie citoyenne")
    history = editor_client.get(reverse("admin:practices_practice_history", args=[practice.pk])).content.decode()
    assert '<th scope="row">Title (French)</th>' in history
    assert "<ins>Monnaie citoyenne</ins>" in history


# Search in French -------------------------------------------------------------------------------------------


def found(response):
    return [result.item.slug for result in response.context["results"]]


@pytest.mark.parametrize("words", ["intégration", "integration", "INTEGRATION"])
def test_a_french_search_finds_french_texts_whatever_the_accents(client, words, django_assert_num_queries):
    make.practice("Welcome desk", slug="welcome", purpose_fr="Un guichet pour l'intégration des nouveaux arrivants.")
    make.practice("Other", slug="other", purpose="Sports clubs.")
    # Whether whole words match, the content generation, the facet index (first after a change; 4 with its
    # savepoint and time-out), the items matching, the page, its snippets: as in English.
    with django_assert_num_queries(9):
        response = client.get("/fr/practices/", {"q": words})
    assert found(response) == ["welcome"]
    assert "<mark>intégration</mark>" in response.content.decode()


def test_a_french_search_finds_an_untranslated_practice_by_its_english_words(client):
    make.practice("Anti-rumours strategy", slug="rumours", purpose="Agents counter rumours about migrants.")
    response = client.get("/fr/practices/", {"q": "rumours migrants"})
    assert found(response) == ["rumours"]
    assert "<mark>migrants</mark>" in response.content.decode()


def test_a_french_search_stems_french_words_and_ranks_french_titles_first(client):
    make.practice("Desk", slug="title-match", title_fr="Médiation interculturelle")
    make.practice("Plan", slug="text-match", purpose_fr="Des médiateurs, une médiation, encore la médiation.")
    response = client.get("/fr/practices/", {"q": "médiations"})
    assert found(response) == ["title-match", "text-match"]


def test_english_searches_are_unchanged_by_french_texts(client):
    make.practice("Welcome desk", slug="welcome", purpose="A desk for newcomers.", purpose_fr="Un guichet d'accueil.")
    assert found(client.get("/practices/", {"q": "newcomers"})) == ["welcome"]
    assert found(client.get("/practices/", {"q": "guichet"})) == []
    assert found(client.get("/fr/practices/", {"q": "guichet"})) == ["welcome"]
    # A French page searches the French where written: the English it replaces is not what the page shows.
    assert found(client.get("/fr/practices/", {"q": "newcomers"})) == []


def test_the_french_vector_follows_every_write(client):
    practice = make.practice("Desk", slug="desk")
    Practice.objects.filter(pk=practice.pk).update(impact_fr="Une cohésion renforcée.")  # SQL, no service
    assert found(client.get("/fr/practices/", {"q": "cohesion"})) == ["desk"]


def test_a_french_search_of_projects(client):
    make_project.project("LIAISON", title="Local integration", title_fr="Intégration locale",
                         objectives=["Train officers"])  # fmt: skip
    response = client.get("/fr/projects/", {"q": "integration officers"})
    assert [result.item.acronym for result in response.context["results"]] == ["LIAISON"]
    assert "LIAISON – Intégration locale</a></h3>" in response.content.decode()


def test_a_french_search_of_the_academy_reads_both_languages_accents_folded(client):
    course = academy.course("Academy", slug="academy", title_fr="Académie de l'intégration")
    academy.module(course, "Rumours", title_fr="Rumeurs", summary="Agents counter rumours.")
    academy.course("Other", slug="other")
    assert [r.item.slug for r in client.get("/fr/academy/", {"q": "integration"}).context["results"]] == ["academy"]
    response = client.get("/fr/academy/", {"q": "rumeurs"})
    assert [r.item.slug for r in response.context["results"]] == ["academy"]
    assert [module.title_fr for module in response.context["matching_modules"]] == ["Rumeurs"]
    assert [r.item.slug for r in client.get("/fr/academy/", {"q": "counter"}).context["results"]] == ["academy"]
    assert [r.item.slug for r in client.get("/academy/", {"q": "integration"}).context["results"]] == []


def test_the_citation_and_the_printouts_line_name_the_practice_as_the_page_does(client):
    practice = translated_practice(place="Bilbao")
    body = client.get(f"/fr/practices/{practice.slug}/").content.decode()
    assert "<p>Bilbao: Stratégie anti-rumeurs · " in body
    assert '<p class="citation">Stratégie anti-rumeurs (Bilbao' in body
    english = client.get(f"/practices/{practice.slug}/").content.decode()
    assert "<p>Bilbao: Anti-rumours strategy · " in english


def test_the_comparison_shows_each_practice_as_the_page_does(client, django_assert_num_queries):
    first = translated_practice()
    second = make.practice("Citizen Coin", purpose="A local currency.")
    with django_assert_num_queries(4):  # as in English (tests/practices/test_compare.py)
        response = client.get("/fr/practices/compare/", {"p": [first.slug, second.slug]})
    body = response.content.decode()
    assert ">Stratégie anti-rumeurs</a></th>" in body
    assert '><span lang="en">Citizen Coin</span></a></th>' in body
    assert '<td class="prose"><div lang="en"><p>A local currency.</p></div></td>' in body
    assert body.count(NOTE_FR) == 1


def test_a_french_search_finds_a_practice_by_its_countrys_french_name(client):
    make.practice("Welcome desk", slug="welcome", country=make.country("ES", "Spain"))
    make.practice("Other", slug="other", country=make.country("IT", "Italy"))
    assert found(client.get("/fr/practices/", {"q": "Espagne"})) == ["welcome"]
    assert found(client.get("/fr/practices/", {"q": "espagne"})) == ["welcome"]
    assert found(client.get("/fr/practices/", {"q": "Spain"})) == ["welcome"]  # the stored name still counts
    assert found(client.get("/practices/", {"q": "Espagne"})) == []  # English pages search English words
