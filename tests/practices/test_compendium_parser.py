"""practices.compendium_parser: the compendium's text read into entries, each export quirk undone."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from practices.compendium_parser import (
    CompendiumFormatError,
    Reference,
    _Block,
    markdown_from_blocks,
    match_key,
    parse_compendium,
    references_from_blocks,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SOURCE_TEXT = (FIXTURES / "sources" / "compendium-cdadi-2024-39.txt").read_text(encoding="utf-8")
THEME_TITLES = [theme["title"] for theme in json.loads((FIXTURES / "vocabulary.json").read_text())["themes"]]
TEXT_FIELDS = [
    "type_text",
    "area_text",
    "duration_text",
    "purpose",
    "rationale",
    "process",
    "impact",
    "further_information",
]


@pytest.fixture(scope="module")
def entries():
    return parse_compendium(SOURCE_TEXT, THEME_TITLES)


@pytest.fixture(scope="module")
def entry(entries):
    by_key = {entry.source_key: entry for entry in entries}

    def find(source_key):
        return by_key[source_key]

    return find


def blocks(text):
    """Paragraphs of a snippet, as the parser cuts them."""
    return [_Block(paragraph.splitlines()) for paragraph in text.strip().split("\n\n")]


# The table of contents --------------------------------------------------------------------


def test_the_table_of_contents_gives_83_entries_in_order(entries):
    assert len(entries) == 83
    assert [entry.position for entry in entries] == list(range(1, 84))
    assert (
        entries[0].title
        == "The Settle in Estonia client portal as an instrument for offering and managing the early integration program"
    )
    assert entries[-1].title == "Insights from the Canadian approach to immigrant integration"
    assert len({entry.source_key for entry in entries}) == 83


def test_entries_sit_under_their_section_and_country_heading(entry):
    assert (entry("bilbao-anti-rumours-strategy").section, entry("bilbao-anti-rumours-strategy").group) == (
        "VALUING DIVERSITY",
        "SPAIN",
    )
    assert entry("turkiye-social-inclusion-training-program").group == "TÜRKİYE"
    assert entry("intercultural-regions-network").group == "ASSEMBLY OF EUROPEAN REGIONS"
    canada = entry("insights-from-the-canadian-approach-to-immigrant-integration")
    assert canada.section == "INTERCULTURALISM BEYOND EUROPE: INFORMATION AND PRACTICES FROM CANADA"
    assert canada.group == ""


def test_toc_and_body_titles_that_differ_slightly_still_match(entry):
    # TOC "MULTI-Stakeholder", body "Multi-STakeholder"; the body heading is what readers saw above the entry.
    must = entry("fuenlabrada-multi-stakeholder-labs-for-migrants-and-stakeholders-must-a-lab")
    assert must.toc_title.startswith("FUENLABRADA: MULTI-Stakeholder Labs")
    assert must.title == "Multi-STakeholder Labs for migrants and stakeholders (MUST-a-LaB)"
    # TOC "strEngthening PubliC…", body "strengthening Public…"
    ecosystem = entry(
        "ecosystem-strengthening-public-authorities-capacity-to-respond-to-intersectional-discrimination-through-multi-agency-coalitions"
    )
    assert "strEngthening" in ecosystem.toc_title
    assert ecosystem.title.startswith("“ECOSYSTEM” (strengthening Public Authorities’")
    # TOC <i>Settle in Estonia</i>, body *Settle in Estonia*: markup leaves the title.
    assert entry(
        "the-settle-in-estonia-client-portal-as-an-instrument-for-offering-and-managing-the-early-integration-program"
    ).title.startswith("The Settle in Estonia client portal")
    # Quotes around the whole title go, quotes around a part stay; " : " becomes ": ".
    assert entry("inclusion-and-empowerment-of-roma").title == "Inclusion and empowerment of Roma"
    assert entry("leaflet-we-are-here-for-you").title == "Leaflet “We are here for you”"
    assert entry("bilbao-diversitours-real-and-virtual-tours").title == "DIVERSITOURS: real and virtual tours"


def test_match_key_ignores_case_accents_markup_quotes_and_dot_leaders():
    assert match_key("TÜRKİYE.....") == match_key("Türkiye") == "turkiye"
    assert (
        match_key("STRASBOURG : Espace Egalité")
        == match_key("STRASBOURG: Espace Egalite")
        == "strasbourg-espace-egalite"
    )
    assert match_key("The <i>Settle in Estonia</i> portal") == match_key("The *Settle in Estonia* portal")
    assert match_key("“Inclusion and empowerment of Roma”") == match_key('"Inclusion and empowerment of Roma"')


def test_a_missing_heading_is_an_error_not_a_silent_skip():
    broken = SOURCE_TEXT.replace("\nBILBAO: Anti-rumours strategy\n", "\nBILBAO: Anti-rumour strategies\n")
    with pytest.raises(CompendiumFormatError, match="Anti-rumours strategy"):
        parse_compendium(broken, THEME_TITLES)


# Titles with a place or promoter before the colon --------------------------------------------


@pytest.mark.parametrize(
    ("source_key", "prefix", "title"),
    [
        ("bilbao-anti-rumours-strategy", "BILBAO", "Anti-rumours strategy"),
        ("strasbourg-espace-egalite", "STRASBOURG", "Espace Egalité"),
        (
            "catalonia-bill-against-racism-in-all-its-forms-and-expressions",
            "CATALONIA",
            "Bill against racism in all its forms and expressions",
        ),
        (
            "canton-of-neuchatel-implementation-of-the-roadmap-for-an-administration-that-is-open-to-diversity-and-egalitarianism",
            "CANTON OF NEUCHÂTEL",
            "Implementation of the Roadmap for an Administration that is Open to Diversity and Egalitarianism",
        ),
        (
            "vastra-gotaland-systematic-consultations-by-the-human-rights-committee",
            "VÄSTRA GÖTALAND",
            "Systematic consultations by the Human Rights Committee",
        ),
        ("reykjavik-inclusive-public-spaces", "REYKJAVIK", "Inclusive Public Spaces"),
        (
            "icei-istituto-di-cooperazione-economica-internazionale-and-the-italian-network-of-intercultural-cities-itaca-italian-cities-against-discrimination",
            "ICEI – ISTITUTO DI COOPERAZIONE ECONOMICA INTERNAZIONALE AND THE ITALIAN NETWORK OF INTERCULTURAL CITIES",
            "ITACA – Italian Cities against discrimination",
        ),
        (
            "icei-istituto-di-cooperazione-economica-internazionale-net-idea-network-of-european-towns-for-interculturalism-diversity-equality-and-anti-discrimination",
            "ICEI – ISTITUTO DI COOPERAZIONE ECONOMICA INTERNAZIONALE",
            "NET-IDEA: Network of European Towns for Interculturalism, Diversity, Equality and Anti-Discrimination",
        ),
        ("establishment-of-tallinn-migration-centre-tmc", "", "Establishment of Tallinn Migration Centre (TMC)"),
        (
            "eu-belong-an-intercultural-approach-to-migrant-integration-in-european-regions",
            "",
            "EU Belong: An Intercultural Approach to Migrant Integration in European Regions",
        ),
    ],
)
def test_the_prefix_in_capitals_is_split_from_the_title(entry, source_key, prefix, title):
    assert (entry(source_key).prefix, entry(source_key).title) == (prefix, title)


# Field labels ------------------------------------------------------------------------------


def test_field_label_variants_fill_the_same_fields(entry):
    catalonia = entry(
        "catalonia-commitment-of-the-government-of-catalonia-for-a-racism-free-region-70-measures-for-social-and-institutional-transformation"
    )
    assert catalonia.area_text == "human rights and anti-discrimination"  # "Area of Intervention:"
    assert catalonia.duration_text == "2023-2025"  # "Duration/Elaboration Period:"
    assert catalonia.impact.startswith("The outcomes of this initiative encompass")  # "Impact/Outcomes:"
    assert catalonia.further_information.startswith(
        "In 2024, the Action Plan will be incorporated"
    )  # "Further Information:"
    assert (
        entry("catalonia-bill-against-racism-in-all-its-forms-and-expressions").duration_text
        == "December 2021-November 2022"
    )  # "Elaboration period:"
    assert entry("reykjavik-inclusive-public-spaces").duration_text == "starting in February 2023"  # "Duration :"
    luxembourg = entry(
        "gemengepakt-vum-interkulturellen-zesummeliewen-municipal-pact-for-intercultural-living-together"
    )
    assert luxembourg.area_text.startswith(
        "Anti-discrimination / anti-racism ; Intercultural education"
    )  # "Area of intervention :"
    assert [reference.url for reference in luxembourg.references] == [  # "Key reference documents :"
        "https://gemengen.zesummeliewen.lu/",
        "https://legilux.public.lu/eli/etat/leg/loi/2023/08/23/a545/jo",
    ]
    assert entry("the-advisory-board-for-ethnic-relations-etno").rationale.startswith(
        "The rationale behind ETNO"
    )  # "Rationale:"
    assert entry("bilbao-local-award-for-migrant-women").rationale.startswith(
        "Bilbao is an intercultural city"
    )  # "Stimulus/Rationale:"
    assert entry("campaign-to-promote-interculturality").rationale.startswith(
        "Given that various campaigns"
    )  # "Stimulus/rationale:"


def test_text_on_the_label_line_belongs_to_the_field(entry):
    assert entry("bilbao-anti-rumours-strategy").type_text == "policy and project"
    assert entry("bilbao-anti-rumours-strategy").purpose.startswith(
        "The Anti-Rumours Strategy is a long-term process of social change."
    )


def test_aim_joins_the_purpose_with_its_label(entry):
    paris = entry("paris-improving-access-to-the-law")
    assert paris.purpose.startswith("To reduce inequalities in knowledge of the law")
    assert "\n\nAim: The aim of the roadmap for access to the law" in paris.purpose


def test_the_merged_rationale_and_process_label_goes_to_the_rationale(entry):
    tallinn = entry("establishment-of-tallinn-migration-centre-tmc")
    assert tallinn.rationale.startswith(
        "The Tallinn Migration Centre (TMC) was initiated by the city of Tallinn in March 2022"
    )
    assert "TMC gathered this information and started to publish explanatory posts." in tallinn.rationale
    assert tallinn.process == ""


def test_inline_labels_inside_a_text_are_content(entry):
    fgm = entry("bilbao-intersectional-board-on-female-genital-mutilation-prevention-in-bilbao")
    assert "Objectives are the following:" in fgm.purpose
    clara = entry("local-community-learning-against-racism-xenophobia-and-hate-speech-clara")
    assert clara.further_information.startswith("Leading authority: Madrid City Council (coordinator)")
    assert "CLAPs constitution: Local stakeholders merged" in clara.process


def test_a_field_label_repeated_inside_its_field_is_content(entry):
    luxembourg = entry(
        "gemengepakt-vum-interkulturellen-zesummeliewen-municipal-pact-for-intercultural-living-together"
    )
    assert luxembourg.impact.startswith("Multi-level governance is central to Gemengepakt")
    assert "Impact: Coordination at several levels makes it easier" in luxembourg.impact
    assert "Impact: Advisers on intercultural living together act as a link" in luxembourg.impact


# Reviewers' comments, footnotes, page breaks ---------------------------------------------------


def test_reviewers_comments_are_in_no_field_but_kept_apart(entries, entry):
    for each in entries:
        for name in TEXT_FIELDS:
            assert "Commented [" not in getattr(each, name), (each.title, name)
    assert entry("parliamentary-resolution-on-matters-of-immigrants").reviewer_comments == [
        "Commented [BF2]: This practice has been submitted by the City of Reykjavik but clearly pertains to the national level (national parliament).",
        "Commented [RM3R2]: Ok to present as done here",
    ]
    # The comment printed between the LUXEMBOURG heading and its entry belongs to that entry.
    assert entry(
        "gemengepakt-vum-interkulturellen-zesummeliewen-municipal-pact-for-intercultural-living-together"
    ).reviewer_comments == ['Commented [BF4]: This updates Luxembourg\'s previous entry on its "Pakt"']
    assert len([comment for each in entries for comment in each.reviewer_comments]) == 4


def test_footnotes_follow_the_field_that_cites_them(entry):
    bantams = entry(
        "bradford-how-bradford-women-s-community-group-became-part-of-the-bangla-bantams-supporters-group-for-bradford-city-football-club"
    )
    assert bantams.process.endswith(
        "The Bangla Bantams Supporters Group was born².\n\n² See: <https://www.youtube.com/watch?v=EpS612Fo-fs>"
    )
    assert bantams.impact.endswith(
        "³ See: <https://thefsa.org.uk/news/bangla-bantams-drive-creates-football-facilities-for-all-fans/>\n\n"
        "⁴ See : <https://www.bbc.co.uk/sounds/play/m0013rnr>"
    )
    # The footnotes printed at the foot of the page no longer cut the paragraph they interrupted.
    assert "new partnerships, such as the University of Bradford City, links to Lancashire Cricket" in bantams.impact
    diversamente = entry(
        "icei-istituto-di-cooperazione-economica-internazionale-and-the-italian-network-of-intercultural-cities-diversamente-youth-against-discrimination-multistakeholder"
    )
    assert "Youth Spaces Free of Rumours⁵, it also emerged" in diversamente.rationale
    assert diversamente.rationale.endswith(
        "⁵ Project implemented in November 2021 – April 2022, with funding from the Italian Presidency of the Council "
        "of Ministers, Department for Family policies, by the intercultural cities of: Milan, Turin, Reggio Emilia, "
        "Modena, Casalecchio di Reno, Venice, Novellara, Palermo."
    )


def test_paragraphs_cut_by_a_page_break_are_joined(entry):
    assert (
        "racism and discrimination that affects youth."
        in entry("new-action-plan-against-racism-and-discrimination").purpose
    )
    assert (
        "was a further stimulus. While there had been much discussion"
        in entry("oslo-data-collection-and-research-on-discrimination").rationale
    )
    assert (
        "In 2015, the total number of unemployed people reached 18.393"
        in entry("fuenlabrada-migrants-labour-integration-model-based-on-acculturation-project-milma").rationale
    )
    assert (
        "where applications are received, 326 social assistance examiners"
        in entry("social-safety-net-to-refugees-in-turkiye-ssn-programme").process
    )
    # The cut can fall inside a list item: the item gets its end back.
    assert (
        "- Promote a process aimed at places of worship, in order to integrate welfare/community policies promoted in collaboration with these environments. Activate a path of analysis for the definition of agreements"
        in entry("reggio-emilia-intercultural-strategy-di-tutti-of-all").process
    )


def test_a_list_item_or_a_finished_sentence_is_never_a_continuation(entry):
    itaca = entry(
        "icei-istituto-di-cooperazione-economica-internazionale-and-the-italian-network-of-intercultural-cities-itaca-italian-cities-against-discrimination"
    )
    assert (
        "- Working group on anti-discrimination practices within the municipal administrations\n\n- Elaboration and testing"
        in itaca.process
    )
    lublin = entry("lublin-lublin-civic-committee-to-aid-ukraine-lubelski-komitet-pomocy-ukrainie")
    assert "were sent to Ukraine\n\nJust one month after" in lublin.process
    ssn = entry("social-safety-net-to-refugees-in-turkiye-ssn-programme")
    assert "(FRIT),\n\nSigned on 17 July 2023" in ssn.purpose


# Markdown ----------------------------------------------------------------------------------------


def test_long_texts_are_markdown_in_the_renderers_dialect(entry):
    valga = entry("mentoring-service-for-roma-people-in-valga-municipality-at-local-level")
    assert "Mentoring services include:\n\n- provision of individual counselling" in valga.process
    ssn = entry("social-safety-net-to-refugees-in-turkiye-ssn-programme")
    assert "Below is the table for the SSN Programme:\n\n| Payment Month | ESSN |" in ssn.impact
    assert "| August 2024 | 248.166 | 1.165.010 | 692.812.600,00 |" in ssn.impact
    roma = entry("inclusion-and-empowerment-of-roma")
    assert "\n    - Participation of 70 Roma primary school students" in roma.process  # nested under its item
    clara = entry("local-community-learning-against-racism-xenophobia-and-hate-speech-clara")
    assert "\n\n1\\. Awareness-raising phase (from September 2019 to January 2021)" in clara.process  # keeps its number
    assert "visited the **Bradford** Hate Crime Alliance" in clara.process
    assert "can be consulted here: <https://proyectoclara.es/>." in clara.process


def test_links_in_prose_become_markdown_links_or_words(entry):
    cugc = entry("university-course-on-hate-crimes-of-the-guardia-civil-university-centre-cugc")
    assert "available online at [www.cugc.es](https://www.cugc.es), and" in cugc.rationale
    bantams = entry(
        "bradford-how-bradford-women-s-community-group-became-part-of-the-bangla-bantams-supporters-group-for-bradford-city-football-club"
    )
    assert (
        "BEAP and Bradford City Community Foundation (Bradford City's Charity)" in bantams.impact
    )  # "[…](#)" lost its address
    canada = entry("insights-from-the-canadian-approach-to-immigrant-integration")
    assert "**$1.097 billion CAD**" in canada.purpose and "\\$" not in canada.purpose
    assert "the Atlantic Immigration Program (AIP) and the Rural" in canada.purpose
    matiz = entry(
        "bilbao-training-and-guide-to-intercultural-competencies-applied-to-the-development-of-public-administration-projects"
    )
    assert "Association Matiz <https://asociacionmatiz.org/>" in matiz.process
    assert "\n\n### Session 1: Intercultural coexistence\n\n1. Training needs" in matiz.process
    assert "<ol" not in matiz.process and "| Session" not in matiz.process
    assert (
        "(*Questionnaire on intercultural competencies applied to the development of public administration projects*)"
        in matiz.process
    )


def test_no_dead_link_or_export_escape_is_left_in_any_field(entries):
    for each in entries:
        for name in TEXT_FIELDS:
            value = getattr(each, name)
            assert "](#)" not in value, (each.title, name)
            assert "\\(" not in value and "\\)" not in value, (each.title, name)
        for reference in each.references:
            assert "](#)" not in reference.label and "\\" not in reference.label and "<" not in reference.label


def test_a_lost_bold_opener_does_not_leave_stray_asterisks(entry):
    vastra = entry("vastra-gotaland-systematic-consultations-by-the-human-rights-committee")
    assert "- 1\\. *We promote good health and well-being*: The health and well-being" in vastra.rationale
    assert "**" not in vastra.rationale


def test_bullets_become_dashes():
    assert markdown_from_blocks(blocks("Includes:\n• one\n• two")) == "Includes:\n\n- one\n- two"


def test_the_canadian_essay_is_the_purpose_with_its_subsection_headings(entry):
    canada = entry("insights-from-the-canadian-approach-to-immigrant-integration")
    assert (canada.type_text, canada.area_text, canada.duration_text) == ("", "", "")
    assert canada.purpose.startswith("Within Canada's managed migration model")
    headings = re.findall(r"^### (.+)$", canada.purpose, re.MULTILINE)
    assert headings == [
        "Inclusive laws/policies and enabling programmes promote equality for all immigrants and citizens",
        "Local/federal relations",
        "Intersectional approach",
        "Inclusive programmes",
        "Intersectional approach",
    ]
    assert canada.purpose.endswith("faced by racialized newcomer women in Canada.")
    assert (canada.rationale, canada.process, canada.impact, canada.further_information) == ("", "", "", "")


# The references block ----------------------------------------------------------------------------


def test_each_item_with_an_address_becomes_a_reference_in_order(entry):
    assert entry("mentoring-service-for-roma-people-in-valga-municipality-at-local-level").references == [
        Reference("Website of the Integration Foundation (ENG)", "https://www.integratsioon.ee/en/work-roma-community"),
        Reference("Facebook for mentoring activities", "https://www.facebook.com/groups/3478907605729762?locale=et_EE"),
    ]
    assert entry(
        "the-settle-in-estonia-client-portal-as-an-instrument-for-offering-and-managing-the-early-integration-program"
    ).references == [
        Reference(
            "The Statute of the Register of Residence and Work Permits",
            "https://www.riigiteataja.ee/akt/129072016004?leiaKehtiv",
        ),
        Reference("Settle in Estonia portal", "https://www.settleinestonia.ee/"),
    ]


def test_a_label_line_names_the_address_after_it(entry):
    tallinn = entry("establishment-of-tallinn-migration-centre-tmc")
    assert tallinn.references == [
        Reference(
            "Facebook page of the Tallinn Migration Centre",
            "https://www.facebook.com/TallinnMigrationCentre/?locale=en_EN",
        )
    ]
    assert tallinn.further_information == "relevant website under development"
    lublin = entry("lublin-lublin-civic-committee-to-aid-ukraine-lubelski-komitet-pomocy-ukrainie")
    assert lublin.references[0] == Reference(
        "Daphne Panayotatos, Irla Atanda, Eric P. Schwartz, Crisis in Ukraine: Humanitarian and Human Rights Imperatives, Refugees International, March 2022, pp. 18-19",
        "https://www.refugeesinternational.org/reports/2022/3/21/crisis-in-ukraine-humanitarian-and-human-rights-imperatives",
    )
    # No words of its own: labelled from the entry it stands in.
    assert lublin.references[1] == Reference(
        "Lublin Civic Committee to Aid Ukraine (Lubelski Komitet Pomocy Ukrainie): web page on komitet.lublin.pl",
        "https://komitet.lublin.pl/",
    )


def test_a_short_heading_names_every_address_under_it(entry):
    labels = [
        reference.label for reference in entry("social-safety-net-to-refugees-in-turkiye-ssn-programme").references
    ]
    assert labels == ["Web sites for stakeholders"] * 2 + ["Web sites for beneficiaries"] * 2 + [
        "Short Movie Links"
    ] * 4 + ["Stories"]


def test_several_addresses_in_one_item_make_several_references(entry):
    assert entry("choices-programme-programa-escolhas").references == [
        Reference("Choices Programme / Programa Escolhas: web page on acm.gov.pt", "https://www.acm.gov.pt/"),
        Reference(
            "Choices Programme / Programa Escolhas: web page on programaescolhas.pt", "http://www.programaescolhas.pt/"
        ),
    ]


def test_a_link_that_lost_its_address_keeps_its_label(entry):
    assert entry("oslo-data-collection-and-research-on-discrimination").references == [
        Reference("Mapping of Racism and Discrimination Encountered in Oslo Municipality, Report (Norwegian)", "")
    ]
    assert entry("values-conveyance-as-the-basis-for-integration").references[1] == Reference(
        "Integrationsgesetz (IntG)", ""
    )
    # Web-page noise around it goes.
    assert entry("the-advisory-board-for-ethnic-relations-etno").references == [
        Reference("Government Decree on the Advisory Board for Ethnic Relations (available in Finnish)", ""),
        Reference("Advisory Board for Ethnic Relations", ""),
    ]


def test_wording_around_an_address_leaves_the_label(entry):
    assert [reference.label for reference in entry("inclusive-britain-action-plan").references] == [
        "Inclusive Britain Action Plan",
        "The one year on update report on the Action plan, published on 17 April 2023",
    ]
    assert entry("local-community-learning-against-racism-xenophobia-and-hate-speech-clara").references[
        -1
    ] == Reference("Further information about common projects", "https://proyectoclara.es/resultados-de-las-claps")
    assert entry(
        "foro-para-la-integracion-social-de-los-inmigrantes-fisi-spain-s-forum-for-the-social-integration-of-immigrants"
    ).references[-1] == Reference(
        "The forum’s publications, statements and reports", "https://www.foroinmigracion.es/eu/publicaciones"
    )


def test_broken_addresses_are_repaired(entry):
    urls = {
        reference.url
        for each in (
            "gestion-y-atencion-a-la-diversidad-en-la-funcion-publica-diversity-management-in-the-public-services",
            "university-course-on-hate-crimes-of-the-guardia-civil-university-centre-cugc",
            "fuenlabrada-multi-stakeholder-labs-for-migrants-and-stakeholders-must-a-lab",
        )
        for reference in entry(each).references
    }
    assert "https://www.yosoyserviciospublicos.es/" in urls  # a space inside the address
    assert (
        "https://www.cugc.es/estudios-titulos-propios/titulos-propios/experto-universitario/experto-odio/presentacion-del-curso-odio"
        in urls
    )  # doubled
    assert "https://www.must-a-lab.eu" in urls  # no scheme


def test_prose_of_the_block_stays_prose(entry):
    net_idea = entry(
        "icei-istituto-di-cooperazione-economica-internazionale-net-idea-network-of-european-towns-for-interculturalism-diversity-equality-and-anti-discrimination"
    )
    assert net_idea.further_information.startswith(
        "this project is implemented in cooperation with the following partners:\n\n- ASOCIACION CIUDADES INTERCULTURALES (ACI) – Spain"
    )
    assert net_idea.references == []
    financing = entry(
        "catalonia-inter-administrative-agreement-for-the-financing-of-migration-refugee-and-antiracism-policies-between-the-government-of-catalonia-and-local-authorities"
    )
    assert financing.further_information.startswith("The budget for the action plan is €11,290,311.38.")
    patras = entry("patras-241fe-241-female-entrepreneurship")
    assert patras.further_information.startswith("The DAFNI KEK <http://daissy.eap.gr/en/> is the Greek partner")
    assert "In parallel, it maintains direct cooperation with stakeholders in Athens" in patras.further_information
    milma = entry("fuenlabrada-migrants-labour-integration-model-based-on-acculturation-project-milma")
    assert (
        milma.further_information
        == "- MILMA Journal n° 06, Peter Wolkowski UIA Expert, July 2022.\n- Systematisation report, SOCIAL GOB, 2021."
    )


def test_a_prose_sentence_can_open_the_references_block(entry):
    linking = entry("bradford-schools-linking")
    assert linking.impact.endswith("- Positive impacts on children, teachers and families.")
    assert (
        linking.further_information
        == "Further information on schools linking, and other innovative elements of The Linking Network's work can be found below:"
    )
    assert [reference.label for reference in linking.references] == [
        "The Linking Network",
        "Project Evaluation 2019-2022",
        "Social Media: @Linking_Network",
    ]


def test_a_paragraph_describing_a_document_names_it(entry):
    belong = entry("eu-belong-an-intercultural-approach-to-migrant-integration-in-european-regions")
    assert belong.further_information.startswith(
        "**Peer-review of replicable European good practices**: The review focuses on the partner regions"
    )
    assert (
        "**Building intercultural competences: a handbook for regions and stakeholders**: The EU-BELONG handbook"
        in belong.further_information
    )
    assert len(belong.references) == 6


def test_references_from_a_snippet():
    prose, references = references_from_blocks(
        blocks(
            "Partners: A, B.\n\n"
            "Web sites\n\n<https://one.example/>\n\n<https://two.example/>\n\n"
            "- [Report \\(2023\\)](#)[Opens in a new tab](#)\n"
            "- Page: www.three.example; [Four](https://four.example/) (EN)"
        )
    )
    assert prose == "Partners: A, B."
    assert references == [
        Reference("Web sites", "https://one.example/"),
        Reference("Web sites", "https://two.example/"),
        Reference("Report (2023)", ""),
        Reference("Page: Four (EN)", "https://www.three.example"),
        Reference("Page: Four (EN)", "https://four.example/"),
    ]


# Nothing lost ---------------------------------------------------------------------------------------

# What the parser drops on purpose: field labels, export HTML, web-page noise, the wording
# around an address in a reference, the broken forms of repaired addresses, and the address
# Diversitours gives twice.
DROPPED = [
    r"^(?:Type|Area of intervention|Duration/Elaboration Period|Duration|Elaboration period|Purpose|Aim"
    r"|Stimulus/Rationale and Process|Stimulus/Rationale|Rationale|Process|Impact/Outcomes|Impact"
    r"|Key reference documents|Further information \(source\)|Further information)\s*:",
    r"</?i>|<ol [^>]*>|</ol>",
    r"\[(?:Link to an external website|Opens in a new tab)\]\(#\)",
    r"(?:can be found(?: online)?(?: here| at| on the following link)?|are available in the following link)(?=:)",
    r"https://www\.cugc\.es/(?=https://)",
    r"\n<https://eurocities[^>]+>",
]


def words(text):
    return Counter(re.findall(r"\w+", text.casefold()))


def test_nothing_of_an_entry_is_lost(entries):
    lines = SOURCE_TEXT.replace("yosoy serviciospublicos.es/>", "yosoyserviciospublicos.es/>").splitlines()
    headings = {match_key(text) for text in THEME_TITLES} | {match_key(each.group) for each in entries if each.group}
    starts, cursor = [], lines.index("INTRODUCTION", 100)
    for each in entries:
        cursor = lines.index(each.heading, cursor)
        starts.append(cursor)
    for number, each in enumerate(entries):
        end = starts[number + 1] if number + 1 < len(entries) else len(lines)
        source = "\n".join(
            line
            for line in lines[starts[number] + 1 : end]
            if match_key(line) not in headings and not line.startswith("Commented [")  # comments: tested above
        )
        for pattern in DROPPED:
            source = re.sub(pattern, " ", source, flags=re.IGNORECASE | re.MULTILINE)
        assert words(source), each.title
        written = " ".join(
            [getattr(each, name) for name in TEXT_FIELDS]
            + each.reviewer_comments
            + [f"{reference.label} {reference.url}" for reference in each.references]
        )
        assert not words(source) - words(written), (each.title, words(source) - words(written))
