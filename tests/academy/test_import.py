"""import_academy: both courses from their sources, idempotent, atomic, respectful of editors."""

import dataclasses
import io

import pytest
from django.core.management import call_command
from reversion.models import Version

from academy.course_import import AcademyImportError, import_courses
from academy.course_sources import load_sources
from academy.models import Course, Module, QuizOption, QuizQuestion
from tests import factories as make
from tests.related import related_urls
from vocabulary.models import Area

pytestmark = pytest.mark.django_db

AREAS = {
    "inclusive-and-alternative-narratives-and-communication": "Inclusive and alternative narratives and communication",
    "business-and-employment": "Business and employment",
    "social-and-political-participation": "Social and political participation",
    "culture-and-leisure": "Culture and leisure",
    "policy-making": "Policy making",
}


@pytest.fixture
def vocabulary():
    return {slug: make.area(slug, name) for slug, name in AREAS.items()}


@pytest.fixture
def imported(vocabulary):
    report = import_courses(load_sources())
    return report


def snapshot():
    return {
        "courses": list(Course.objects.order_by("pk").values()),
        "modules": list(Module.objects.order_by("pk").values()),
        "areas": sorted(Module.areas.through.objects.values_list("module_id", "area_id")),
        "tags": sorted(Module.tags.through.objects.values_list("content_object_id", "tag__name")),
    }


def test_both_courses_are_published_with_the_academy_programme(imported):
    assert (imported.total_created, imported.total_changed) == (10, 0)
    academy = Course.objects.get(slug="intercultural-integration-academy")
    online = Course.objects.get(format="online-self-paced")
    assert academy.status == online.status == "published"
    programme = [(m.day, m.kind, m.title) for m in academy.modules.order_by("position")]
    assert programme[:3] == [
        (1, "core", "Introduction and discussion with stakeholders"),
        (2, "core", "Cultural competence training"),
        (3, "core", "Intercultural messaging and communication"),
    ]
    assert programme[3:] == [
        (None, "elective", "Anti-rumour Strategy"),
        (None, "elective", "Diversity in business"),
        (None, "elective", "Community Development"),
        (None, "elective", "Cultural Heritage Participatory Mapping"),
        (None, "elective", "Community-Based Results Accountability"),
    ]
    assert academy.modules.get(day=1).summary.startswith("The first day will be the occasion to review")
    assert Module.objects.filter(status="published").count() == 8


def test_the_online_course_has_no_module_and_no_question(imported):
    online = Course.objects.get(format="online-self-paced")
    assert online.modules.count() == 0
    assert QuizQuestion.objects.filter(module__course=online).count() == 0
    assert QuizQuestion.objects.count() == QuizOption.objects.count() == 0
    assert (online.cost, online.certificate, online.anonymity) == ("Free", "No certificate of completion", "Anonymous")
    assert online.length == "30 to 120 minutes per module"


def test_modules_join_the_shared_vocabulary_by_slug_and_tag(imported, vocabulary):
    anti_rumour = Module.objects.get(slug="anti-rumour-strategy")
    assert list(anti_rumour.tags.names()) == ["anti-rumours"]
    assert list(anti_rumour.areas.all()) == [vocabulary["inclusive-and-alternative-narratives-and-communication"]]
    business = Module.objects.get(slug="diversity-in-business")
    assert list(business.areas.all()) == [vocabulary["business-and-employment"]]
    assert not Module.objects.get(day=1).areas.exists()


def test_a_second_run_changes_nothing(imported):
    before = snapshot()
    report = import_courses(load_sources())
    assert (report.total_created, report.total_changed) == (0, 0)
    assert report.unchanged == {"course": 2, "module": 8}
    assert snapshot() == before
    assert "In all: 0 created, 0 changed." in report.summary()


def test_editor_changes_are_kept_unless_overwritten(imported, vocabulary):
    academy = Course.objects.get(slug="intercultural-integration-academy")
    academy.cost = "Covered by the programme"
    academy.save()
    business = Module.objects.get(slug="diversity-in-business")
    business.title = "Diversity in business and employment"
    business.save()
    business.areas.add(vocabulary["culture-and-leisure"])

    report = import_courses(load_sources())
    assert (report.total_created, report.total_changed) == (0, 0)
    assert len(report.kept_editor_changes) == 3
    academy.refresh_from_db()
    business.refresh_from_db()
    assert academy.cost == "Covered by the programme"
    assert business.title == "Diversity in business and employment"
    assert business.areas.count() == 2

    report = import_courses(load_sources(), overwrite=True)
    assert report.changed == {"course": 1, "module": 1}
    academy.refresh_from_db()
    business.refresh_from_db()
    assert academy.cost == ""
    assert business.title == "Diversity in business"
    assert [area.slug for area in business.areas.all()] == ["business-and-employment"]


def test_an_import_failing_half_way_writes_nothing(vocabulary):
    academy, online = load_sources()
    broken = dataclasses.replace(online, title="x" * 300)  # longer than a title may be, so the second course fails
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll everything back
        import_courses([academy, broken])
    assert Course.objects.count() == Module.objects.count() == 0


def test_missing_vocabulary_stops_the_import_before_any_write(vocabulary):
    Area.objects.filter(slug="policy-making").delete()
    with pytest.raises(AcademyImportError, match="policy-making"):
        import_courses(load_sources())
    assert Course.objects.count() == 0


def test_the_import_is_kept_in_the_revision_history(imported):
    anti_rumour = Module.objects.get(slug="anti-rumour-strategy")
    assert Version.objects.get_for_object(anti_rumour).count() == 1
    import_courses(load_sources())
    assert Version.objects.get_for_object(anti_rumour).count() == 1


def test_the_command_loads_the_vocabulary_then_both_courses_and_says_what_it_did():
    out = io.StringIO()
    call_command("import_academy", stdout=out)
    assert "Courses: 2 created, 0 changed, 0 unchanged." in out.getvalue()
    assert "Modules: 8 created, 0 changed, 0 unchanged." in out.getvalue()
    out = io.StringIO()
    call_command("import_academy", stdout=out)
    assert "In all: 0 created, 0 changed." in out.getvalue()


def test_the_anti_rumour_module_leads_to_the_compendiums_anti_rumours_strategies(client):
    from practices.models import Practice

    call_command("import_compendium", stdout=io.StringIO())
    call_command("import_academy", stdout=io.StringIO())
    tagged = set(Practice.objects.published().filter(tags__slug="anti-rumours"))
    assert {practice.place for practice in tagged} == {"Bilbao", "Fuenlabrada"}
    module = Module.objects.get(slug="anti-rumour-strategy")
    related = related_urls(client.get(module.get_absolute_url()), "practices")
    assert set(related[:2]) == {practice.get_absolute_url() for practice in tagged}
    assert 2 <= len(related) <= 6


def test_a_field_an_editor_sets_back_to_the_source_text_is_updated_by_the_next_import(imported, vocabulary):
    """Source v1 → editor's text → source v2 (kept) → editor sets v1 back → the import writes v2."""
    academy, online = load_sources()
    first = academy.fields()["summary"]
    course = Course.objects.get(slug="intercultural-integration-academy")
    course.summary = "An editor's summary."
    course.save()
    newer = dataclasses.replace(academy, summary="The source's newer summary.")
    report = import_courses([newer, online])
    assert report.kept_editor_changes == ["course “Intercultural Integration Academy”: summary"]
    course.refresh_from_db()
    assert course.summary == "An editor's summary."
    course.summary = first  # back to the text the imports last wrote
    course.save()
    import_courses([newer, online])
    course.refresh_from_db()
    assert course.summary == "The source's newer summary."
