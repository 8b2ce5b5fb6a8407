"""/projects/<slug>/: every part of a project, formatted and safe; drafts hidden; related content."""

import pytest
from django.contrib.auth.models import User

from academy.models import Course, Module
from editorial.models import PublicationStatus
from projects.models import ImpactTarget, Partner
from tests import factories as base
from tests.projects import factories as make
from tests.related import related_urls, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    return base.area("intercultural-dialogue", "Intercultural dialogue")


@pytest.fixture
def liaison(dialogue):
    return make.project(
        "LIAISON", title="Mutual Learning for Intercultural Appreciation", slug="liaison",
        categories=[make.category("migration", "Migration"), make.category("dialogue", "Intercultural Dialogue")],
        areas=[dialogue], tags=["migrants"],
        programme=make.programme(full_wording="DG JUST – REC-RACI Action Grant to prevent and combat racism"),
        start=make.day(2020, 2, 3), end=make.day(2022, 4, 2), coordinator="CESIE",
        objectives=["To promote intercultural understanding."],
        activities=[("Participatory study", "a community-based participatory study"), ("Fairs and forums", "")],
        resources=[("Skill maps", ""), ("LIAISON VLOG", "https://example.org/vlog")],
        targets=[
            (500, "community members", "At least 500 community members reached through the workshops"),
            (150, "representatives", "At least 150 representatives attending the final conference"),
            (2000, "people", "At least 2000 people from different cultural communities"),
        ],
        contact_email="daria.labarbera@cesie.org", website="https://www.liaison-connects.eu/",
    )  # fmt: skip


def test_shows_every_part_of_the_project(client, liaison):
    response = client.get("/projects/liaison/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "<h1>LIAISON</h1>", "Mutual Learning for Intercultural Appreciation", "To promote intercultural understanding.",
        "<strong>Participatory study</strong>: a community-based participatory study", "<li>Fairs and forums</li>",
        "<li>Skill maps</li>", '<a href="https://example.org/vlog" rel="noopener noreferrer">LIAISON VLOG</a>',
        "3 February 2020 – 2 April 2022 (26 months)", "Finished",
        "REC-RACI action grant (DG JUST)", "DG JUST – REC-RACI Action Grant to prevent and combat racism",
        "CESIE", 'href="mailto:daria.labarbera@cesie.org"', 'href="https://www.liaison-connects.eu/"',
    ]:  # fmt: skip
        assert text in body, text
    # No partners listed: no Partners section, and no sentence standing in for one.
    assert 'id="partners"' not in body and "No partners are listed" not in body


def test_impact_targets_are_figures_with_what_they_count_and_the_published_wording(client, liaison):
    body = client.get("/projects/liaison/").content.decode()
    for number, counts, wording in [
        ("500", "community members", "At least 500 community members reached through the workshops"),
        ("150", "representatives", "At least 150 representatives attending the final conference"),
        ("2,000", "people", "At least 2000 people from different cultural communities"),  # grouped as English writes it
    ]:
        assert f'<span class="figure__number">{number}</span>' in body
        assert f'<span class="figure__label">{counts}</span>' in body
        assert f"“{wording}”" in body
    assert "Achieved" not in body
    ImpactTarget.objects.filter(project=liaison, number=500).update(achieved=612, achieved_source="Final report")
    body = client.get("/projects/liaison/").content.decode()
    assert "Achieved: 612" in body
    assert "(Final report)" in body


def test_partners_are_listed_when_there_are_some(client):
    project = make.project(partners=[("CESIE", base.country("IT", "Italy"), "Coordinator"), ("Partner", None, "")])
    body = client.get(project.get_absolute_url()).content.decode()
    assert 'CESIE <span class="muted">(Italy, Coordinator)</span>' in body
    assert "<li>Partner</li>" in body
    assert "No partners are listed" not in body


def test_terms_link_into_the_filtered_list(client, liaison):
    body = client.get("/projects/liaison/").content.decode()
    assert 'href="/projects/?category=migration"' in body
    assert 'href="/projects/?area=intercultural-dialogue"' in body
    assert 'href="/projects/?programme=rec-raci-action-grant-dg-just"' in body


def test_a_running_project_and_unknown_dates(client):
    running = make.project(start=make.day(2024, 1, 1), end=make.day(2099, 12, 31))
    body = client.get(running.get_absolute_url()).content.decode()
    assert "1 January 2024 – 31 December 2099 (912 months)" in body
    assert "Active" in body
    undated = make.project()
    assert "<dt>Dates</dt>" not in client.get(undated.get_absolute_url()).content.decode()


def test_related_practices_share_areas_or_tags_best_first(client, liaison, dialogue):
    both = base.practice("Shares a tag and an area", areas=[dialogue], tags=["migrants"])
    area_only = base.practice("Shares an area", areas=[dialogue])
    tag_only = base.practice("Shares a tag", tags=["migrants"])
    base.practice("Unrelated", tags=["ukraine"])
    base.practice("Draft twin", areas=[dialogue], tags=["migrants"], status=PublicationStatus.DRAFT)
    related = related_urls(client.get("/projects/liaison/"), "practices")
    assert related == urls(both, tag_only, area_only)  # a shared tag counts double


