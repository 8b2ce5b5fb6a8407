"""A practice contributed in French: the contributor says so, and accepting it fills the French texts."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from contributions.models import Submission
from practices.models import Practice
from tests.contributions import builders as build
from tests.contributions.test_review import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


FRENCH = {
    "title": "Cercles d'accueil de quartier",
    "duration_text": "Depuis septembre 2019",
    "purpose": "Les nouveaux arrivants rencontrent leurs voisins en *petits* cercles.",
    "rationale": "Qui arrive ne connaît personne.",
    "process": "Des bénévoles animent un cercle chaque mois.",
    "impact": "300 nouveaux arrivants ont participé.",
}


def checked_language(page):
    return re.search(r'<input type="radio" name="language" value="(\w+)"[^>]* checked', page.content.decode())[1]


def test_the_form_asks_which_language_the_practice_is_written_in(contributor_client, contributor):
    assert checked_language(contributor_client.get("/contribute/new/")) == "en"
    assert checked_language(contributor_client.get("/fr/contribute/new/")) == "fr"  # a new practice: the page's
    draft = build.submission(contributor, language="fr")
    assert checked_language(contributor_client.get(f"/contribute/{draft.pk}/edit/")) == "fr"  # as saved


def test_a_practice_sent_in_french_keeps_its_language(contributor_client, django_capture_on_commit_callbacks):
    data = build.form_data(language="fr", **FRENCH)
    with django_capture_on_commit_callbacks(execute=True):
        response = contributor_client.post("/contribute/new/", data)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.language, submission.title) == ("fr", "Cercles d'accueil de quartier")
    assert submission.versions.get().fields["language"] == "French"


def test_a_form_without_the_choice_keeps_the_language_as_it_was(contributor_client, contributor):
    draft = build.submission(contributor, language="fr")
    response = contributor_client.post(f"/contribute/{draft.pk}/edit/", build.form_data(action="save", language=None))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.language == "fr"


def test_accepting_a_french_practice_writes_the_french_texts(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.in_review(contributor, editor, language="fr", **FRENCH)
    response = decide(editor_client, submission, django_capture_on_commit_callbacks, "accept_published")
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert (practice.title, practice.title_fr) == ("", "Cercles d'accueil de quartier")
    assert (practice.purpose, practice.purpose_fr) == ("", FRENCH["purpose"])
    assert (practice.duration_text, practice.duration_text_fr) == ("", "Depuis septembre 2019")
    assert practice.slug == "bilbao-cercles-daccueil-de-quartier"
    assert str(practice) == "Bilbao: Cercles d'accueil de quartier"

    reader = Client()
    french = reader.get(f"/fr/practices/{practice.slug}/").content.decode()
    assert "<h1>Cercles d&#x27;accueil de quartier</h1>" in french
    assert "ne sont pas encore traduites" not in french
    english = reader.get(f"/practices/{practice.slug}/").content.decode()
    assert '<h1><span lang="fr">Cercles d&#x27;accueil de quartier</span></h1>' in english
    assert (
        '<div class="prose" lang="fr"><p>Les nouveaux arrivants rencontrent leurs voisins en <em>petits</em>' in english
    )
    assert english.count("Parts of this page are not yet translated into English and are shown in French.") == 1
    found = reader.get("/fr/practices/", {"q": "benevoles"})
    assert [result.item.pk for result in found.context["results"]] == [practice.pk]


def test_an_editor_may_leave_the_english_title_empty_when_the_french_one_is_written(editor_client):
    practice = build.make.practice("x", title_fr="Médiation")
    practice.title = ""
    practice.full_clean()  # no error: the French title is there
    practice.title_fr = ""
    with pytest.raises(ValidationError, match="in English or in French"):
        practice.full_clean()
