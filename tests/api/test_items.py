"""/api/v1/<kind>/<slug>/: every field a reader sees on the item's page, nothing unpublished, 404 in JSON."""

import pytest
from django.urls import reverse

from academy.models import QuizOption
from editorial.models import PublicationStatus
from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db


def test_a_practice_as_its_page_shows_it(client):
    practice = make.practice(
        "Anti-rumours strategy", slug="bilbao", place="Bilbao", country=make.country("ES", "Spain"),
        level="local", promoter="City of Bilbao", areas=[make.area("education", "Education")],
        types=[make.practice_type("project", "Project")], tags=["rumours", "Anti-racism"],
        duration_text="Since 2013", start=make.month(2013, 5), ongoing=True,
        purpose="Fighting **rumours** <script>alert(1)</script>", impact="See [the report](https://example.org/r).",
        references=[("The strategy", "https://example.org/strategy"), ("A trap", "javascript:alert(1)")],
        type_text="project", area_text="education",
    )  # fmt: skip
    response = client.get(reverse("api:practice", args=["bilbao"]))
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "url": "http://testserver/practices/bilbao/",
        "api_url": "http://testserver/api/v1/practices/bilbao/",
        "slug": "bilbao",
        "title": "Anti-rumours strategy",
        "country": {"code": "ES", "name": "Spain"},
        "place": "Bilbao",
        "level": {"value": "local", "label": "Local"},
        "promoter": "City of Bilbao",
        "theme": {"slug": practice.theme.slug, "title": practice.theme.title},
        "types": [{"slug": "project", "name": "Project"}],
        "type_text": "project",
        "areas": [{"slug": "education", "name": "Education"}],
        "area_text": "education",
        "tags": [{"slug": "anti-racism", "name": "Anti-racism"}, {"slug": "rumours", "name": "rumours"}],
        "duration": "Since 2013",
        "start": "2013-05",
        "end": None,
        "ongoing": True,
        "purpose": {
            "markdown": "Fighting **rumours** <script>alert(1)</script>",
            "html": "<p>Fighting <strong>rumours</strong> </p>",
        },
        "rationale": {"markdown": "", "html": ""},
        "process": {"markdown": "", "html": ""},
        "impact": {
            "markdown": "See [the report](https://example.org/r).",
            "html": '<p>See <a href="https://example.org/r" rel="noopener noreferrer nofollow">the report</a>.</p>',
        },
        "further_information": {"markdown": "", "html": ""},
        # Only addresses a reader could follow, as on the page.
        "references": [
            {"label": "The strategy", "url": "https://example.org/strategy"},
            {"label": "A trap", "url": None},
        ],
    }
    # In a list, the Markdown alone (its HTML is the detail's).
    listed = client.get(reverse("api:practices")).json()["results"][0]
    assert listed["purpose"] == {"markdown": "Fighting **rumours** <script>alert(1)</script>"}
    assert {key: value for key, value in listed.items() if not isinstance(value, dict) or "markdown" not in value} == {
        key: value for key, value in body.items() if not isinstance(value, dict) or "markdown" not in value
    }


def test_a_transnational_practice_has_no_country(client):
    make.practice("Network", slug="network", country=None, promoter="Eurocities")
    body = client.get(reverse("api:practice", args=["network"])).json()
    assert body["country"] is None and body["promoter"] == "Eurocities"


def test_a_project_with_its_children_and_its_status_today(client):
    spain = make.country("ES", "Spain")
    make_project.project(
        "LIAISON", slug="liaison", title="Local Integration", summary="A *project*.",
        start=make_project.day(2020, 2, 3), end=make_project.day(2022, 4, 2),
        programme=make_project.programme(), categories=[make_project.category()], tags=["dialogue"],
        objectives=["Meet", "Talk"], activities=[("Workshops", "Six of them"), ("Visits", "")],
        resources=[("Toolkit", "https://example.org/kit"), ("Bad", "javascript:x")],
        targets=[(300, "participants", "300 people take part")], partners=[("City of Bilbao", spain, "Partner")],
        coordinator="ICC", contact_email="info@example.org", website="https://example.org",
    )  # fmt: skip
    body = client.get(reverse("api:project", args=["liaison"])).json()
    assert body["acronym"] == "LIAISON" and body["title"] == "Local Integration"
    assert body["summary"] == {"markdown": "A *project*.", "html": "<p>A <em>project</em>.</p>"}
    assert body["start"] == "2020-02-03" and body["end"] == "2022-04-02" and body["duration_in_months"] == 26
    assert body["status"] == {"value": "finished", "label": "Finished"}
    assert body["programme"]["name"] == "REC-RACI action grant (DG JUST)"
    assert body["categories"] == [{"slug": "migration", "name": "Migration"}]
    assert body["tags"] == [{"slug": "dialogue", "name": "dialogue"}]
    assert body["objectives"] == ["Meet", "Talk"]
    assert body["activities"] == [{"name": "Workshops", "description": "Six of them"},
                                  {"name": "Visits", "description": ""}]  # fmt: skip
    assert body["resources"] == [{"title": "Toolkit", "url": "https://example.org/kit"}, {"title": "Bad", "url": None}]
    assert body["impact_targets"] == [{"number": 300, "counts": "participants", "wording": "300 people take part",
                                       "achieved": None, "achieved_source": ""}]  # fmt: skip
    assert body["partners"] == [{"organisation": "City of Bilbao", "country": {"code": "ES", "name": "Spain"},
                                 "role": "Partner"}]  # fmt: skip
    assert body["contact_email"] == "info@example.org" and body["website"] == "https://example.org"
    assert body["social_links"] == []


