"""projects/liaison_source.py: LIAISON read from its two pages and merged, with no page noise."""

import dataclasses
import datetime
from pathlib import Path

import pytest

from projects.liaison_source import (
    LIAISON_AREAS,
    LIAISON_PAGES,
    LIAISON_TAGS,
    SourceConflict,
    SourceFormatError,
    merge_pages,
    missing_evidence,
    parse_activity,
    parse_impact_target,
    parse_page,
    parse_programme,
    read_liaison,
    union_in_order,
)

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
COORDINATOR_PAGE = (SOURCES / "liaison-cesie.txt").read_text(encoding="utf-8")
PARTNER_PAGE = (SOURCES / "liaison-partner.txt").read_text(encoding="utf-8")

# What the pages show around the project that must never become data.
PAGE_NOISE = [
    "Jordan",
    "stolen my heart",
    "BEFORE LEAVING",
    "InnovAgroWoMed",
    "Winter Camp",
    "Follow the project",
    "Social Media",
    "Home /",
    "Home »",
    "Projects /",
    "Project Number",
    "Project number",
    "Implementation date",
    "Date of the project",
    "DG of reference",
    "Info & contacts",
    "Visit the website",
    "Unit",
    ">>",
]


@pytest.fixture(scope="module")
def liaison():
    return read_liaison(SOURCES)


