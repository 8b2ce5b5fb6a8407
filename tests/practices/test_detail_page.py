"""/practices/<slug>/: every field, formatted and safe; drafts hidden; the way back."""

import datetime

import pytest

from editorial.models import PublicationStatus
from tests import factories as make
from tests.related import related_urls, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilbao():
    return make.practice(
        "Anti-rumours strategy", slug="bilbao-anti-rumours-strategy", place="Bilbao", promoter="Bilbao City Council",
        areas=[make.area("inclusive-narratives", "Inclusive narratives")], types=[make.practice_type()],
        tags=["anti-rumours"], type_text="policy and project", area_text="inclusive and alternative narratives",
        duration_text="Since 2013", start=make.month(2013), ongoing=True,
        purpose="The strategy is a *long-term* process.\n\n- engage\n- empower",
        rationale="Prejudice grows.", process="Agents are trained.", impact="480 people.",
        further_information="Leading authority: Bilbao City Council",
        references=[("Manual for youth", "https://example.org/manual.pdf"), ("Annual meeting", "")],
    )  # fmt: skip


def test_shows_every_field_formatted(client, bilbao):
    response = client.get(bilbao.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "<h1>Anti-rumours strategy</h1>", "Bilbao City Council", "Spain", "Local", "Ensuring equality",
        "As submitted: policy and project", "As submitted: inclusive and alternative narratives", "Since 2013",
        "Ongoing", "<em>long-term</em>", "<li>engage</li>", "Prejudice grows.", "Agents are trained.", "480 people.",
        "Leading authority: Bilbao City Council", 'href="https://example.org/manual.pdf"', "Annual meeting",
    ]:  # fmt: skip
        assert text in body, text


def test_terms_link_into_the_filtered_list(client, bilbao):
    body = client.get(bilbao.get_absolute_url()).content.decode()
    assert 'href="/practices/?area=inclusive-narratives"' in body
    assert 'href="/practices/?type=project"' in body
    assert 'href="/practices/?tag=anti-rumours"' in body
    assert 'href="/practices/?country=ES"' in body


def test_the_back_link_returns_to_the_filtered_list(client, bilbao):
    response = client.get(bilbao.get_absolute_url(), {"back": "country=ES&area=inclusive-narratives&page=2"})
    assert response.context["back_url"] == "/practices/?country=ES&area=inclusive-narratives&page=2"
    assert "Back to your filtered list" in response.content.decode()
    hostile = client.get(bilbao.get_absolute_url(), {"back": "//evil.example/?x=1"})
    assert hostile.context["back_url"].startswith("/practices/?")


def test_related_practices_share_tags_or_areas(client, bilbao):
    fuenlabrada = make.practice("Anti-rumours strategy (ARS)", place="Fuenlabrada", tags=["anti-rumours"])
    make.practice("Unrelated", tags=["ukraine"])
    draft = make.practice("Draft twin", tags=["anti-rumours"], status=PublicationStatus.DRAFT)
    related = related_urls(client.get(bilbao.get_absolute_url()), "practices")
    assert related == urls(fuenlabrada)
    assert draft.get_absolute_url() not in related


def test_editor_text_cannot_inject_html_or_script(client):
    practice = make.practice(
        "<script>alert(1)</script>Title",
        place="<img src=x onerror=alert(1)>",
        purpose="<script>alert(2)</script> [click](javascript:alert(3)) <a href='#' onclick='alert(4)'>x</a>",
        references=[("<b>label</b>", "https://example.org")],
    )
    body = client.get(practice.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "onclick" not in body
    assert "onerror=alert" not in body.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "<b>label</b>" not in body


def test_drafts_are_hidden_from_the_public_but_editors_preview_them(client, editor):
    draft = make.practice("Work in progress", status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: not public" in response.content.decode()


def test_an_unknown_slug_is_a_404(client):
    assert client.get("/practices/no-such-practice/").status_code == 404


@pytest.mark.parametrize("related_count", [1, 10])
def test_query_count_is_fixed(client, django_assert_num_queries, bilbao, related_count):
    for number in range(related_count):
        make.practice(f"Related {number}", tags=["anti-rumours"], references=[("x", "https://example.org")])
    # The practice with its types, areas, tags and references; the content generation;
    # each kind's facet index (first after a change; 4 each: a savepoint, its time-out, the read, the release),
    # where the related items' scores are counted; the related practices. Then, the indexes kept, the same less
    # the indexes.
    with django_assert_num_queries(15):
        client.get(bilbao.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(bilbao.get_absolute_url())


def test_related_practices_by_areas_alone_or_tags_alone(client):
    youth = make.area("youth", "Youth")
    by_area = make.practice("Only areas", areas=[youth])
    twin_by_area = make.practice("Same area", areas=[youth])
    by_tag = make.practice("Only tags", tags=["roma"])
    twin_by_tag = make.practice("Same tag", tags=["roma"])
    assert related_urls(client.get(by_area.get_absolute_url()), "practices") == urls(twin_by_area)
    assert related_urls(client.get(by_tag.get_absolute_url()), "practices") == urls(twin_by_tag)


def test_cite_as_bibtex_escapes_what_latex_would_read_as_commands(client, django_assert_num_queries):
    practice = make.practice(
        "Jobs & homes: 100% {together} #1 for_all ~ ^ \\ $", slug="jobs-and-homes", place="Bilbao",
        country=make.country("ES", "Spain"),
    )  # fmt: skip
    with django_assert_num_queries(1):
        response = client.get(f"/practices/{practice.slug}/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jobs-and-homes.bib"'
    entry = response.content.decode("utf-8")
    assert entry == (
        "@misc{compendium2024-jobs-and-homes,\n"
        "  author = {{Bilbao, Spain}},\n"
        r"  title = {{Jobs \& homes: 100\% \textbraceleft{}together\textbraceright{} \#1 for\_all "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{} \$}},"
        "\n"
        r"  howpublished = {\url{http://testserver/practices/jobs-and-homes/}},"
        "\n"
        "  url = {http://testserver/practices/jobs-and-homes/},\n"
        "  year = {2024},\n"
        f"  urldate = {{{datetime.date.today().isoformat()}}},\n"
        "  note = {In: Council of Europe, Draft Compendium of good practices on intercultural integration and "
        "multilevel governance, CDADI(2024)39, 4 November 2024}\n"
        "}\n"
    )
    # BibTeX counts every brace, escaped or not: the entry's must balance, and never go below zero.
    depth = 0
    for character in entry:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


def test_the_page_shows_the_bibtex_beside_the_text_citation(client, bilbao):
    body = client.get(bilbao.get_absolute_url()).content.decode()
    cite = body[body.index('<section class="cite"') :]
    assert "In: Council of Europe, Draft Compendium" in cite
    assert "@misc{compendium2024-bilbao-anti-rumours-strategy," in cite
    assert "author = {{Bilbao, Spain}}" in cite
    assert f'href="/practices/{bilbao.slug}/cite.bib" download>Download the BibTeX entry (.bib)</a>' in cite


def test_a_draft_has_no_bibtex_for_the_public(client):
    draft = make.practice("Draft", slug="a-draft", status=PublicationStatus.DRAFT)
    assert client.get(f"/practices/{draft.slug}/cite.bib").status_code == 404
    assert client.get("/practices/nothing-here/cite.bib").status_code == 404
