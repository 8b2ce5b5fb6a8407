"""The exports of a French page (/fr/…/export.csv, .xlsx, datapackage.json): French labels, the same column names."""

import gzip
import io
import json

import openpyxl
import pytest
from django.test import override_settings

from projects.models import ImpactTarget
from tests import factories as make
from tests.academy import builders as build
from tests.exports import gzipped_copies_written, read
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db

PRACTICE_HEADER = (
    "\ufefftitle,url,country_code,country,place,level,theme,types,areas,tags,promoter,duration,start,end,"
    "ongoing,purpose,rationale,process,impact,references,further_information,type_as_submitted,"
    "area_as_submitted\n"
)


def bilbao():
    return make.practice(
        "Anti-rumours strategy", slug="bilbao-anti-rumours-strategy", place="Bilbao",
        areas=[make.area("youth", "Youth"), make.area("education", "Education")],
        types=[make.practice_type("project", "Project")], tags=["anti-rumours"],
        duration_text="Since 2013", start=make.month(2013, 3), ongoing=True, purpose="Fight *rumours*.",
    )  # fmt: skip


def test_a_french_practice_export_writes_french_labels_under_the_english_column_names(client):
    bilbao()
    make.practice("Ended", slug="ended", country=make.country("IT", "Italy"), level="regional", ongoing=False)
    french = b"".join(client.get("/fr/practices/export.csv").streaming_content).decode()
    assert french == (
        PRACTICE_HEADER
        + "Anti-rumours strategy,http://testserver/fr/practices/bilbao-anti-rumours-strategy/,ES,Espagne,Bilbao,"
        "Local,Garantir l'égalité,Projet,Éducation; Jeunesse,anti-rumours,,Since 2013,2013-03,,oui,Fight rumours.,"
        ",,,,,,\n"
        "Ended,http://testserver/fr/practices/ended/,IT,Italie,,Régional,Garantir l'égalité,,,,,,,,non,,,,,,,,\n"
    )
    # The same practices from the English page: the stored names, as before.
    [english, _] = read(client.get("/practices/export.csv"))
    assert (english["country"], english["level"], english["theme"]) == ("Spain", "local", "Ensuring equality")
    assert (english["types"], english["areas"], english["ongoing"]) == ("Project", "Education; Youth", "yes")


def test_a_term_without_a_french_name_keeps_its_english_one(client):
    make.practice("New", areas=[make.area("brand-new-area", "Brand new area"), make.area("youth", "Youth")])
    [row] = read(client.get("/fr/practices/export.csv"))
    assert row["areas"] == "Brand new area; Jeunesse"


def test_a_filtered_french_export_takes_the_english_ones_queries(client, django_assert_num_queries):
    bilbao()
    # As tests/practices/test_export.py counts the English one: validating the country, counting the
    # filtered export (the client's, everyone's), then one COPY between raising and restoring the time limit.
    with django_assert_num_queries(6):
        [row] = read(client.get("/fr/practices/export.csv", {"country": "ES"}))
    assert (row["country"], row["areas"]) == ("Espagne", "Éducation; Jeunesse")
    with django_assert_num_queries(6):
        [row] = read(client.get("/practices/export.csv", {"country": "ES"}))
    assert row["country"] == "Spain"


def test_a_french_project_export_writes_its_status_categories_areas_and_partners_countries_in_french(client):
    liaison = make_project.project(
        "LIAISON", title="Mutual Learning", slug="liaison", categories=[make_project.category("migration", "Migration")],
        areas=[make.area("intercultural-dialogue", "Intercultural dialogue"), make.area("education", "Education")],
        start=make_project.day(2020, 2, 3), end=make_project.day(2022, 4, 2),
        targets=[(500, "community members", "At least 500 community members reached")],
        partners=[("CESIE", make.country("IT", "Italy"), "coordinator")],
    )  # fmt: skip
    ImpactTarget.objects.filter(project=liaison).update(achieved=612)
    [row] = read(client.get("/fr/projects/export.csv"))
    assert row["status"] == "Terminé"
    assert row["categories"] == "Migration"
    assert row["areas"] == "Dialogue interculturel; Éducation"
    assert row["partners"] == "CESIE, Italie, coordinator"
    assert row["impact_targets"] == "At least 500 community members reached (atteint\u00a0: 612)"
    [row] = read(client.get("/projects/export.csv"))
    assert (row["status"], row["areas"], row["partners"]) == ("finished", "Education; Intercultural dialogue",
                                                               "CESIE, Italy, coordinator")  # fmt: skip
    assert row["impact_targets"] == "At least 500 community members reached (achieved: 612)"


