"""Draft and archived content never reaches the public: pages, search, facets, feeds, exports, relations."""

import pytest

from editorial.models import PublicationStatus
from tests import factories as make
from tests.academy import builders as academy
from tests.projects import factories as projects

HIDDEN = [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED]
WORD = "Zanzibarian"
SEARCH = "zanzibar"  # a prefix: it matches WORD, yet the echoed search box does not contain WORD

pytestmark = pytest.mark.django_db


def text(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture(params=HIDDEN)
def hidden(request):
    """One hidden practice, project, course and module (and a published twin of each), in one status."""
    status = request.param
    youth = make.area("youth", "Youth")
    france = make.country("FR", "France")
    published = make.practice("Published youth practice", areas=[youth], tags=["shared"])
    practice = make.practice(
        f"{WORD} practice", place=WORD, country=france, areas=[youth], tags=["shared", "only-hidden"], status=status,
        purpose=f"{WORD} text.",
    )  # fmt: skip
    project = projects.project(f"{WORD.upper()}", title=f"{WORD} project", areas=[youth], status=status,
                               objectives=[f"{WORD} objective"])  # fmt: skip
    open_course = academy.course("Open course")
    hidden_module = academy.module(open_course, f"{WORD} module", areas=[youth], status=status)
    hidden_course = academy.course(f"{WORD} course", status=status)
    academy.module(hidden_course, "Module of a hidden course")
    return {"practice": practice, "published": published, "project": project, "course": hidden_course,
            "module": hidden_module, "open_course": open_course, "status": status}  # fmt: skip


def test_practice_pages_search_facets_feed_and_export(client, hidden):
    for url in ["/", "/practices/", f"/practices/?q={SEARCH}", "/practices/?q=youth", "/practices/feed/",
                "/practices/export.csv", f"/practices/export.csv?q={SEARCH}", "/practices/?area=youth"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert WORD not in text(response), url
    listed = client.get("/practices/")
    assert listed.context["total"] == 1
    facets = {f.key: {v.value for v in f.values} for f in listed.context["facets"]}
    assert "only-hidden" not in facets["tag"]
    assert "FR" not in facets["country"]
    assert client.get(f"/practices/?q={SEARCH}").context["total"] == 0
    assert client.get(hidden["practice"].get_absolute_url()).status_code == 404
    assert WORD not in text(client.get(hidden["published"].get_absolute_url()))  # not among related practices


def test_project_pages_search_and_export(client, hidden):
    for url in ["/projects/", f"/projects/?q={SEARCH}", "/projects/export.csv", f"/projects/export.csv?q={SEARCH}",
                "/projects/?area=youth"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert WORD not in text(response), url
    assert client.get(hidden["project"].get_absolute_url()).status_code == 404


def test_academy_pages_and_export(client, hidden):
    for url in ["/academy/", f"/academy/?q={SEARCH}", "/academy/export.csv", hidden["open_course"].get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert WORD not in text(response), url
    assert client.get(hidden["course"].get_absolute_url()).status_code == 404
    assert client.get(hidden["module"].get_absolute_url()).status_code == 404
    assert "Module of a hidden course" not in text(client.get("/academy/export.csv"))


def test_the_same_content_published_is_found_everywhere(client, hidden):
    """The checks above can fail: once published, each item shows up where they looked."""
    for item in ("practice", "project", "course", "module"):
        hidden[item].status = PublicationStatus.PUBLISHED
        hidden[item].save()
    assert client.get(f"/practices/?q={SEARCH}").context["total"] == 1
    assert WORD in text(client.get("/practices/export.csv"))
    assert WORD in text(client.get("/practices/feed/"))
    assert WORD in text(client.get(f"/projects/?q={SEARCH}"))
    assert WORD in text(client.get("/academy/export.csv"))
    assert client.get(hidden["module"].get_absolute_url()).status_code == 200
