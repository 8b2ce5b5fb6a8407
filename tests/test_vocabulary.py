"""vocabulary.loading: the shared terms, loaded idempotently, and how raw compendium text maps onto them."""

import re
from pathlib import Path

import pytest
from taggit.models import Tag

from vocabulary.loading import Vocabulary, load_vocabulary
from vocabulary.models import Area, Country, PracticeType, Theme

SOURCE = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "compendium-cdadi-2024-39.txt"

# Every raw Type text of the compendium and the practice types it maps to.
TYPE_MAPPINGS = {
    "Consultative and advisory body": ["advisory-or-consultative-body"],
    "Consultative body": ["advisory-or-consultative-body"],
    "Participatory coordination body": ["coordination-body"],
    "Pilot Practice for Home Care Support": ["project", "service-or-centre"],
    "Policy": ["policy"],
    "Support centre": ["service-or-centre"],
    "action plan": ["action-plan"],
    "activity": ["activity"],
    "activity / policy": ["activity", "policy"],
    "advice centre": ["service-or-centre"],
    "advisory / consultative body": ["advisory-or-consultative-body"],
    "awareness raising": ["awareness-raising"],
    "awareness raising of professionals": ["awareness-raising", "education-or-training"],
    "conference / event": ["event"],
    "education activity": ["activity", "education-or-training"],
    "education programme": ["education-or-training", "programme"],
    "event/conference": ["event"],
    "framework document": ["policy"],
    "initiative": ["project"],
    "law / policy": ["law", "policy"],
    "law/policy": ["law", "policy"],
    "leaflet/awareness raising": ["awareness-raising", "tool"],
    "network": ["network"],
    "network/activity": ["activity", "network"],
    "policy": ["policy"],
    "policy / projects": ["policy", "project"],
    "policy and project": ["policy", "project"],
    "policy local level": ["policy"],
    "policy/event": ["event", "policy"],
    "programme": ["programme"],
    "project": ["project"],
    "project / policy": ["policy", "project"],
    "public policy tool": ["policy", "tool"],
    "public service accessibility": ["service-or-centre"],
    "social support programme": ["programme"],
    "strategy / policy": ["policy", "strategy"],
}

# Every raw Area of intervention text and the areas it maps to.
AREA_MAPPINGS = {
    "Anti-discrimination / anti-racism": ["human-rights-and-anti-discrimination"],
    "Anti-discrimination / anti-racism ; Intercultural education; Multilingual and intercultural public services; Political and civic participation": [
        "education",
        "human-rights-and-anti-discrimination",
        "multilingualism",
        "public-services",
        "social-and-political-participation",
    ],
    "Cash-based Humanitarian Assistance Programme": ["social-assistance"],
    "Communication and public awareness": ["communication-and-public-awareness"],
    "Cultural and social life, leisure": ["culture-and-leisure"],
    "Education": ["education"],
    "Gender equality": ["gender-equality"],
    "Health, social care and family support": ["health-and-social-care"],
    "Health, social care and family support, access to job market, safe housing; anti-rumours": [
        "business-and-employment",
        "health-and-social-care",
        "housing",
        "inclusive-and-alternative-narratives-and-communication",
    ],
    "Intercultural dialogue": ["intercultural-dialogue"],
    "Interreligious dialogue / Intercultural dialogue": ["intercultural-dialogue", "interreligious-dialogue"],
    "Multilingualism, Intercultural Dialogue, Education": ["education", "intercultural-dialogue", "multilingualism"],
    "National multi-level mechanism/ coordination structure": ["multilevel-governance"],
    "Other: Promoting cooperation between stakeholders for better integration of newcomers / intercultural dialogue": [
        "intercultural-dialogue",
        "multilevel-governance",
    ],
    "Policy making, socio-economic participation": ["policy-making", "social-and-political-participation"],
    "Public services": ["public-services"],
    "Public space": ["public-space"],
    "Public space, intercultural dialogue": ["intercultural-dialogue", "public-space"],
    "Roma and Travellers": ["roma-and-travellers-rights"],
    "Roma and Travellers rights, inclusion, gender equality": [
        "gender-equality",
        "inclusion",
        "roma-and-travellers-rights",
    ],
    "Welcoming policies, education": ["education", "welcoming-policies"],
    "Youth": ["youth"],
    "education": ["education"],
    "equal rights and opportunities": ["equal-rights-and-opportunities"],
    "gender equality / child protection": ["child-protection", "gender-equality"],
    "gender equality; inclusive narratives and communication": [
        "gender-equality",
        "inclusive-and-alternative-narratives-and-communication",
    ],
    "human rights and anti-discrimination": ["human-rights-and-anti-discrimination"],
    "human rights and anti-discrimination, inclusion, welcoming policies": [
        "human-rights-and-anti-discrimination",
        "inclusion",
        "welcoming-policies",
    ],
    "human rights and security": ["human-rights-and-security"],
    "inclusion": ["inclusion"],
    "inclusion; business and employment": ["business-and-employment", "inclusion"],
    "inclusive and alternative narratives and communication": [
        "inclusive-and-alternative-narratives-and-communication"
    ],
    "intercultural dialogue": ["intercultural-dialogue"],
    "multilevel governance": ["multilevel-governance"],
    "public services": ["public-services"],
    "public services / Roma and Travellers": ["public-services", "roma-and-travellers-rights"],
    "public space": ["public-space"],
    "social and political participation": ["social-and-political-participation"],
    "social and political participation; inclusive and alternative narratives and communication": [
        "inclusive-and-alternative-narratives-and-communication",
        "social-and-political-participation",
    ],
    "welcoming policies": ["welcoming-policies"],
    "welcoming policies, intercultural dialogue, public space": [
        "intercultural-dialogue",
        "public-space",
        "welcoming-policies",
    ],
}


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.from_file()


