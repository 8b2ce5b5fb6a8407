"""manage.py import_compendium: the 83 entries published, idempotent, atomic, and kind to editors' changes.

The compendium is imported once for the module (committed, then removed at the
end); each test runs in a transaction rolled back after it, so tests that edit
or re-import see the same freshly imported database.
"""

import datetime
import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version
from taggit.models import Tag

from editorial.models import PublicationStatus
from practices import importer
from practices.models import Practice, ReferenceLink, TaggedPractice
from vocabulary.models import Area, Country, PracticeType, Theme

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SOURCE_TEXT = (FIXTURES / "sources" / "compendium-cdadi-2024-39.txt").read_text(encoding="utf-8")
TEXT_FIELDS = ["title", "place", "promoter", "type_text", "area_text", "duration_text", "purpose", "rationale",
               "process", "impact", "further_information"]  # fmt: skip
THEME_HEADINGS = {
    "ENSURING EQUALITY": "ensuring-equality",
    "VALUING DIVERSITY": "valuing-diversity",
    "FOSTERING MEANINGFUL INTERCULTURAL INTERACTION": "fostering-meaningful-intercultural-interaction",
    "PROMOTING ACTIVE CITIZENSHIP AND PARTICIPATION": "promoting-active-citizenship-and-participation",
    "MULTILEVEL GOVERNANCE": "multilevel-governance",
    "INTERCULTURALISM BEYOND EUROPE: INFORMATION AND PRACTICES FROM CANADA": "interculturalism-beyond-europe",
}
IMPORTED_MODELS = [Version, Revision, TaggedPractice, ReferenceLink, Practice, Tag, Theme, Country, Area, PracticeType]


