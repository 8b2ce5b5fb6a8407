"""/practices/compendium.pdf and /practices/dossier.pdf: the compendium, or a filtered list, as a document."""

import io
import re
import unicodedata

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from documents.compendium import parts_of
from editorial.models import PublicationStatus
from practices.models import Practice
from tests import factories as make

COMPENDIUM = reverse("documents:compendium")
DOSSIER = reverse("documents:dossier")

pytestmark = pytest.mark.django_db


def normalised(text):
    """Text as a reader would search it: compatibility characters folded, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squeezed(text):
    """Text without any whitespace: a title matches however the page broke its lines (at a space or after a hyphen)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_of(response, name):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{name}-{timezone.localdate().isoformat()}.pdf"'
    return PdfReader(io.BytesIO(response.content))


def pages_text(reader):
    return [normalised(page.extract_text()) for page in reader.pages]


def outline_titles(reader, level):
    """The bookmark titles at `level` (1: the document, 2: themes, 3: countries, 4: entries), in order."""

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            elif depth == level:
                yield normalised(item.title)

    return list(walk(reader.outline, 1))


def contents_page_numbers(pages, entries):
    """{entry text: page number} as the table of contents lists them, leader dots and all."""
    contents = squeezed(" ".join(page for page in pages if page.startswith("Contents") or "....." in page))
    found = {}
    for entry in entries:
        match = re.search(re.escape(squeezed(entry)) + r"\.*(\d+)", contents)
        assert match, f"{entry!r} is not in the table of contents"
        found[entry] = int(match.group(1))
    return found


def grouped_as_printed(practices):
    """The compendium's layout: themes in order, in each the countries (or promoters) where they first
    appear, each with all its entries in the source's order."""
    sections = {}
    for practice in practices:
        sections.setdefault((practice.theme_id, practice.country_id or practice.promoter), []).append(practice)
    return [practice for section in sections.values() for practice in section]


def test_the_whole_compendium_in_its_order_with_contents_and_page_numbers(client):
    call_command("import_compendium", stdout=io.StringIO())
    by_source = Practice.objects.published().select_related("theme", "country")
    practices = grouped_as_printed(by_source.order_by("theme__position", "source_position"))
    assert len(practices) == 83
    reader = pdf_of(client.get(COMPENDIUM), "compendium")
    pages = pages_text(reader)
    total = len(pages)

    title_page = pages[0]
    for words in ("Council of Europe", "CDADI(2024)39", "4 November 2024", "http://testserver/practices/",
                  f"Generated {timezone.localdate():%-d %B %Y}", "83 good practices"):  # fmt: skip
        assert words in title_page

    # Every page but the title page says where it stands.
    for number, text in enumerate(pages[1:], start=2):
        assert f"page {number} of {total}" in text

    # Entries in the compendium's order: the outline lists them one after another (a title can also be
    # quoted in another entry's text, so the outline, not the body's text, tells the order).
    listed = contents_page_numbers(pages, [str(practice) for practice in practices])
    first_entry_page = listed[str(practices[0])]
    assert outline_titles(reader, 4) == [normalised(practice.title) for practice in practices]
    assert outline_titles(reader, 2) == [
        "Ensuring equality", "Valuing diversity", "Fostering meaningful intercultural interaction",
        "Promoting active citizenship and participation", "Multilevel governance",
        "Interculturalism beyond Europe: information and practices from Canada",
    ]  # fmt: skip

    # The table of contents lists every entry with the page it starts on.
    for practice in practices:
        page_number = listed[str(practice)]
        assert first_entry_page <= page_number <= total
        assert squeezed(practice.title) in squeezed(pages[page_number - 1]), f"{practice} is not on page {page_number}"
    assert [listed[str(practice)] for practice in practices] == sorted(listed.values())