def every_text(value):
    """Every string inside a record, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from every_text(getattr(value, item.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from every_text(item)


def test_the_pages_are_the_ones_in_fixtures():
    assert LIAISON_PAGES == ["liaison-cesie.txt", "liaison-partner.txt"]
    assert "Unit" in COORDINATOR_PAGE and "Objectives" in COORDINATOR_PAGE
    assert "Objectives" not in PARTNER_PAGE  # the partner's page has no headings


def test_acronym_title_and_key(liaison):
    assert liaison.acronym == "LIAISON"
    assert liaison.title == "Mutual Learning for Intercultural Appreciation and Strengthened Organisational Networks"
    assert liaison.key == "liaison"


def test_both_pages_categories_are_kept_coordinator_first(liaison):
    assert parse_page(COORDINATOR_PAGE).categories == ["Migration"]
    assert parse_page(PARTNER_PAGE).categories == ["Intercultural Dialogue"]
    assert liaison.categories == ["Migration", "Intercultural Dialogue"]


def test_the_vlog_only_one_page_lists_is_in_the_union_in_its_place(liaison):
    assert "LIAISON VLOG" in parse_page(COORDINATOR_PAGE).resources
    assert "LIAISON VLOG" not in parse_page(PARTNER_PAGE).resources
    expected = [
        "Community-based participatory study",
        "Skill maps",
        "OEP implementation public report",
        "LIAISON VLOG",
        "Intercultural City Cooperation Model",
        "Memorandum of understanding",
    ]
    assert liaison.resources == expected
    # Read the other way round, the VLOG still lands after the public report.
    reversed_pages = merge_pages([parse_page(PARTNER_PAGE), parse_page(COORDINATOR_PAGE)])
    assert reversed_pages.resources == expected


def test_union_keeps_each_item_once_whatever_its_spacing_or_case():
    assert union_in_order(["a", "b", "d"], ["a", "c", "d"]) == ["a", "c", "b", "d"]  # c follows a
    assert union_in_order(["Migration"], ["Intercultural Dialogue"]) == ["Migration", "Intercultural Dialogue"]
    assert union_in_order(["Skill  maps"], ["skill maps", "VLOG"]) == ["Skill  maps", "VLOG"]
    assert union_in_order([], ["x"]) == ["x"]


def test_the_same_bullets_on_both_pages_are_not_doubled(liaison):
    assert len(liaison.objectives) == 4
    assert len(liaison.activities) == 6
    assert len(liaison.impact_targets) == 3
    assert liaison.objectives[0] == (
        "To promote intercultural understanding among different groups (locals, migrant communities, "
        "Muslim communities)."
    )


def test_dates_are_read_day_month_year(liaison):
    assert liaison.start == datetime.date(2020, 2, 3)  # 03/02/2020 is 3 February, not 2 March
    assert liaison.end == datetime.date(2022, 4, 2)
    assert parse_page(PARTNER_PAGE).start == datetime.date(2020, 2, 3)


def test_an_impossible_date_is_refused():
    with pytest.raises(SourceFormatError, match="day/month/year"):
        parse_page(COORDINATOR_PAGE.replace("02/04/2022", "31/02/2022"))


def test_contacts_come_from_the_coordinators_page(liaison):
    assert liaison.contact_email == "daria.labarbera@cesie.org"
    assert liaison.website == "https://www.liaison-connects.eu/"
    assert parse_page(PARTNER_PAGE).contact_email == ""


def test_the_funding_programme_keeps_its_full_wording(liaison):
    wording = (
        "DG JUST – REC-RACI Action Grant to prevent and combat racism, xenophobia, homophobia and other forms "
        "of intolerance and to monitor, prevent and counter hate speech online"
    )
    assert liaison.programme.full_wording == wording
    assert liaison.programme.directorate == "DG JUST"
    assert liaison.programme.name == "REC-RACI action grant (DG JUST)"
    assert liaison.programme.slug == "rec-raci-action-grant-dg-just"
    assert parse_programme(wording) == liaison.programme


def test_activities_split_at_the_first_colon(liaison):
    first = liaison.activities[0]
    assert first.name == "Participatory study"
    assert first.description.startswith("a community-based participatory study will be carried out based on 1)")
    assert liaison.activities[3].name == "Design of an Intercultural City Cooperation Model"
    # No colon: all name.
    assert liaison.activities[-1].name == "Awareness-raising campaigns (school labs, project fairs, final conference)"
    assert liaison.activities[-1].description == ""
    assert parse_activity("A: b: c").description == "b: c"


def test_impact_targets_have_a_number_what_it_counts_and_the_wording(liaison):
    assert [(t.number, t.counts) for t in liaison.impact_targets] == [
        (500, "community members"),
        (150, "representatives from the local community and relevant stakeholders"),
        (2000, "people from different cultural communities, organisations and public institutions"),
    ]
    assert liaison.impact_targets[0].wording == (
        "At least 500 community members reached through the skill-transfer workshops and LIAISON fairs"
    )
    assert parse_impact_target("More than 2,000 people attending").number == 2000
    with pytest.raises(SourceFormatError):
        parse_impact_target("Many people reached")


def test_nothing_is_invented(liaison):
    assert liaison.partners == []  # the pages name no partner
    assert liaison.project_number == ""  # "Project Number" is empty on both pages
    assert liaison.summary == ""  # there is no summary paragraph to take


def test_the_coordinator_is_the_publisher_whose_address_is_the_contact(liaison):
    # CESIE closes its page and the project's e-mail is at cesie.org; the partner's page shows neither.
    assert parse_page(COORDINATOR_PAGE).footer == "CESIE"
    assert liaison.coordinator == "CESIE"
    assert merge_pages([parse_page(PARTNER_PAGE)]).coordinator == ""
    other_address = COORDINATOR_PAGE.replace("daria.labarbera@cesie.org", "info@liaison-connects.eu")
    assert merge_pages([parse_page(other_address)]).coordinator == ""


def test_page_noise_is_in_no_field(liaison):
    texts = list(every_text(liaison))
    assert texts, "the record has text"
    for noise in PAGE_NOISE:
        assert not [text for text in texts if noise in text], noise
    assert "CESIE" not in [text for text in texts if text != liaison.coordinator]


def test_noise_is_really_in_the_pages():
    """The noise test above could only fail if the pages carry the noise."""
    for noise in ["Jordan has stolen my heart.", "BEFORE LEAVING CESIE", "InnovAgroWoMed"]:
        assert noise in COORDINATOR_PAGE
    assert "Follow the project updates >>" in COORDINATOR_PAGE
    assert "Follow the project in action" in PARTNER_PAGE
    assert "Home / Projects / Migration / LIAISON" in COORDINATOR_PAGE
    assert "Home » Projects » Intercultural Dialogue » LIAISON" in PARTNER_PAGE


def test_an_unexpected_line_stops_the_import_instead_of_becoming_data():
    changed = COORDINATOR_PAGE.replace(
        "liaison-connects.eu/\n", "liaison-connects.eu/\n\nSubscribe to our newsletter\n"
    )
    with pytest.raises(SourceFormatError, match="newsletter"):
        parse_page(changed)
    with pytest.raises(SourceFormatError, match="newsletter"):  # not a project number
        parse_page(COORDINATOR_PAGE.replace("Project Number\n", "Project Number\n\nSubscribe to our newsletter\n"))
    numbered = parse_page(COORDINATOR_PAGE.replace("Project Number\n", "Project Number\n\n881845\n"))
    assert numbered.project_number == "881845"
    with pytest.raises(SourceFormatError, match="Donate"):
        parse_page(PARTNER_PAGE.replace("  • Skill maps\n", "  • Skill maps\nDonate now\n"))


def test_pages_that_disagree_are_an_error_not_a_silent_pick():
    moved = PARTNER_PAGE.replace("03/02/2020 – 02/04/2022", "03/02/2020 – 02/05/2022")
    with pytest.raises(SourceConflict, match="end date"):
        merge_pages([parse_page(COORDINATOR_PAGE), parse_page(moved)])


def test_every_area_and_tag_rests_on_words_the_pages_hold():
    assert missing_evidence([COORDINATOR_PAGE, PARTNER_PAGE], {**LIAISON_AREAS, **LIAISON_TAGS}) == {}
    assert "intercultural-dialogue" in LIAISON_AREAS
    assert "anti-rumours" not in LIAISON_TAGS
    assert missing_evidence([PARTNER_PAGE], {"x": "Awareness-raising campaigns", "y": "no such words"}) == {
        "y": "no such words"
    }