def test_related_practices_with_areas_but_no_tags(client, dialogue):
    project = make.project(areas=[dialogue])
    practice = base.practice("Shares an area", areas=[dialogue])
    assert related_urls(client.get(project.get_absolute_url()), "practices") == urls(practice)


def test_related_practices_with_tags_but_no_areas(client, dialogue):
    project = make.project(tags=["migrants"])
    practice = base.practice("Shares a tag", tags=["migrants"])
    base.practice("Has an area only", areas=[dialogue])
    assert related_urls(client.get(project.get_absolute_url()), "practices") == urls(practice)


def test_related_practices_are_six_at_most(client, liaison, dialogue):
    for number in range(8):
        base.practice(f"Related {number}", areas=[dialogue])
    assert len(related_urls(client.get("/projects/liaison/"), "practices")) == 6


def _module(title, course_status=PublicationStatus.PUBLISHED, status=PublicationStatus.PUBLISHED, areas=(), tags=()):
    course, _ = Course.objects.get_or_create(
        slug=f"course-{course_status}",
        defaults={"title": f"Course {course_status}", "format": "online-self-paced", "summary": "A course.",
                  "status": course_status},
    )  # fmt: skip
    module = Module.objects.create(course=course, title=title, slug=title.lower().replace(" ", "-"), status=status)
    module.areas.set(areas)
    if tags:
        module.tags.set(list(tags))
    return module


def test_related_academy_modules_are_published_and_share_areas_or_tags(client, liaison, dialogue):
    dialogue_module = _module("Intercultural dialogue", areas=[dialogue])
    migrants_module = _module("Migrants and cities", tags=["migrants"])
    _module("Unrelated module", tags=["ukraine"])
    _module("Draft module", status=PublicationStatus.DRAFT, areas=[dialogue])
    _module("In a draft course", course_status=PublicationStatus.DRAFT, areas=[dialogue])
    response = client.get("/projects/liaison/")
    assert related_urls(response, "modules") == urls(migrants_module, dialogue_module)
    body = response.content.decode()
    assert f'href="{dialogue_module.get_absolute_url()}"' in body
    assert "Related academy modules" in body


def test_editor_text_cannot_inject_html_or_script(client):
    project = make.project(
        "<b>X</b>", title="<script>alert(1)</script>", summary="[click](javascript:alert(3)) <img src=x onerror=alert(1)>",
        objectives=["<script>alert(2)</script>"], resources=[("<i>r</i>", "https://example.org")],
    )  # fmt: skip
    body = client.get(project.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "onerror=alert" not in body.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "<b>X</b>" not in body and "<i>r</i>" not in body


def test_drafts_are_hidden_from_the_public_but_editors_preview_them(client, editor):
    draft = make.project("WIP", status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: not public" in response.content.decode()


def test_staff_without_the_view_permission_get_a_404_for_drafts(client):
    draft = make.project("WIP", status=PublicationStatus.DRAFT)
    client.force_login(User.objects.create_user("staff", password="x", is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_a_404(client):
    assert client.get("/projects/no-such-project/").status_code == 404


def test_the_back_link_returns_to_the_filtered_list(client, liaison):
    response = client.get("/projects/liaison/", {"back": "category=migration&page=2"})
    assert response.context["back_url"] == "/projects/?category=migration&page=2"
    assert "Back to your filtered list" in response.content.decode()
    hostile = client.get("/projects/liaison/", {"back": "//evil.example/?x=1"})
    assert hostile.context["back_url"].startswith("/projects/?")


@pytest.mark.parametrize("related_count", [1, 5])
def test_query_count_is_fixed(client, django_assert_num_queries, liaison, dialogue, related_count):
    for number in range(related_count):
        base.practice(f"Related {number}", areas=[dialogue], tags=["migrants"])
        _module(f"Module {number}", areas=[dialogue])
        country = base.country(f"C{number}", f"Country {number}")
        Partner.objects.create(project=liaison, position=number, organisation=f"Partner {number}", country=country)
    # The project with its programme; its categories, areas, tags, objectives, activities,
    # resources, targets, partners (with countries), social links; the content generation,
    # each kind's facet index (first after a change; 4 each), where the related items' scores are counted; then
    # the related practices and the related modules. Then, the indexes kept, the same less the indexes.
    with django_assert_num_queries(25):
        client.get("/projects/liaison/")
    with django_assert_num_queries(13):
        response = client.get("/projects/liaison/")
    assert len(related_urls(response, "practices")) == related_count
    assert len(related_urls(response, "modules")) == related_count
    assert f"Country {related_count - 1}" in response.content.decode()