@pytest.mark.django_db
def test_themes_are_loaded_in_the_compendiums_order_with_their_slugs():
    load_vocabulary()
    assert list(Theme.objects.values_list("slug", "title")) == [
        ("ensuring-equality", "Ensuring equality"),
        ("valuing-diversity", "Valuing diversity"),
        ("fostering-meaningful-intercultural-interaction", "Fostering meaningful intercultural interaction"),
        ("promoting-active-citizenship-and-participation", "Promoting active citizenship and participation"),
        ("multilevel-governance", "Multilevel governance"),
        ("interculturalism-beyond-europe", "Interculturalism beyond Europe: information and practices from Canada"),
    ]


@pytest.mark.django_db
def test_countries_areas_types_and_tags_are_loaded():
    report = load_vocabulary()
    assert Country.objects.count() == 249
    assert Country.objects.get(code="TR").name == "Türkiye"
    assert Country.objects.get(code="MK").name == "North Macedonia"
    # The areas the compendium's introduction lists, then the ones its entries use beyond them.
    introduction = [
        "human-rights-and-anti-discrimination", "human-rights-and-security", "inclusion", "business-and-employment",
        "youth", "equal-rights-and-opportunities", "gender-equality", "roma-and-travellers-rights",
        "inclusive-and-alternative-narratives-and-communication", "public-services", "interreligious-dialogue",
        "intercultural-dialogue", "education", "social-and-political-participation", "public-space",
        "welcoming-policies",
    ]  # fmt: skip
    beyond = [
        "health-and-social-care",
        "multilevel-governance",
        "communication-and-public-awareness",
        "housing",
        "multilingualism",
    ]
    assert set(introduction + beyond) <= set(Area.objects.values_list("slug", flat=True))
    assert Area.objects.get(slug="roma-and-travellers-rights").name == "Roma and Travellers' rights"
    assert {"project", "policy", "action-plan", "programme", "strategy", "law", "network", "activity", "event",
            "awareness-raising", "advisory-or-consultative-body", "service-or-centre", "education-or-training",
            "tool"} <= set(PracticeType.objects.values_list("slug", flat=True))  # fmt: skip
    assert Tag.objects.filter(slug="anti-rumours", name="anti-rumours").exists()
    assert report.created == 6 + 249 + Area.objects.count() + PracticeType.objects.count() + Tag.objects.count()


@pytest.mark.django_db
def test_loading_twice_writes_nothing_and_keeps_editors_renamings():
    load_vocabulary()
    Area.objects.filter(slug="youth").update(name="Youth and children")
    counts = [model.objects.count() for model in (Theme, Country, Area, PracticeType, Tag)]
    report = load_vocabulary()
    assert report.created == 0
    assert [model.objects.count() for model in (Theme, Country, Area, PracticeType, Tag)] == counts
    assert Area.objects.get(slug="youth").name == "Youth and children"


@pytest.mark.django_db
def test_a_theme_added_by_hand_keeps_its_place():
    Theme.objects.create(slug="other", title="Other", position=1)
    load_vocabulary()
    assert Theme.objects.get(slug="other").position == 1
    assert Theme.objects.get(slug="ensuring-equality").position == 101


def test_every_raw_type_of_the_compendium_maps_to_at_least_one_type(vocabulary):
    written = set(re.findall(r"^Type:\s*(.+)$", SOURCE.read_text(encoding="utf-8"), re.MULTILINE))
    assert written == set(TYPE_MAPPINGS)
    for text, slugs in TYPE_MAPPINGS.items():
        assert slugs, text
        assert vocabulary.type_slugs(text) == slugs, text


def test_every_raw_area_of_the_compendium_maps_to_at_least_one_area(vocabulary):
    written = set(
        re.findall(
            r"^Area of intervention\s*:\s*(.+)$", SOURCE.read_text(encoding="utf-8"), re.MULTILINE | re.IGNORECASE
        )
    )
    assert written == set(AREA_MAPPINGS)
    for text, slugs in AREA_MAPPINGS.items():
        assert slugs, text
        assert vocabulary.area_slugs(text) == slugs, text


def test_every_mapped_term_is_in_the_vocabulary(vocabulary):
    areas = {rule.slug for rule in vocabulary.areas}
    types = {rule.slug for rule in vocabulary.practice_types}
    assert {slug for slugs in AREA_MAPPINGS.values() for slug in slugs} <= areas
    assert {slug for slugs in TYPE_MAPPINGS.values() for slug in slugs} <= types


def test_the_anti_rumours_tag_looks_at_titles_only(vocabulary):
    assert "anti-rumours" in vocabulary.tag_names({"title": "Anti-rumours strategy (ARS)"})
    assert "anti-rumours" not in vocabulary.tag_names(
        {"title": "#Diversamente", "purpose": "the anti-rumours methodology developed by the Council of Europe"}
    )


def test_tag_rules_match_words_in_their_fields(vocabulary):
    assert vocabulary.tag_names({"title": "Mentoring Service for Roma people", "purpose": "Ukrainian refugee women"}) == [
        "refugees", "roma", "ukraine", "women",
    ]  # fmt: skip
    assert vocabulary.tag_names({"process": "Roma, refugees"}) == []  # not a field any rule reads
