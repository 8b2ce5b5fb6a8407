"""/academy/<course>/<module>/: the module, its video behind a click, the guide, related practices and projects."""

import pytest

from tests import factories as make
from tests.academy import builders as build
from tests.related import related_urls, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    return {
        "narratives": make.area("inclusive-and-alternative-narratives-and-communication",
                                "Inclusive and alternative narratives and communication"),
        "business": make.area("business-and-employment", "Business and employment"),
    }  # fmt: skip


@pytest.fixture
def anti_rumour(vocabulary):
    course = build.course("Intercultural Integration Academy", slug="academy", electives_heading="Days 4 and 5")
    return build.module(
        course, "Anti-rumour Strategy", slug="anti-rumour-strategy", kind="elective", areas=[vocabulary["narratives"]],
        tags=["anti-rumours"], summary="Rumours *hurt*.", guide_section="Step 4: communication",
        video_url="https://youtu.be/dQw4w9WgXcQ", duration_minutes=45,
    )  # fmt: skip


def test_shows_the_module_and_its_facts(client, anti_rumour):
    response = client.get(anti_rumour.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in ["<h1>Anti-rumour Strategy</h1>", "Rumours <em>hurt</em>.", "Elective module", "Days 4 and 5",
                 "45 minutes", "Step 4: communication", "Inclusive and alternative narratives and communication",
                 'href="/practices/?tag=anti-rumours"', 'href="/academy/academy/"']:  # fmt: skip
        assert text in body, text


def test_the_video_is_a_link_until_the_reader_asks(client, anti_rumour):
    body = client.get(anti_rumour.get_absolute_url()).content.decode()
    assert "<iframe" not in body and "<embed" not in body and "<object" not in body
    assert 'href="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert 'Play the video <span class="video__host">(loads from www.youtube-nocookie.com)</span>' in body
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert "js/academy." in body


def test_a_video_elsewhere_is_a_plain_link_with_its_host(client, anti_rumour):
    anti_rumour.video_url = "https://media.example.org/films/rumours.mp4"
    anti_rumour.save()
    body = client.get(anti_rumour.get_absolute_url()).content.decode()
    assert 'href="https://media.example.org/films/rumours.mp4"' in body
    assert "(loads from media.example.org)" in body
    assert "data-video-embed" not in body and "js/academy." not in body


def test_related_practices_share_tags_first_then_areas(client, anti_rumour, vocabulary):
    narratives, business = vocabulary["narratives"], vocabulary["business"]
    area_only = make.practice("Alternative narratives campaign", areas=[narratives])
    bilbao = make.practice("Anti-rumours strategy", place="Bilbao", tags=["anti-rumours"], areas=[narratives])
    fuenlabrada = make.practice("Anti-rumours strategy (ARS)", place="Fuenlabrada", tags=["anti-rumours"])
    make.practice("Unrelated", areas=[business], tags=["ukraine"])
    make.practice("Draft twin", tags=["anti-rumours"], status="draft")
    for number in range(6):
        make.practice(f"Z narratives {number}", areas=[narratives])
    related = related_urls(client.get(anti_rumour.get_absolute_url()), "practices")
    assert related[:2] == urls(bilbao, fuenlabrada)  # the tag and the area, then the tag alone
    assert related[2] == area_only.get_absolute_url()
    assert len(related) == 6


def test_related_projects_share_areas_or_tags(client, anti_rumour, vocabulary):
    from projects.models import Project

    liaison = Project.objects.create(acronym="LIAISON", title="Local integration", slug="liaison", status="published")
    liaison.areas.set([vocabulary["narratives"]])
    Project.objects.create(acronym="DRAFT", title="Draft", slug="draft", status="draft").areas.set(
        [vocabulary["narratives"]]
    )
    Project.objects.create(acronym="OTHER", title="Other", slug="other", status="published").areas.set(
        [vocabulary["business"]]
    )
    assert related_urls(client.get(anti_rumour.get_absolute_url()), "projects") == urls(liaison)


def test_drafts_are_hidden_from_readers_and_shown_to_editors(client, editor, anti_rumour):
    anti_rumour.status = "draft"
    anti_rumour.save()
    assert client.get(anti_rumour.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert "Draft: not public" in client.get(anti_rumour.get_absolute_url()).content.decode()


def test_a_published_module_of_a_draft_course_is_hidden(client, anti_rumour):
    anti_rumour.course.status = "draft"
    anti_rumour.course.save()
    assert client.get(anti_rumour.get_absolute_url()).status_code == 404


def test_an_unknown_module_is_a_404(client, anti_rumour):
    assert client.get(f"/academy/{anti_rumour.course.slug}/no-such-module/").status_code == 404


@pytest.mark.parametrize("count", [1, 5])
def test_query_count_does_not_grow_with_questions(client, django_assert_num_queries, anti_rumour, count):
    make.practice("Anti-rumours strategy", place="Bilbao", tags=["anti-rumours"])
    for _ in range(count):
        question = build.question(anti_rumour)
    # Module + course, areas, tags, questions, options; the content generation, each kind's
    # facet index (first after a change; 4 each), where the related items' scores are counted; related practices,
    # related projects. Then, the indexes kept, the same less the indexes.
    with django_assert_num_queries(19):
        client.get(anti_rumour.get_absolute_url())
    with django_assert_num_queries(7):
        response = client.get(anti_rumour.get_absolute_url())
    assert len(response.context["questions"]) == count
    # answering adds the client's count of answers and the counter's update
    answer = {"question": question.pk, "option": question.options.first().pk}
    with django_assert_num_queries(7 + 2):
        response = client.post(anti_rumour.get_absolute_url(), answer, headers={"Origin": "http://testserver"})
    assert response.status_code == 200