def test_a_french_module_export_writes_the_course_format_kind_and_areas_in_french(client):
    academy = build.course("Intercultural Integration Academy", slug="intercultural-integration-academy")
    build.module(academy, "Anti-rumour Strategy", slug="anti-rumour-strategy", kind="elective",
                 areas=[make.area("public-space", "Public space"), make.area("education", "Education")])  # fmt: skip
    [row] = read(client.get("/fr/academy/export.csv"))
    assert (row["course_format"], row["kind"], row["areas"]) == (
        "Intensive en présentiel",
        "Au choix",
        "Éducation; Espace public",
    )
    [row] = read(client.get("/academy/export.csv"))
    assert (row["course_format"], row["kind"], row["areas"]) == (
        "in-person-intensive",
        "elective",
        "Education; Public space",
    )


def test_a_french_spreadsheet_has_the_french_csvs_cells(client):
    bilbao()
    response = client.get("/fr/practices/export.xlsx")
    assert response.status_code == 200
    [sheet] = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets
    header, row = ([cell.value for cell in line] for line in sheet.iter_rows())
    cells = dict(zip(header, row, strict=True))
    assert header == PRACTICE_HEADER.strip("\ufeff\n").split(",")
    assert (cells["country"], cells["level"], cells["areas"], cells["ongoing"]) == (
        "Espagne",
        "Local",
        "Éducation; Jeunesse",
        "oui",
    )


def test_the_kept_whole_list_is_kept_per_language(client, export_files):
    bilbao()
    for _ in range(2):  # made and kept, then served from the kept file
        french = b"".join(client.get("/fr/practices/export.csv").streaming_content)
        english = b"".join(client.get("/practices/export.csv").streaming_content)
        assert b",Espagne," in french and b",Spain," not in french
        assert b",Spain," in english and b",Espagne," not in english
    gzipped_copies_written()
    kept = sorted(export_files.glob("*.csv.gz"))
    assert [path.name.split("-testserver")[0] for path in kept] == ["practices-all-en-gb", "practices-all-fr"]
    assert {gzip.decompress(path.read_bytes()) for path in kept} == {french, english}


def test_a_french_kept_file_is_sent_by_nginx_under_its_own_name(client, export_files):
    bilbao()
    with override_settings(EXPORT_FILES_ACCEL_PREFIX="/_kept_exports/"):
        b"".join(client.get("/fr/practices/export.csv").streaming_content)  # made and kept
        french = client.get("/fr/practices/export.csv")
        english = client.get("/practices/export.csv")  # not kept yet: made
    assert french["X-Accel-Redirect"].startswith("/_kept_exports/practices-all-fr-")
    assert not english.has_header("X-Accel-Redirect")


def test_a_french_data_package_says_its_labels_are_french(client):
    bilbao()
    response = client.get("/fr/practices/export/datapackage.json", {"country": "ES"})
    assert response.status_code == 200
    package = json.loads(response.content)
    assert package["title"] == "Bonnes pratiques\u00a0: les pratiques en CSV (Pays\u00a0: Espagne)"
    assert "Les libellés (pays, thèmes, domaines, types, niveaux, statuts, formats, oui et non) sont écrits en " \
           "français\u00a0; les noms des colonnes sont les mêmes dans toutes les langues." in package["description"]  # fmt: skip
    assert package["resources"][0]["path"] == "http://testserver/fr/practices/export.csv?country=ES"
    fields = {field["name"]: field["description"] for field in package["resources"][0]["schema"]["fields"]}
    assert fields["country"].startswith("Le nom du pays en français")
    assert fields["level"] == "Niveau de gouvernement\u00a0: Local, Régional, National ou Européen."
    assert fields["ongoing"].startswith("oui lorsque la source indique")
    english = json.loads(client.get("/practices/export/datapackage.json").content)
    assert "Labels (countries, themes, areas, types, levels, statuses, formats, yes and no) are written in English" \
           in english["description"]  # fmt: skip
    projects = json.loads(client.get("/fr/projects/export/datapackage.json").content)
    status = {f["name"]: f["description"] for f in projects["resources"][0]["schema"]["fields"]}["status"]
    assert "En cours, Terminé ou Pas encore commencé" in status