def run(*args):
    out = io.StringIO()
    call_command("import_compendium", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        assert not Practice.objects.exists()
        output = run()
        yield output
        for model in IMPORTED_MODELS:
            model.objects.all().delete()


def practice(source_key):
    return Practice.objects.get(source_key=source_key)


# What the table of contents says, read here independently of the parser ---------------------------


def _plain(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def toc_entries():
    """[(theme slug, heading above the entry or "", entry title)] from the table-of-contents rows."""
    lines = SOURCE_TEXT.splitlines()
    rows = []
    for line in lines[lines.index("TABLE OF CONTENTS") + 1 : lines.index("INTRODUCTION", 100)]:
        match = re.match(r"^\|\s*(.+?)\s*\|\s*\d+\s*\|$", line)
        if match:
            rows.append(re.sub(r"\s*\.{2,}$", "", match[1]))
    entries, theme, heading = [], None, ""
    for row in rows[1:]:  # the first row is INTRODUCTION
        if row in THEME_HEADINGS:
            theme, heading = THEME_HEADINGS[row], ""
        elif not re.search(r"[a-z]", row):
            heading = row
        else:
            entries.append((theme, heading, row))
    return entries


def country_code(heading):
    codes = {
        _plain(country["name"]): country["code"] for country in json.loads((FIXTURES / "countries.json").read_text())
    }
    return codes.get(_plain(heading))


# Counts ----------------------------------------------------------------------------------------


def test_the_83_entries_are_created_and_published(imported):
    assert "83 created, 0 changed, 0 unchanged, 0 fields kept" in imported
    assert "Created Bilbao: Anti-rumours strategy\n" in imported
    assert Practice.objects.count() == 83 == len(toc_entries())
    assert Practice.objects.published().count() == 83
    assert not Practice.objects.filter(search_vector=None).exists()
    assert Practice.objects.filter(search_vector="rumours").count() >= 2


def test_counts_per_theme_equal_the_table_of_contents():
    expected = Counter(theme for theme, _, _ in toc_entries())
    assert len(expected) == 6
    assert Counter(Practice.objects.values_list("theme__slug", flat=True)) == expected


def test_counts_per_country_equal_the_table_of_contents():
    expected = Counter(
        "CA" if not heading else country_code(heading) for _, heading, _ in toc_entries()
    )  # the Canadian section has no country heading
    expected[None] = expected.pop(None, 0)  # ASSEMBLY OF EUROPEAN REGIONS is no country
    assert expected[None] == 2 and expected["CA"] == 1 and expected["ES"] == 17 and expected["TR"] == 5
    # NET-IDEA and DiverCities, printed under ITALY, are transnational networks of cities (curated).
    expected["IT"] -= 2
    expected[None] += 2
    assert Counter(Practice.objects.values_list("country_id", flat=True)) == expected


# The quirks, each as the reader will see it ----------------------------------------------------------


def test_bilbaos_anti_rumours_strategy():
    bilbao = practice("bilbao-anti-rumours-strategy")
    assert (bilbao.title, bilbao.slug, bilbao.place, bilbao.level, bilbao.country_id) == (
        "Anti-rumours strategy", "bilbao-anti-rumours-strategy", "Bilbao", "local", "ES",
    )  # fmt: skip
    assert bilbao.theme.slug == "valuing-diversity"
    assert "anti-rumours" in bilbao.tags.names()
    assert sorted(bilbao.types.values_list("slug", flat=True)) == ["policy", "project"]
    assert bilbao.type_text == "policy and project"


def test_exactly_the_two_anti_rumours_strategies_carry_the_tag():
    tagged = Practice.objects.filter(tags__slug="anti-rumours")
    assert sorted(tagged.values_list("slug", flat=True)) == [
        "bilbao-anti-rumours-strategy",
        "fuenlabrada-anti-rumours-strategy-ars",
    ]


@pytest.mark.parametrize(
    ("source_key", "place", "promoter", "level", "country"),
    [
        ("strasbourg-espace-egalite", "Strasbourg", "", "local", "FR"),
        ("reggio-emilia-local-action-plan-against-racial-discrimination", "Reggio Emilia", "", "local", "IT"),
        ("catalonia-bill-against-racism-in-all-its-forms-and-expressions", "Catalonia", "", "regional", "ES"),
        (
            "canton-of-neuchatel-implementation-of-the-roadmap-for-an-administration-that-is-open-to-diversity-and-egalitarianism",
            "Canton of Neuchâtel",
            "",
            "regional",
            "CH",
        ),
        (
            "vastra-gotaland-systematic-consultations-by-the-human-rights-committee",
            "Västra Götaland",
            "",
            "regional",
            "SE",
        ),
        ("reykjavik-inclusive-public-spaces", "Reykjavik", "", "local", "IS"),
        (
            "icei-istituto-di-cooperazione-economica-internazionale-and-the-italian-network-of-intercultural-cities-itaca-italian-cities-against-discrimination",
            "",
            "ICEI – Istituto di Cooperazione Economica Internazionale and the Italian Network of Intercultural Cities",
            "national",
            "IT",
        ),
        (
            "icei-istituto-di-cooperazione-economica-internazionale-net-idea-network-of-european-towns-for-interculturalism-diversity-equality-and-anti-discrimination",
            "",
            "ICEI – Istituto di Cooperazione Economica Internazionale",
            "european",  # a network of 15 cities in 6 countries (curated)
            None,
        ),
        (
            "the-strategy-document-for-roma-citizens-2023-2030-and-phase-i-action-plan-2023-2025",
            "",
            "",
            "national",
            "TR",
        ),
        ("intercultural-education", "", "", "national", "MK"),
        ("inclusive-britain-action-plan", "", "", "national", "GB"),
    ],
)
def test_places_promoters_levels_and_countries(source_key, place, promoter, level, country):
    found = practice(source_key)
    assert (found.place, found.promoter, found.level, found.country_id) == (place, promoter, level, country)
    assert not found.title.isupper() and ":" not in found.title[:3]


def test_the_assembly_of_european_regions_is_a_promoter_not_a_country():
    for source_key in (
        "eu-belong-an-intercultural-approach-to-migrant-integration-in-european-regions",
        "intercultural-regions-network",
    ):
        found = practice(source_key)
        assert (found.country, found.promoter, found.level, found.place) == (
            None,
            "Assembly of European Regions",
            "european",
            "",
        )
        assert found.theme.slug == "fostering-meaningful-intercultural-interaction"


def test_the_canadian_insights_are_an_essay_from_canada():
    canada = practice("insights-from-the-canadian-approach-to-immigrant-integration")
    assert (canada.theme.slug, canada.country_id, canada.level) == ("interculturalism-beyond-europe", "CA", "national")
    assert not canada.types.exists() and canada.type_text == ""
    assert "\n\n### Local/federal relations\n\n" in canada.purpose
    assert (canada.start, canada.end, canada.ongoing) == (None, None, None)  # the source does not say
    assert canada.source_position == 83


def test_curated_places_and_levels_where_the_title_has_no_prefix():
    assert [(p.place, p.level) for p in Practice.objects.filter(place="Tallinn")] == [("Tallinn", "local")] * 4
    assert (practice("mentoring-service-for-roma-people-in-valga-municipality-at-local-level").place) == "Valga"
    assert practice("belonging-city-of-reykjavik-intercultural-conference").level == "local"
    assert practice("parliamentary-resolution-on-matters-of-immigrants").level == "national"


def test_the_curation_file_is_small_explained_and_about_real_entries():
    curation = json.loads((FIXTURES / "compendium_curation.json").read_text())
    keys = set(Practice.objects.values_list("source_key", flat=True))
    assert len(curation["entries"]) <= 15
    for source_key, override in curation["entries"].items():
        assert source_key in keys
        assert override["why"]
    assert all(heading["why"] for heading in curation["headings"].values())


def test_types_and_areas_map_the_raw_text_which_is_kept():
    for found in Practice.objects.prefetch_related("types", "areas"):
        assert bool(found.type_text) == bool(found.types.all()), found.title
        assert bool(found.area_text) == bool(found.areas.all()), found.title
    greek_plan = practice("national-action-plan-against-racism-and-intolerance-2024-2027")
    assert greek_plan.area_text == "Anti-discrimination / anti-racism"
    assert list(greek_plan.areas.values_list("slug", flat=True)) == ["human-rights-and-anti-discrimination"]


def test_durations_are_kept_as_written_and_read_to_the_month():
    must = practice("fuenlabrada-multi-stakeholder-labs-for-migrants-and-stakeholders-must-a-lab")
    assert (must.duration_text, must.start, must.end, must.ongoing) == (
        "36 months, start date: 1 January 2022", datetime.date(2022, 1, 1), datetime.date(2024, 12, 1), False,
    )  # fmt: skip
    tallinn = practice("establishment-of-tallinn-migration-centre-tmc")
    assert (tallinn.start, tallinn.end, tallinn.ongoing) == (datetime.date(2022, 1, 1), None, True)
    # No Duration line, no dates.
    without = Practice.objects.filter(duration_text="")
    assert without.count() == 83 - 58
    # Unknown, not "ended"; but where the rest of the source gives a period, the curation says it.
    curated = json.loads((FIXTURES / "compendium_curation.json").read_text())["entries"]
    assert not without.exclude(start=None, end=None, ongoing=None).exclude(source_key__in=curated).exists()


def test_references_are_written_in_order():
    estonia = practice(
        "the-settle-in-estonia-client-portal-as-an-instrument-for-offering-and-managing-the-early-integration-program"
    )
    assert list(estonia.references.values_list("position", "label", "url")) == [
        (
            0,
            "The Statute of the Register of Residence and Work Permits",
            "https://www.riigiteataja.ee/akt/129072016004?leiaKehtiv",
        ),
        (1, "Settle in Estonia portal", "https://www.settleinestonia.ee/"),
    ]
    oslo = practice("oslo-data-collection-and-research-on-discrimination")
    assert list(oslo.references.values_list("label", "url")) == [
        ("Mapping of Racism and Discrimination Encountered in Oslo Municipality, Report (Norwegian)", "")
    ]


def test_no_field_holds_a_reviewers_comment_or_a_dead_link():
    for found in Practice.objects.all():
        for name in TEXT_FIELDS:
            assert "Commented [" not in getattr(found, name), (found.title, name)
            assert "](#)" not in getattr(found, name), (found.title, name)
    assert not ReferenceLink.objects.filter(label__contains="](#)").exists()
    assert not ReferenceLink.objects.filter(label__contains="Commented [").exists()


def test_slugs_are_readable_unique_and_short():
    slugs = list(Practice.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 83
    assert max(len(slug) for slug in slugs) <= 80
    assert "fuenlabrada-anti-rumours-strategy-ars" in slugs
    assert "tallinn-chamber-of-integration" in slugs  # the place is not repeated
    assert practice("law-5013-2023-art-1-17-regarding-the-establishment-of-multilevel-governance").slug == (
        "law-5013-2023-art-1-17-regarding-the-establishment-of-multilevel-governance"
    )
    long = practice(
        "research-on-the-role-of-the-media-in-shaping-croatian-public-opinion-regarding-forced-migration-and-publication-of-recommendations-for-media-coverage-about-migrants-and-refugees"
    )
    assert long.slug == "research-on-the-role-of-the-media-in-shaping-croatian-public-opinion-regarding"


def test_each_entry_is_a_revision_of_its_own():
    """A revert of one practice can then never undo another practice's import or edit."""
    revisions = Revision.objects.all()
    assert revisions.count() == 83
    assert set(revisions.values_list("comment", flat=True)) == {"Imported from CDADI(2024)39"}
    assert Version.objects.get_for_model(Practice).count() == 83
    for revision in revisions[:10]:
        assert revision.version_set.filter(content_type__model="practice").count() == 1


# Re-imports ----------------------------------------------------------------------------------------


def test_a_second_run_changes_nothing():
    before = dict(Practice.objects.values_list("pk", "updated"))
    versions, references = Version.objects.count(), list(ReferenceLink.objects.values_list("pk", flat=True))
    output = run()
    assert output.strip().splitlines() == ["0 created, 0 changed, 83 unchanged, 0 fields kept"]
    assert dict(Practice.objects.values_list("pk", "updated")) == before
    assert Version.objects.count() == versions
    assert list(ReferenceLink.objects.values_list("pk", flat=True)) == references


def test_a_failure_half_way_changes_nothing(monkeypatch):
    # From an empty database, so the vocabulary is written in the same transaction too.
    for model in IMPORTED_MODELS:
        model.objects.all().delete()
    calls = []

    def failing(practice, **links):
        calls.append(practice)
        if len(calls) == 40:
            raise RuntimeError("disk full")
        return save_practice(practice, **links)

    save_practice = importer.save_practice
    monkeypatch.setattr(importer, "save_practice", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        run()
    assert len(calls) == 40
    assert [model.objects.count() for model in IMPORTED_MODELS] == [0] * len(IMPORTED_MODELS)


def test_an_editors_change_is_kept_and_reported():
    bilbao = practice("bilbao-anti-rumours-strategy")
    bilbao.purpose = "Rewritten by an editor."
    bilbao.save()
    bilbao.areas.set([Area.objects.get(slug="youth")])
    bilbao.tags.add("editors-pick")
    bilbao.references.filter(position=0).update(label="Annual meeting (video)")
    output = run()
    assert "Kept editor's change to purpose of Bilbao: Anti-rumours strategy" in output
    assert "Kept editor's change to areas of Bilbao: Anti-rumours strategy" in output
    assert "Kept editor's change to tags of Bilbao: Anti-rumours strategy" in output
    assert "Kept editor's change to references of Bilbao: Anti-rumours strategy" in output
    assert output.strip().endswith("0 created, 0 changed, 83 unchanged, 4 fields kept")
    bilbao.refresh_from_db()
    assert bilbao.purpose == "Rewritten by an editor."
    assert list(bilbao.areas.values_list("slug", flat=True)) == ["youth"]
    assert "editors-pick" in bilbao.tags.names()
    assert bilbao.references.get(position=0).label == "Annual meeting (video)"


def test_overwrite_puts_the_compendiums_values_back():
    bilbao = practice("bilbao-anti-rumours-strategy")
    source_purpose = bilbao.purpose
    bilbao.purpose = "Rewritten by an editor."
    bilbao.slug = "bilbao-rumours"
    bilbao.save()
    output = run("--overwrite")
    assert "Changed Bilbao: Anti-rumours strategy: purpose" in output
    assert output.strip().endswith("0 created, 1 changed, 82 unchanged, 0 fields kept")
    bilbao.refresh_from_db()
    assert bilbao.purpose == source_purpose
    assert bilbao.slug == "bilbao-rumours"  # a slug is never changed by an import
    assert Practice.objects.filter(search_vector="rumours", pk=bilbao.pk).exists()


def test_editors_french_texts_survive_every_import_even_overwrite():
    # The compendium is English: the French columns are the editors' own, never the import's.
    oslo = practice("oslo-data-collection-and-research-on-discrimination")
    oslo.title_fr = "Collecte de données et recherche sur la discrimination"
    oslo.impact = "An older impact."
    oslo.imported_values = {**oslo.imported_values, "impact": "An older impact."}
    oslo.impact_fr = "Un effet traduit par un éditeur."
    oslo.save()
    output = run()
    assert "Changed Oslo: Data collection and research on discrimination: impact" in output
    assert "_fr" not in output
    run("--overwrite")
    oslo.refresh_from_db()
    assert oslo.impact.startswith("This initiative has enabled acknowledgement that discrimination is a problem")
    assert (oslo.title_fr, oslo.impact_fr) == (
        "Collecte de données et recherche sur la discrimination",
        "Un effet traduit par un éditeur.",
    )
    assert not any(name.endswith("_fr") for name in oslo.imported_values)


def test_a_field_the_compendium_changed_is_updated_when_no_editor_touched_it():
    # As if the previous import had written an older text and nobody edited it since.
    oslo = practice("oslo-data-collection-and-research-on-discrimination")
    oslo.impact = "An older impact."
    oslo.imported_values = {**oslo.imported_values, "impact": "An older impact."}
    oslo.save()
    output = run()
    assert "Changed Oslo: Data collection and research on discrimination: impact" in output
    oslo.refresh_from_db()
    assert oslo.impact.startswith("This initiative has enabled acknowledgement that discrimination is a problem")
    assert oslo.imported_values["impact"] == oslo.impact


def test_an_unpublished_practice_stays_unpublished():
    bilbao = practice("bilbao-anti-rumours-strategy")
    bilbao.status = PublicationStatus.DRAFT
    bilbao.save()
    assert "Kept editor's change to status of Bilbao: Anti-rumours strategy" in run()
    assert practice("bilbao-anti-rumours-strategy").status == PublicationStatus.DRAFT


def test_a_source_that_does_not_parse_imports_nothing(tmp_path, monkeypatch):
    broken = tmp_path / "compendium.txt"
    broken.write_text(SOURCE_TEXT.replace("TABLE OF CONTENTS", "CONTENTS"), encoding="utf-8")
    monkeypatch.setattr(importer, "SOURCE_FILE", broken)
    Practice.objects.all().delete()
    with pytest.raises(CommandError, match="Nothing was imported: No TABLE OF CONTENTS"):
        run()
    assert not Practice.objects.exists()
