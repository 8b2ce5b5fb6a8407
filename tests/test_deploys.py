"""A deploy never serves what the previous code made: the unfiltered counts kept in the database, cached
pages, the whole-list CSV files and the API's ETags are kept under the release (a digest of the source,
`config/release.py`) as well as the content generation. Each test plays a deploy: new code, a new release."""

import shutil

import pytest
from django.core.management import call_command
from django.db.models import Value
from django.urls import reverse

from browse.models import KeptCounts
from config.release import code_digest
from practices.lists import PracticeList
from tests import factories as make
from tests.exports import read

pytestmark = pytest.mark.django_db
LIST = "/practices/"


def test_the_release_is_a_digest_of_the_code_that_answers_and_only_of_it(tmp_path):
    project = tmp_path / "portal"
    for name, text in [
        ("practices/__init__.py", ""),
        ("practices/views.py", "ANSWER = 1\n"),
        ("templates/base.html", "<html>"),
        ("locale/fr/LC_MESSAGES/django.po", 'msgid "Theme"\nmsgstr "Thème"\n'),
        ("fixtures/vocabulary_fr.json", '{"areas": {}}'),
        ("requirements.txt", "Django==5.2.19\n"),
        ("tests/__init__.py", ""),
        ("bench/__init__.py", ""),
    ]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    first = code_digest(project)
    # The same code on another app server, in another folder: the same release.
    shutil.copytree(project, tmp_path / "elsewhere")
    assert code_digest(tmp_path / "elsewhere") == first
    # What the portal, the benchmark, an editor or a patch write beside the code, and the tests, answer nothing.
    for name in (
        "practices/__pycache__/views.cpython-311.pyc",
        "practices/.views.py.swp",
        "practices/views.py~",
        "practices/views.py.orig",
        "bench/results.json",
        "tests/test_new.py",
    ):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("written")
    assert code_digest(project) == first
    seen = {first}
    for name, text in [
        ("practices/views.py", "ANSWER = 2\n"),
        ("templates/base.html", '<html lang="en">'),
        ("locale/fr/LC_MESSAGES/django.po", 'msgid "Theme"\nmsgstr "Thématique"\n'),
        ("fixtures/vocabulary_fr.json", '{"areas": {"housing": "Logement"}}'),
        ("requirements.txt", "Django==5.2.20\n"),
        ("practices/citations.py", "SOURCE = 'CDADI(2024)39'\n"),
    ]:
        (project / name).write_text(text)
        release = code_digest(project)
        assert release not in seen, name
        seen.add(release)


def test_the_unfiltered_counts_kept_by_the_previous_release_are_counted_again(client, settings):
    make.practice("Counted once")
    settings.RELEASE = "before"
    assert "1 practice" in client.get(LIST).content.decode()
    kept = KeptCounts.objects.get(key="practices-counts-en-gb:before")
    kept.counts["total"] = 4321  # what the code before the deploy counted
    kept.save()
    assert "4321 practices" in client.get(LIST).content.decode()  # read back while the release stays

    settings.RELEASE = "after"
    page = client.get(LIST).content.decode()
    assert "4321" not in page and "1 practice" in page
    # Its own row: the release before, still answering on another server for a while, keeps its own.
    assert KeptCounts.objects.get(key="practices-counts-en-gb:after").counts["total"] == 1
    settings.RELEASE = "before"
    assert "4321 practices" in client.get(LIST).content.decode()


def test_the_next_deploys_migration_removes_the_counts_other_releases_kept(client, settings):
    make.practice("Counted")
    for release in ("gone", "before"):
        settings.RELEASE = release
        client.get(LIST)
    assert sorted(KeptCounts.objects.values_list("key", flat=True)) == [
        "practices-counts-en-gb:before",
        "practices-counts-en-gb:gone",
    ]
    call_command("migrate", verbosity=0)
    assert list(KeptCounts.objects.values_list("key", flat=True)) == ["practices-counts-en-gb:before"]


def test_a_deploy_that_adds_a_column_to_the_export_writes_the_whole_list_again(client, settings, monkeypatch):
    make.practice("Exported")
    settings.RELEASE = "before"
    export = reverse("practices:export")
    assert "edition" not in read(client.get(export))[0]
    assert "edition" not in read(client.get(export))[0]  # served from the kept file

    columns = PracticeList.export_columns
    monkeypatch.setattr(
        PracticeList, "export_columns", lambda listing, request: [*columns(listing, request), ("edition", Value("2"))]
    )
    settings.RELEASE = "after"
    rows = read(client.get(export))
    assert [row["title"] for row in rows] == ["Exported"] and rows[0]["edition"] == "2"


def test_a_page_cached_by_the_previous_release_is_made_again(client, settings, shared_cache, monkeypatch):
    make.practice("Cached")
    settings.RELEASE = "before"
    assert "<h1>Good practices</h1>" in client.get(LIST).content.decode()

    monkeypatch.setattr(PracticeList, "title", "Good practices of intercultural integration")
    assert "<h1>Good practices</h1>" in client.get(LIST).content.decode()  # the cached page, as before
    settings.RELEASE = "after"
    assert "<h1>Good practices of intercultural integration</h1>" in client.get(LIST).content.decode()


def test_an_api_answer_of_the_previous_release_is_not_current(client, settings):
    make.practice("Answered")
    settings.RELEASE = "before"
    practices = reverse("api:practices")
    etag = client.get(practices)["ETag"]
    assert client.get(practices, headers={"If-None-Match": etag}).status_code == 304
    settings.RELEASE = "after"
    again = client.get(practices, headers={"If-None-Match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