def test_transnational_entries_are_grouped_under_their_promoter():
    network = make.practice("Intercultural Regions Network", country=None, promoter="Assembly of European Regions")
    spanish = make.practice("Anti-rumours strategy")
    [part] = parts_of([spanish, network])
    assert [(section.heading, section.practices) for section in part.sections] == [
        ("Spain", [spanish]),
        ("Assembly of European Regions", [network]),
    ]


def test_a_country_is_one_section_wherever_its_entries_stand():
    spanish, italian, spanish_again = (
        make.practice("A"),
        make.practice("B", country=make.country("IT", "Italy")),
        make.practice("C"),
    )
    other_theme = make.practice("D", theme=make.theme("valuing-diversity", "Valuing diversity"))
    parts = parts_of([spanish, italian, spanish_again, other_theme])
    assert [[(s.heading, [p.title for p in s.practices]) for s in part.sections] for part in parts] == [
        [("Spain", ["A", "C"]), ("Italy", ["B"])],
        [("Spain", ["D"])],
    ]


def test_a_dossier_holds_only_the_filtered_entries(client):
    call_command("import_compendium", stdout=io.StringIO())
    spanish = list(Practice.objects.published().filter(country="ES").order_by("theme__position", "source_position"))
    reader = pdf_of(client.get(DOSSIER, {"country": "es"}), "dossier")
    pages = pages_text(reader)
    assert outline_titles(reader, 3) == ["Spain"] * len({p.theme_id for p in spanish})
    assert outline_titles(reader, 4) == [normalised(practice.title) for practice in spanish]
    listed = contents_page_numbers(pages, [str(practice) for practice in spanish])
    assert len(listed) == len(spanish) == 17
    assert "Filters Country: Spain" in pages[0]
    assert "17 good practices" in pages[0]
    assert "Inclusive Britain Action Plan" not in " ".join(pages)
    # The same British entry is in Britain's dossier.
    assert "Inclusive Britain Action Plan" in outline_titles(
        pdf_of(client.get(DOSSIER, {"country": "GB"}), "dossier"), 4
    )


def test_the_title_page_says_the_filters_in_words(client):
    make.practice("Spanish", theme=make.theme("ensuring-equality", "Ensuring equality"))
    make.practice("Italian", country=make.country("IT", "Italy"))
    make.practice("Draft", status=PublicationStatus.DRAFT)
    reader = pdf_of(client.get(DOSSIER, {"country": ["ES", "IT"], "theme": "ensuring-equality"}), "dossier")
    title_page = pages_text(reader)[0]
    assert "Filters Country: Italy or Spain; Theme: Ensuring equality" in title_page
    assert "2 good practices" in title_page
    assert outline_titles(reader, 4) == ["Spanish", "Italian"]


def test_a_dossier_above_the_limit_is_refused_with_a_page_saying_how_to_narrow_it(client, settings):
    settings.DOSSIER_MAX_PRACTICES = 2
    for number in range(3):
        make.practice(f"Spanish {number}")
    response = client.get(DOSSIER, {"country": "ES", "page": "2"})
    assert response.status_code == 422
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "This list holds 3 practices (Country: Spain); a dossier holds at most 2." in page
    assert "Narrow the list with more filters" in page
    assert f'href="{reverse("practices:list")}?country=ES"' in page
    assert f'href="{COMPENDIUM}"' in page

    settings.DOSSIER_MAX_PRACTICES = 3
    assert len(outline_titles(pdf_of(client.get(DOSSIER, {"country": "ES"}), "dossier"), 4)) == 3