def test_a_course_lists_its_published_modules_and_a_module_its_answerable_questions(client):
    course = build.course("Academy", slug="academy", summary="Five **days**.", length="5 days")
    build.module(course, "Welcome", slug="welcome", day=1, position=1, duration_minutes=45)
    build.module(course, "Draft", slug="draft", status=PublicationStatus.DRAFT)
    module = build.module(course, "Rumours", slug="rumours", day=2, position=2, kind="elective",
                          summary="On *rumours*.", video_url="https://vimeo.com/1", tags=["rumours"])  # fmt: skip
    build.question(module, "Which is true?", options=[("This", True, "Yes!"), ("That", False, "No.")])
    build.question(module, "Unanswerable?", options=[("Only wrong", False, "")])  # no correct option: not asked
    QuizOption.objects.filter(text="This").update(answer_count=12)

    course_body = client.get(reverse("api:course", args=["academy"])).json()
    assert course_body["summary"] == {"markdown": "Five **days**.", "html": "<p>Five <strong>days</strong>.</p>"}
    assert course_body["length"] == "5 days" and course_body["format"]["value"] == "in-person-intensive"
    assert [(m["slug"], m["day"], m["url"]) for m in course_body["modules"]] == [
        ("welcome", 1, "http://testserver/academy/academy/welcome/"),
        ("rumours", 2, "http://testserver/academy/academy/rumours/"),
    ]

    body = client.get(reverse("api:module", args=["academy", "rumours"])).json()
    assert body["course"] == {"url": "http://testserver/academy/academy/",
                              "api_url": "http://testserver/api/v1/courses/academy/",
                              "slug": "academy", "title": "Academy"}  # fmt: skip
    assert body["kind"] == {"value": "elective", "label": "Elective"}
    assert body["summary"]["html"] == "<p>On <em>rumours</em>.</p>"
    assert body["video_url"] == "https://vimeo.com/1"
    # The options a learner chooses from; which is right, the feedback and the counts are the quiz's own.
    assert body["questions"] == [{"text": "Which is true?", "options": [{"text": "This"}, {"text": "That"}]}]
    assert "12" not in response_text(client, "api:module", "academy", "rumours")
    assert "Yes!" not in response_text(client, "api:module", "academy", "rumours")


def response_text(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED])
def test_unpublished_and_unknown_items_are_a_json_404(client, status):
    make.practice("Hidden", slug="hidden", status=status)
    make_project.project("HID", slug="hidden-project", status=status)
    hidden_course = build.course("Hidden course", slug="hidden-course", status=status)
    build.module(hidden_course, "In it", slug="in-it")
    course = build.course("Open course", slug="open-course")
    build.module(course, "Hidden module", slug="hidden-module", status=status)
    for name, args, noun in [
        ("api:practice", ["hidden"], "practice"), ("api:practice", ["nope"], "practice"),
        ("api:project", ["hidden-project"], "project"), ("api:course", ["hidden-course"], "course"),
        ("api:module", ["hidden-course", "in-it"], "module"), ("api:module", ["open-course", "hidden-module"], "module"),
    ]:  # fmt: skip
        response = client.get(reverse(name, args=args))
        assert response.status_code == 404, args
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"errors": [f"No published {noun} has the address “{'/'.join(args)}”."]}
    # A positive control: the published ones answer.
    assert client.get(reverse("api:course", args=["open-course"])).status_code == 200


def test_the_vocabulary_names_every_filter_value_and_no_drafts_tag(client):
    make.practice("Open", tags=["shared"], country=make.country("ES", "Spain"))
    make.practice("Draft", tags=["secret-draft-tag"], status=PublicationStatus.DRAFT)
    course = build.course()
    build.module(course, tags=["module-tag"])
    body = client.get(reverse("api:vocabulary")).json()
    assert {"code": "ES", "name": "Spain"} in body["countries"]
    assert [tag["slug"] for tag in body["tags"]] == ["module-tag", "shared"]
    assert {"value": "local", "label": "Local"} in body["levels"]
    assert {"value": "online-self-paced", "label": "Online self-paced"} in body["course_formats"]
    assert set(body) == {"themes", "countries", "levels", "areas", "practice_types", "tags", "categories",
                         "programmes", "course_formats", "module_kinds"}  # fmt: skip


def test_the_index_lists_the_apis_addresses(client):
    body = client.get(reverse("api:index")).json()
    assert body["practices"] == "http://testserver/api/v1/practices/"
    assert body["documentation"] == "http://testserver/api/v1/docs/"
    assert client.get(reverse("api:index"), {"x": "1"}).status_code == 400


def test_detail_query_counts(client, django_assert_num_queries):
    make.practice("P", slug="p", tags=["a"], areas=[make.area()], references=[("R", "https://example.org")])
    # The client's count (the rate limit), the generation, the practice with its types, areas, tags and
    # references (the page's one read).
    with django_assert_num_queries(3):
        assert client.get(reverse("api:practice", args=["p"])).status_code == 200
    course = build.course(slug="c")
    build.question(build.module(course, slug="m", tags=["t"]))
    # The client's count, the generation, the module and its course, areas, tags, questions, options.
    with django_assert_num_queries(7):
        assert client.get(reverse("api:module", args=["c", "m"])).status_code == 200
