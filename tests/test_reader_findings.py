"""Issue 12: what a careful reading and a usability test found, each against the real compendium."""

import csv
import io
import json
import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial.markdown import markdown_to_plain_text
from practices.models import Practice, ReferenceLink
from projects.models import Partner, Project
from tests.compendium_data import compendium  # noqa: F401 - the module's fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compendium")]

PRACTICES = reverse("practices:list")


def titles(response):
    return [result.item.title for result in response.context["results"]]


def client_titles(params):
    """Every title the list shows for `params`, all pages read."""
    found, page = [], 1
    while True:
        response = Client().get(PRACTICES, {**params, "page": page})
        assert response.status_code == 200
        found += titles(response)
        if not response.context["next_url"]:
            return found
        page += 1


def facet_counts(response, key):
    return {v.value: v.count for f in response.context["facets"] if f.key == key for v in f.values}


def export_rows(params, url_name="practices:export"):
    response = Client().get(reverse(url_name), params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_submitted_word_matches_whole_words_only(client):
    response = client.get(PRACTICES, {"q": "roma"})
    body = response.content.decode()
    found = titles(response)
    assert "EU Belong" not in " ".join(found) and "Intercultural Regions Network" not in " ".join(found)
    assert any("Roma" in title for title in found)
    assert "prefix-notice" not in body


def test_prefixes_match_while_typing(client):
    typing = titles(client.get(PRACTICES, {"q": "roma", "typing": "1"}))
    submitted = titles(client.get(PRACTICES, {"q": "roma"}))
    assert len(typing) > len(submitted)


@pytest.mark.parametrize("typed", ["m", "in", " r", "Roma i"])
def test_while_typing_a_last_word_of_one_or_two_letters_is_not_searched_yet(client, typed):
    """One or two letters begin most words: the list waits for the third, and keeps what was typed."""
    response = client.get(PRACTICES, {"q": typed, "typing": "1"})
    before = typed.rsplit(" ", 1)[0].strip() if " " in typed.strip() else ""
    expected = client.get(PRACTICES, {"q": before, "typing": "1"} if before else {})
    assert response.status_code == 200
    assert response.context["total"] == expected.context["total"]
    assert titles(response) == titles(expected)
    assert f'value="{typed}"' in response.content.decode()


def test_while_typing_three_letters_match_the_beginnings_of_words(client):
    everything = client.get(PRACTICES).context["total"]
    rom = client.get(PRACTICES, {"q": "rom", "typing": "1"})
    assert 0 < rom.context["total"] < everything
    assert any("Roma" in title for title in titles(rom))


def test_a_submitted_word_of_two_letters_matching_no_whole_word_is_not_taken_as_a_beginning(client):
    response = client.get(PRACTICES, {"q": "zq"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "a word that begins with" not in response.content.decode()


def test_when_whole_words_find_nothing_prefixes_do_and_the_page_says_so(client):
    response = client.get(PRACTICES, {"q": "rumo"})
    assert response.status_code == 200
    assert "Anti-rumours strategy" in titles(response)
    assert "the whole word “rumo”" in response.content.decode()
    assert "a word that begins with “rumo”" in response.content.decode()


# One definition of "current" ------------------------------------------------------------------


def test_every_ongoing_practice_runs_in_the_current_year_and_the_status_facet_counts_them():
    year = timezone.localdate().year
    ongoing = client_titles({"ongoing": "1"})
    this_year = client_titles({"year_from": year, "year_to": year})
    assert ongoing and set(ongoing) <= set(this_year)
    # An ongoing practice whose source gives no date (Reggio Emilia's "indefinite" strategy) runs today.
    assert "Intercultural Strategy “Di Tutti” (of all)" in ongoing
    status = facet_counts(Client().get(PRACTICES), "ongoing")
    assert status == {"1": len(ongoing)}


def test_the_status_facet_stays_with_zero_and_a_selected_value_with_no_result_shows_0():
    response = Client().get(PRACTICES, {"ongoing": "1", "year_to": 1990})
    body = response.content.decode()
    assert response.context["total"] == 0
    assert 'id="facet-ongoing"' in body
    assert re.search(
        r"Ongoing<span class=\"visually-hidden\"> \(selected: remove this filter\)</span></span> "
        r"<span class=\"count\">\(0",
        body,
    )
    # Not selected and nothing to show: still there, as text, not a link to an empty list.
    unselected = Client().get(PRACTICES, {"year_to": 1990}).content.decode()
    assert re.search(r'<span class="facet__zero">.*?Ongoing</span> <span class="count">\(0', unselected)


def test_values_of_one_filter_are_alternatives_and_the_page_shows_it():
    response = Client().get(PRACTICES + "?country=ES&country=EE")
    body = response.content.decode()
    spain, estonia = (Practice.objects.filter(country=code).count() for code in ("ES", "EE"))
    assert response.context["total"] == spain + estonia == 25
    assert "Values ticked in one filter are alternatives (any of them); different filters all apply." in body
    country = re.search(r'<h3 id="facet-country">(.*?)</h3>', body)[1]
    level = re.search(r'<h3 id="facet-level">(.*?)</h3>', body)[1]
    assert "(any of)" in country and "(one of)" in level
    assert body.count("facet__box--check") > body.count("facet__box--radio") > 0
    assert re.search(r'id="facet-country-es" href="[^"]*" class="facet__value is-selected"', body)


def test_ongoing_is_yes_no_or_unknown():
    rows = export_rows({})
    ongoing = Counter(row["ongoing"] for row in rows)
    # 25 entries give no duration; the curation file dates two of them from their Process (and makes
    # the Choices Programme, whose Duration gives only its 8th edition, ongoing).
    assert ongoing == {"yes": 34, "no": 26, "": 23}
    unknown = Practice.objects.filter(ongoing=None)
    assert unknown.count() == 23 and not unknown.exclude(duration_text="").exists()


def results_area_links(body):
    area = body[body.index('<section class="results-area"') :]
    return re.findall(r'<a [^>]*href="([^"]*)"', area[: area.index("</section>")])


@pytest.mark.parametrize("params", [{"q": "zebrafish"}, {"q": "zebrafish", "country": "ES"}])
def test_an_empty_result_offers_each_way_out_once(params):
    response = Client().get(PRACTICES, params)
    assert response.context["total"] == 0
    links = [href for href in results_area_links(response.content.decode()) if "filters-title" not in href]
    assert links and len(links) == len(set(links)), links


def test_error_messages_use_the_labels_the_form_shows():
    body = Client().get(PRACTICES, {"year_from": "abc", "country": "XX"}).content.decode()
    alert = body[body.index('role="alert"') : body.index("</div>", body.index('role="alert"'))]
    assert "From year: Enter a year such as 2022." in alert
    assert "Remove the “From year” filter" in alert and "Remove the “Country” filter" in alert
    words = re.sub(r"<[^>]+>", " ", alert)
    assert "year_from" not in words and "(country)" not in words


def test_the_default_order_is_named_for_a_visitor():
    body = Client().get(PRACTICES).content.decode()
    assert '<option value="" selected>As in the compendium</option>' in body
    assert "Compendium order" not in body


# Reading -----------------------------------------------------------------------------------------


def practice_page(slug):
    response = Client().get(reverse("practices:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


REGGIO = "reggio-emilia-intercultural-strategy-di-tutti-of-all"


def test_a_long_entry_has_a_contents_list_and_its_sub_headings_are_headings():
    body = practice_page(REGGIO)
    assert '<h3 id="process-diversity-lab">Diversity Lab</h3>' in body
    assert '<h3 id="process-objectives-and-activities-2">Objectives and activities</h3>' in body
    contents = body[body.index('<nav class="contents"') : body.index("</nav>", body.index('<nav class="contents"'))]
    assert (
        '<a href="#purpose">Purpose</a>' in contents
        and '<a href="#process-diversity-lab">Diversity Lab</a>' in contents
    )
    assert '<a href="#cite">Cite this practice</a>' in contents
    assert '<nav class="contents"' not in practice_page("bilbao-anti-rumours-strategy")  # a short entry


def test_re_importing_updates_the_stored_texts_and_keeps_what_editors_changed():
    reggio = Practice.objects.get(slug=REGGIO)
    flat = reggio.process.replace("### ", "")
    fuenla = Practice.objects.get(source_key__startswith="foro-para-la-integracion")
    Practice.objects.filter(pk=reggio.pk).update(
        process=flat, imported_values={**reggio.imported_values, "process": flat}
    )
    editors_text = "An editor rewrote this.\n\nMembership\n\nAll of it."
    Practice.objects.filter(pk=fuenla.pk).update(process=editors_text)
    call_command("import_compendium", stdout=io.StringIO())
    assert "\n\n### Diversity Lab\n\n" in Practice.objects.get(pk=reggio.pk).process
    assert Practice.objects.get(pk=fuenla.pk).process == editors_text


def test_the_canadian_essay_has_no_purpose_heading():
    body = practice_page("insights-from-the-canadian-approach-to-immigrant-integration")
    assert 'id="purpose">Purpose</h2>' not in body
    assert ">Local/federal relations</h3>" in body


def test_cite_this_practice():
    body = practice_page("bilbao-anti-rumours-strategy")
    citation = re.search(r'<p class="citation">(.*?)</p>', body, re.DOTALL)[1]
    assert citation.startswith("Anti-rumours strategy (Bilbao, Spain). In: Council of Europe, Draft Compendium")
    assert "CDADI(2024)39" in citation and "http://testserver/practices/bilbao-anti-rumours-strategy/" in citation
    assert re.search(r"\(consulted \d{1,2} \w+ \d{4}\)\.$", citation)
    assert '<h2 id="cite">Cite this practice</h2>' in body


def test_a_link_written_as_its_address_is_marked_so_a_printout_writes_it_once():
    # CLARA's text cites <https://proyectoclara.es/>: the link's words are its address.
    practice = Practice.objects.get(slug="local-community-learning-against-racism-xenophobia-and-hate-speech-clara")
    url = "https://proyectoclara.es/"
    body = practice_page(practice.slug)
    assert re.search(rf'<a href="{re.escape(url)}"[^>]*class="address-link"', body)
    css = (settings.BASE_DIR / "static" / "css" / "print.css").read_text()
    assert '.prose a[href^="http"]:not(.address-link)::after' in css


def test_the_list_shows_each_period_one_way_and_the_detail_page_the_text_as_written():
    response = Client().get(PRACTICES, {"q": "Bilbao", "sort": "title"})
    body = response.content.decode()
    metas = re.findall(r'<p class="result__meta">(.*?)</p>', body, re.DOTALL)
    assert metas
    for written in ("2022-ongoing", "Since 2019 (ongoing)", "indefinite", '<span class="badge">Ongoing</span>'):
        assert written not in body
    everything = " ".join(
        " ".join(meta.split())
        for page in (1, 2, 3, 4, 5)
        for meta in re.findall(
            r'<p class="result__meta">(.*?)</p>', Client().get(PRACTICES, {"page": page}).content.decode(), re.DOTALL
        )
    )
    assert "2022 – ongoing" in everything and "Sep 2020 – Jun 2023" in everything
    assert not re.search(r"ongoing\s*·\s*Ongoing|indefinite|\(ongoing\)|…", everything)
    fisi = Practice.objects.get(duration_text="ongoing.")
    assert "<dd>ongoing." in practice_page(fisi.slug)


def test_the_home_page_leads_with_who_publishes_the_compendium():
    body = Client().get(reverse("home")).content.decode()
    first = re.search(r"</h1>\s*<p[^>]*>(.*?)</p>", body, re.DOTALL)[1]
    assert first.startswith("The Council of Europe publishes")
    assert len(first.split()) <= 20 and first.count(",") == 0  # one short sentence


# Data that misleads ----------------------------------------------------------------------------

MARKDOWN_LEFT = re.compile(r"\]\(|\*\*|<https?://|^\s*- |\\[.\-*_]|^#+ |^\|", re.MULTILINE)


def test_the_csv_carries_further_information_and_type_and_area_as_submitted_in_plain_text():
    rows = export_rows({})
    header = list(rows[0])
    assert header[:20] == [
        "title",
        "url",
        "country_code",
        "country",
        "place",
        "level",
        "theme",
        "types",
        "areas",
        "tags",
        "promoter",
        "duration",
        "start",
        "end",
        "ongoing",
        "purpose",
        "rationale",
        "process",
        "impact",
        "references",
    ]  # fmt: skip  (the names readers rely on, in place)
    assert {"further_information", "type_as_submitted", "area_as_submitted"} <= set(header)
    assert sum(1 for row in rows if row["further_information"]) == 18
    catalonia = next(row for row in rows if row["title"].startswith("Inter-administrative agreement for the financing"))
    assert "budget" in catalonia["further_information"].lower()
    net_idea = next(row for row in rows if row["title"].startswith("NET-IDEA"))
    assert "CITY OF LUBLIN – Poland" in net_idea["further_information"]  # a partner list
    bilbao = next(row for row in rows if row["title"] == "Anti-rumours strategy")
    assert bilbao["type_as_submitted"] == "policy and project" and bilbao["area_as_submitted"]
    for row in rows:
        for column in ("purpose", "rationale", "process", "impact", "further_information"):
            assert not MARKDOWN_LEFT.search(row[column]), (row["title"], column, MARKDOWN_LEFT.search(row[column]))


def test_plain_text_keeps_every_word_of_the_page_and_writes_links_as_label_and_address():
    for practice in Practice.objects.all():
        for name in ("purpose", "rationale", "process", "impact", "further_information"):
            page_words = Counter(re.findall(r"\w+", markdown_to_plain_text(getattr(practice, name))))
            plain_words = Counter(re.findall(r"\w+", getattr(practice, f"{name}_plain")))
            assert not page_words - plain_words, (practice.slug, name, page_words - plain_words)
    practice = Practice(purpose="See [the guide](https://example.org/guide) and <https://example.org/>.\n\n- a) one")
    practice.save_base(raw=True) if False else None  # (plain save() is checked in the next test)


def test_the_plain_text_follows_every_write_whatever_writes():
    practice = Practice.objects.get(slug="bilbao-anti-rumours-strategy")
    practice.purpose = "See [the guide](https://example.org/guide) and <https://example.org/>.\n\n- a) one\n- two"
    practice.save()  # a plain save(), no service
    practice.refresh_from_db()
    assert (
        practice.purpose_plain == "See the guide (https://example.org/guide) and https://example.org/.\n\na) one\n• two"
    )
    Practice.objects.filter(pk=practice.pk).update(impact="**480** people")  # SQL
    practice.refresh_from_db()
    assert practice.impact_plain == "480 people"


def test_the_plain_text_is_rewritten_whatever_sql_writes():
    """A row trigger keeps the plain texts (practices' migration 0019): neither SQL nor a new row leaves one stale."""
    created = Practice.objects.create(title="New", slug="new", theme_id=Practice.objects.first().theme_id,
                                      level="local", purpose="**Bold** move")  # fmt: skip
    assert created.purpose_plain == "Bold move"  # read back from the insert itself
    practice = Practice.objects.get(slug="bilbao-anti-rumours-strategy")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE practices_practice SET rationale = '- *one*' WHERE id = %s", [practice.pk])
        cursor.execute("UPDATE practices_practice SET process_plain = 'stale' WHERE id = %s", [practice.pk])
        cursor.execute("UPDATE practices_practice SET id = id WHERE id = %s", [practice.pk])  # a touch
        cursor.execute("SELECT markdown_plain(process) FROM practices_practice WHERE id = %s", [practice.pk])
        process = cursor.fetchone()[0]
    practice.refresh_from_db()
    assert (practice.rationale_plain, practice.process_plain) == ("• one", process)
    assert process != "stale"


def test_the_data_dictionary_describes_every_column_of_the_export():
    response = Client().get(reverse("practices:export-columns"))
    assert response.status_code == 200
    body = response.content.decode()
    described = re.findall(r"<td><code>(\w+)</code></td>", body)
    assert described == list(export_rows({})[0])
    assert reverse("practices:export-columns") in Client().get(PRACTICES).content.decode()


@pytest.mark.parametrize(
    ("params", "name"),
    [({}, "practices"), ({"country": "GR"}, "practices-greece"), ({"country": ["GR", "ES"]}, "practices-filtered"),
     ({"q": "roma"}, "practices-filtered"), ({"theme": "valuing-diversity"}, "practices-valuing-diversity")],
)  # fmt: skip
def test_the_csv_file_name_says_what_it_holds(params, name):
    response = Client().get(reverse("practices:export"), params)
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="{name}-{today}.csv"'


def test_the_curation_corrects_dates_and_places_that_contradict_the_source_each_with_its_reason():
    def period(key_start):
        practice = Practice.objects.get(source_key__startswith=key_start)
        return practice.start and practice.start.isoformat(), practice.end, practice.ongoing

    assert period("university-course-on-hate-crimes") == ("2022-01-01", None, True)
    assert period("choices-programme") == ("2001-01-01", None, True)
    assert period("bilbao-intersectional-board-on-female-genital") == ("2013-01-01", None, True)
    assert period("bilbao-local-award-for-migrant-women") == ("2019-01-01", None, True)
    for network in ("icei-istituto-di-cooperazione-economica-internazionale-net-idea",
                    "icei-istituto-di-cooperazione-economica-internazionale-and-the-italian-network-of-"
                    "intercultural-cities-divercities"):  # fmt: skip
        practice = Practice.objects.get(source_key__startswith=network)
        assert (practice.country_id, practice.level) == (None, "european")
    curation = json.loads((settings.BASE_DIR / "fixtures" / "compendium_curation.json").read_text())
    assert all(entry.get("why") for entry in curation["entries"].values())
    rows = {row["title"]: row for row in export_rows({})}
    assert rows["University Course on Hate Crimes of the Guardia Civil University Centre (CUGC)"]["end"] == ""


# The academy and the projects ------------------------------------------------------------------


def test_an_academy_search_returns_the_modules_that_match():
    response = Client().get(reverse("academy:list"), {"q": "anti-rumour"})
    body = response.content.decode()
    modules = response.context["matching_modules"]
    assert [module.title for module in modules] == ["Anti-rumour Strategy"]
    assert f'<a href="{modules[0].get_absolute_url()}" hx-boost="false">Anti-rumour Strategy</a>' in body


def course_page(slug):
    response = Client().get(reverse("academy:course", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_academy_page_does_not_borrow_the_online_courses_heading():
    assert "Why take this course?" not in course_page("intercultural-integration-academy")
    assert '<h2 id="why">Why take this course?</h2>' in course_page("the-intercultural-city-step-by-step-online-course")


def test_the_online_course_page_says_what_its_source_says_once_and_names_its_guide():
    body = course_page("the-intercultural-city-step-by-step-online-course")
    assert body.count("It is intended primarily for cities") == 1
    assert "nothing about you is kept" not in body
    quiz = body[body.index('id="quizzes"') : body.index("</section>", body.index('id="quizzes"'))]
    source = (settings.BASE_DIR / "fixtures" / "sources" / "online-course-step-by-step.txt").read_text()
    for sentence in re.findall(r"<p>(.*?)</p>", quiz):
        assert sentence in source, sentence
    assert "<dt>Based on the guide</dt><dd><cite>The intercultural city step by step</cite>" in body


def test_placeholders_are_not_shown_as_content():
    academy = Client().get(reverse("academy:list")).content.decode()
    assert "Being added" not in academy
    module = Client().get(
        reverse("academy:module", args=["intercultural-integration-academy", "diversity-in-business"])
    )
    body = module.content.decode()
    assert "gives no more detail about this module yet" not in body
    assert "Days 4 and 5: focus on specific areas" in body  # the slot it fills, in the course's words
    assert "the last two days of the Academy can be built according to the needs" in body
    project = Project.objects.get(acronym="LIAISON")
    Partner.objects.filter(project=project).delete()
    page = Client().get(project.get_absolute_url()).content.decode()
    assert "No partners are listed" not in page and 'id="partners"' not in page


def test_snippets_begin_and_end_at_word_boundaries_with_an_ellipsis_where_text_goes_on():
    response = Client().get(PRACTICES, {"q": "rumours"})
    checked = 0
    for result in response.context["results"]:
        practice = Practice.objects.get(pk=result.item.pk)
        document = " ".join(" ".join((practice.purpose_plain, practice.rationale_plain, practice.process_plain,
                                      practice.impact_plain, practice.place, practice.promoter)).split())  # fmt: skip
        snippet = "".join(text for text, _ in result.snippet)
        for fragment in snippet.split(" … "):
            inner = fragment.strip(" …")
            at = document.find(inner)
            assert at >= 0, inner
            assert at == 0 or not document[at - 1].isalnum(), (document[at - 10 : at + 20], inner)
            end = at + len(inner)
            assert end == len(document) or not document[end].isalnum(), inner
        assert snippet.startswith("… ") or document.startswith(snippet.split(" … ")[0].strip(" …"))
        assert snippet.endswith(" …") or document.endswith(snippet.split(" … ")[-1].strip(" …"))
        checked += 1
    assert checked >= 2


def test_bilbaos_training_programme_keeps_its_sessions_and_nested_numbered_lists():
    body = practice_page("bilbao-training-and-guide-to-intercultural-competencies-applied-to-the")
    assert "<th>Session 1" not in body and "<table" not in body
    for session in ("Session 1: Intercultural coexistence", "Session 2: Intercultural skills applied to project "
                    "management (I)", "Session 3: Intercultural skills applied to project management (II)"):  # fmt: skip
        assert f">{session}</h3>" in body
    assert "<li>Managing projects with an intercultural focus<ul>\n<li>a. Identifying the project</li>" in body
    assert '<ol start="4">\n<li>Managing projects with an intercultural focus (continued)<ul>' in body
    assert "<li>b. Evaluating the project</li>" in body and "<li>A central element: participation</li>" in body


def test_reference_links_without_words_are_labelled_from_the_entry_they_stand_in():
    assert not ReferenceLink.objects.filter(label="").exclude(url="").exists()
    assert not ReferenceLink.objects.filter(label__iregex=r"^\(?(french|english)\)?$").exists()
    neuchatel = ReferenceLink.objects.get(url__endswith="SFM_PanoramaDiversiteACN.pdf")
    assert neuchatel.label == (
        "Implementation of the Roadmap for an Administration that is Open to Diversity and Egalitarianism: "
        "document (PDF) on ne.ch, in French"
    )
    body = practice_page(neuchatel.practice.slug)
    assert f">{neuchatel.label}</a>" in body