def test_bad_filters_get_a_plain_text_400(client):
    response = client.get(DOSSIER, {"country": "XX", "year_from": "abc"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Unknown country code “XX”" in body
    assert "Enter a year such as 2022" in body


def test_editor_text_cannot_inject_markup_script_or_links(client):
    make.practice(
        '<script>alert("title")</script><b>Bold</b> & co',
        place='<img src="http://127.0.0.1:9/x.png">',
        purpose="Before <script>alert('purpose')</script> [click](javascript:alert(1)) [site](https://example.org/a) after",
        references=[("Evil", "javascript:alert(2)"), ("Good", "https://example.org/manual.pdf")],
    )  # fmt: skip
    reader = pdf_of(client.get(COMPENDIUM), "compendium")
    pages = pages_text(reader)
    text = " ".join(pages)
    # Shown as text, as typed: in the contents, the entry's heading and its bookmark.
    title = '<script>alert("title")</script><b>Bold</b> & co'
    assert title in pages[1]
    assert title in pages[-1]
    assert outline_titles(reader, 4) == [title]
    assert '<img src="http://127.0.0.1:9/x.png">' in pages[-1]
    assert "alert('purpose')" not in text
    assert "Evil: javascript:alert(2) Good: https://example.org/manual.pdf" in text  # shown, only one linked
    assert "Before click site after" in text

    catalog = reader.trailer["/Root"]
    assert "/OpenAction" not in catalog
    assert "/AA" not in catalog
    names = catalog.get("/Names")
    assert names is None or "/JavaScript" not in names.get_object()
    links = [
        annotation.get_object()["/A"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    uris = {str(action["/URI"]) for action in links if action["/S"] == "/URI"}
    assert {action["/S"] for action in links} <= {"/URI", "/GoTo"}
    assert uris == {"https://example.org/a", "https://example.org/manual.pdf", "http://testserver/practices/"}


def test_the_compendium_is_rendered_once_per_content_change(client, shared_cache, django_assert_num_queries):
    practice = make.practice("First title")
    make.practice("Another")
    # The content generation, the practices, their types, areas and references.
    with django_assert_num_queries(5):
        first = client.get(COMPENDIUM).content
    with django_assert_num_queries(1):
        assert client.get(COMPENDIUM).content == first

    practice.title = "Second title"
    practice.save()
    with django_assert_num_queries(5):
        text = " ".join(pages_text(pdf_of(client.get(COMPENDIUM), "compendium")))
    assert "Second title" in text
    assert "First title" not in text

    # Unpublished without touching `updated` (as a bulk update would): the published count tells.
    Practice.objects.filter(pk=practice.pk).update(status=PublicationStatus.DRAFT)
    text = " ".join(pages_text(pdf_of(client.get(COMPENDIUM), "compendium")))
    assert "Second title" not in text
    assert "Another" in text


@pytest.mark.parametrize("count", [1, 4])
def test_the_same_queries_whatever_the_number_of_practices(client, django_assert_num_queries, count):
    for number in range(count):
        make.practice(
            f"Practice {number}", areas=[make.area()], types=[make.practice_type()], references=[("Site", "https://example.org")]
        )  # fmt: skip
    # The practices, their types, areas and references (no shared cache here, so no generation to read).
    with django_assert_num_queries(4):
        assert client.get(COMPENDIUM).status_code == 200
    # The country filter's validation, the count against the limit, then as above without the version.
    with django_assert_num_queries(6):
        reader = pdf_of(client.get(DOSSIER, {"country": "ES"}), "dossier")
    assert len(outline_titles(reader, 4)) == count


def test_drafts_and_archived_practices_are_in_no_document(client):
    make.practice("Published practice")
    make.practice("Draft practice", status=PublicationStatus.DRAFT)
    make.practice("Archived practice", status=PublicationStatus.ARCHIVED)
    for url, name in [(COMPENDIUM, "compendium"), (DOSSIER + "?country=ES", "dossier")]:
        reader = pdf_of(client.get(url), name)
        assert outline_titles(reader, 4) == ["Published practice"]
        text = " ".join(pages_text(reader))
        assert "Draft practice" not in text
        assert "Archived practice" not in text


def test_the_french_compendium_has_french_headings_labels_and_dates_with_their_accents(
    client, django_assert_num_queries
):
    make.practice(
        "Anti-rumours strategy", place="Bilbao", level="regional", start=make.month(2013, 3), ongoing=True,
        areas=[make.area("education", "Education")], types=[make.practice_type("project", "Project")],
        purpose="Fight rumours.", rationale="Prejudice.", impact="480 people.",
    )  # fmt: skip
    # The same queries as the English document (above): the practices, their types, areas and references.
    with django_assert_num_queries(4):
        response = client.get("/fr/practices/compendium.pdf")
    reader = pdf_of(response, "compendium")
    pages = pages_text(reader)
    title_page = pages[0]
    for words in ("Compendium de bonnes pratiques en matière d'intégration interculturelle et de gouvernance "
                  "multiniveaux", "1 bonne pratique", "Source Conseil de l'Europe", "Strasbourg, 4 novembre 2024",
                  "En ligne http://testserver/fr/practices/", f"Généré le {date_format(timezone.localdate(), 'j F Y')}",
                  "Les textes pas encore traduits sont en anglais."):  # fmt: skip
        assert words in title_page, words
    text = " ".join(pages)
    assert "Sommaire" in text and "page 2 sur" in text
    # Accents come out as the letters they are (no missing glyph, no decomposed pair).
    for words in ("Garantir l'égalité", "Espagne", "Niveau Régional", "Type Projet", "Domaine d'intervention Éducation",
                  "Durée mars 2013 – en cours", "Objectif Fight rumours.", "Déclencheur/Justification et déroulement",
                  "Impact/résultats"):  # fmt: skip
        assert words in text, words
    assert outline_titles(reader, 2) == ["Garantir l'égalité"]
    assert outline_titles(reader, 3) == ["Espagne"]
    # The English document stays English.
    english = " ".join(pages_text(pdf_of(client.get(COMPENDIUM), "compendium")))
    assert "Ensuring equality" in english and "Level Regional" in english and "Contents" in english


def test_the_french_compendium_shows_french_texts_where_written(client):
    make.practice("Anti-rumours strategy", title_fr="Stratégie anti-rumeurs", purpose="Fight rumours.",
                  purpose_fr="Combattre les rumeurs.", duration_text="Since 2013", duration_text_fr="Depuis 2013")  # fmt: skip
    reader = pdf_of(client.get("/fr/practices/compendium.pdf"), "compendium")
    pages = pages_text(reader)
    text = " ".join(pages)
    assert "Stratégie anti-rumeurs" in text and "Combattre les rumeurs." in text and "Durée Depuis 2013" in text
    assert "Anti-rumours strategy" not in text and "Fight rumours." not in text
    assert outline_titles(reader, 4) == ["Stratégie anti-rumeurs"]
    assert "pas encore traduits" not in pages[0]  # every text it shows is in French
    english = " ".join(pages_text(pdf_of(client.get(COMPENDIUM), "compendium")))
    assert "Anti-rumours strategy" in english and "Fight rumours." in english and "Stratégie" not in english


def test_a_french_dossier_says_its_filters_in_french(client):
    make.practice("Spanish", theme=make.theme("ensuring-equality", "Ensuring equality"))
    make.practice("Italian", country=make.country("IT", "Italy"))
    reader = pdf_of(client.get("/fr/practices/dossier.pdf", {"country": ["ES", "IT"]}), "dossier")
    title_page = pages_text(reader)[0]
    assert "Dossier de bonnes pratiques" in title_page
    assert "Filtres Pays : Italie ou Espagne" in title_page
    assert "2 bonnes pratiques" in title_page
    assert outline_titles(reader, 3) == ["Espagne", "Italie"]


def test_the_rendered_compendium_is_kept_per_language(client, shared_cache):
    make.practice("Kept twice")
    for _ in range(2):  # rendered, then read back from the shared cache
        english = " ".join(pages_text(pdf_of(client.get(COMPENDIUM), "compendium")))
        french = " ".join(pages_text(pdf_of(client.get("/fr/practices/compendium.pdf"), "compendium")))
        assert "Contents" in english and "Sommaire" not in english
        assert "Sommaire" in french and "Contents" not in french
