"""manage.py import_projects: LIAISON published, idempotent, atomic, and kind to editors' changes."""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from editorial.models import PublicationStatus
from projects import importer
from projects.models import Category, FundingProgramme, Objective, Project
from vocabulary.models import Area

pytestmark = pytest.mark.django_db

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def run(*args):
    out = io.StringIO()
    call_command("import_projects", *args, stdout=out)
    return out.getvalue()


def liaison():
    return Project.objects.get(source_key="liaison")


def test_imports_liaison_published_with_everything_the_pages_say():
    output = run()
    assert "Projects: 1 created, 0 changed, 0 unchanged." in output
    project = liaison()
    assert project.status == PublicationStatus.PUBLISHED
    assert (project.acronym, project.slug) == ("LIAISON", "liaison")
    assert project.title == "Mutual Learning for Intercultural Appreciation and Strengthened Organisational Networks"
    assert (project.start, project.end) == (datetime.date(2020, 2, 3), datetime.date(2022, 4, 2))
    assert project.contact_email == "daria.labarbera@cesie.org"
    assert project.website == "https://www.liaison-connects.eu/"
    assert project.coordinator == "CESIE"
    assert project.summary == "" and project.project_number == ""
    assert project.programme.name == "REC-RACI action grant (DG JUST)"
    assert project.programme.directorate == "DG JUST"
    assert project.programme.full_wording.startswith("DG JUST – REC-RACI Action Grant to prevent and combat racism")
    assert sorted(project.categories.values_list("name", flat=True)) == ["Intercultural Dialogue", "Migration"]
    assert sorted(project.areas.values_list("slug", flat=True)) == [
        "communication-and-public-awareness",
        "human-rights-and-anti-discrimination",
        "intercultural-dialogue",
        "multilevel-governance",
        "social-and-political-participation",
    ]
    assert sorted(project.tags.names()) == ["migrants"]
    assert project.objectives.count() == 4
    assert list(project.activities.values_list("name", flat=True)[:1]) == ["Participatory study"]
    assert list(project.resources.values_list("title", flat=True)) == [
        "Community-based participatory study",
        "Skill maps",
        "OEP implementation public report",
        "LIAISON VLOG",
        "Intercultural City Cooperation Model",
        "Memorandum of understanding",
    ]
    assert list(project.impact_targets.values_list("number", flat=True)) == [500, 150, 2000]
    assert not project.partners.exists()
    # Searchable at once, children included.
    assert Project.objects.filter(search_vector="vlog").exists()


def test_the_shared_vocabulary_is_loaded_first():
    assert not Area.objects.exists()
    run()
    assert Area.objects.filter(slug="intercultural-dialogue").exists()
    assert Area.objects.count() > 5


def test_a_second_run_changes_nothing():
    run()
    before = liaison()
    second = run()
    assert "Projects: 0 created, 0 changed, 1 unchanged." in second
    assert "Kept" not in second
    after = liaison()
    assert after.updated == before.updated
    assert Project.objects.count() == 1
    assert Category.objects.count() == 2
    assert FundingProgramme.objects.count() == 1


def test_a_failure_half_way_leaves_nothing_behind(monkeypatch):
    def broken(project, **links):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "save_project", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        run()
    assert not Project.objects.exists()
    assert not Objective.objects.exists()
    assert not Category.objects.exists()
    assert not FundingProgramme.objects.exists()
    assert not Area.objects.exists()  # the vocabulary loaded in the same transaction is rolled back too


def test_an_editors_change_is_kept_and_reported_then_overwritten_on_request():
    run()
    project = liaison()
    project.coordinator = "CESIE (Palermo)"
    project.save()
    first = project.objectives.first()
    first.text = "An editor's better wording."
    first.save()

    output = run()
    assert "Projects: 0 created, 0 changed, 1 unchanged." in output
    assert "Kept an editor's change: LIAISON coordinator" in output
    assert "Kept an editor's change: LIAISON objectives" in output
    assert liaison().coordinator == "CESIE (Palermo)"
    assert liaison().objectives.first().text == "An editor's better wording."

    output = run("--overwrite")
    assert "Projects: 0 created, 1 changed, 0 unchanged." in output
    assert liaison().coordinator == "CESIE"
    assert liaison().objectives.first().text.startswith("To promote intercultural understanding")
    assert "Projects: 0 created, 0 changed, 1 unchanged." in run()


def test_a_changed_source_updates_what_no_editor_touched(tmp_path):
    run()
    project = liaison()
    project.coordinator = "Edited"
    project.save()
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    page = sources / "liaison-cesie.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("02/04/2022", "30/06/2022"), encoding="utf-8")
    partner = sources / "liaison-partner.txt"
    partner.write_text(partner.read_text(encoding="utf-8").replace("02/04/2022", "30/06/2022"), encoding="utf-8")

    output = run("--sources", str(sources))
    assert "Projects: 0 created, 1 changed, 0 unchanged." in output
    assert liaison().end == datetime.date(2022, 6, 30)
    assert liaison().coordinator == "Edited"


def test_unreadable_pages_import_nothing(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    page = sources / "liaison-partner.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("  • Skill maps\n", "Buy now!\n"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"Nothing was imported.*Buy now"):
        run("--sources", str(sources))
    assert not Project.objects.exists()


def test_a_project_created_by_hand_at_the_same_address_is_not_taken_over():
    Project.objects.create(acronym="LIAISON", title="By hand", slug="liaison")
    with pytest.raises(CommandError, match="/projects/liaison/ is taken"):
        run()
    assert Project.objects.get().title == "By hand"
