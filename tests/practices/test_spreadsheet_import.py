"""Editors' bulk import: export → edit → import round-trips, a dry run first, then all or nothing."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from reversion.models import Version

from practices.models import Practice
from tests import factories as make

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:practices_practice_import")


@pytest.fixture
def published():
    education = make.area("education", "Education")
    project = make.practice_type("project", "Project")
    make.theme("ensuring-equality", "Ensuring equality")
    return [
        make.practice(
            "Anti-rumours strategy", slug="bilbao", place="Bilbao", areas=[education], types=[project],
            tags=["anti-rumours"], start=make.month(2013, 3), ongoing=True, purpose="Fighting **rumours**.",
            references=[("The strategy", "https://example.org/strategy"), ("", "https://example.org/bare")],
        ),
        make.practice("=SUM(A1) is not a formula", slug="formula", place="Neuchâtel", country=make.country("CH", "Switzerland")),
    ]  # fmt: skip


def exported(client):
    response = client.get(reverse("practices:export"))
    return b"".join(response.streaming_content).decode("utf-8-sig")


def as_upload(rows, name="practices.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv")


def test_an_unchanged_export_imports_as_all_unchanged(editor_client, editor, published):
    rows = list(csv.reader(io.StringIO(exported(editor_client))))
    assert rows[1][0] == "Anti-rumours strategy" and rows[2][0] == "'=SUM(A1) is not a formula"
    page = editor_client.post(IMPORT, {"spreadsheet": as_upload(rows)})
    text = page.content.decode()
    assert "<strong>0</strong> to add (as drafts), <strong>0</strong> to change, <strong>2</strong> unchanged." in text


def test_the_dry_run_shows_what_each_row_does_and_the_confirmation_writes_it(
    editor_client, editor, published, django_assert_num_queries
):
    rows = list(csv.reader(io.StringIO(exported(editor_client))))
    header = rows[0]
    rows[1][header.index("title")] = "Anti-rumours strategy of Bilbao"
    rows[1][header.index("references")] += "; New report (https://example.org/new)"
    new = dict.fromkeys(header, "")
    new.update(title="Citizen Coin", place="Bradford", level="local", theme="Ensuring equality", areas="Education",
               tags="volunteering; participation", start="2019-05", ongoing="no", purpose="Reward *volunteering*.")  # fmt: skip
    rows.append([new[column] for column in header])

    with django_assert_num_queries(14):  # however many rows: the vocabulary, the practices named, their links
        page = editor_client.post(IMPORT, {"spreadsheet": as_upload(rows)})

    text = page.content.decode()
    assert "<strong>1</strong> to add (as drafts), <strong>1</strong> to change, <strong>1</strong> unchanged." in text
    assert "Changed: title, references" in text
    assert "Added as a draft" in text
    assert Practice.objects.count() == 2  # a dry run writes nothing
    assert Practice.objects.get(slug="bilbao").title == "Anti-rumours strategy"

    payload = page.context["payload"]
    response = editor_client.post(IMPORT, {"payload": payload, "confirm": "1"})

    assert response.status_code == 302
    bilbao = Practice.objects.get(slug="bilbao")
    assert bilbao.title == "Anti-rumours strategy of Bilbao"
    assert [(ref.label, ref.url) for ref in bilbao.references.all()] == [
        ("The strategy", "https://example.org/strategy"),
        ("", "https://example.org/bare"),
        ("New report", "https://example.org/new"),
    ]
    coin = Practice.objects.get(title="Citizen Coin")
    assert coin.status == "draft" and coin.slug == "citizen-coin"
    assert coin.start == datetime.date(2019, 5, 1) and coin.level == "local"
    assert sorted(coin.tags.names()) == ["participation", "volunteering"]
    assert [area.name for area in coin.areas.all()] == ["Education"]
    for practice in (bilbao, coin):  # one revision per practice, by the editor, naming the file and row
        version = Version.objects.get_for_object(practice).first()
        assert version.revision.user == editor
        assert version.revision.comment.startswith("Imported from practices.csv, row ")
        assert version.revision.version_set.filter(content_type__model="practice").count() == 1
    assert Practice.objects.get(slug="formula").title == "=SUM(A1) is not a formula"  # unchanged, not rewritten


def test_each_rows_errors_are_listed_with_its_row_number_and_nothing_is_written(editor_client, editor, published):
    rows = list(csv.reader(io.StringIO(exported(editor_client))))
    header = rows[0]
    rows[1][header.index("level")] = "city"
    rows[1][header.index("start")] = "2021"
    rows[2][header.index("url")] = "http://testserver/practices/no-such-practice/"
    rows[2][header.index("title")] = "Renamed"
    page = editor_client.post(IMPORT, {"spreadsheet": as_upload(rows)})
    text = page.content.decode()
    assert "Row 2: level “city” is not one of local, regional, national, european." in text
    assert "Row 2: “start” is “2021”: write a month as year-month, for example 2021-03." in text
    assert "Row 3: no practice has the address http://testserver/practices/no-such-practice/" in text
    assert 'name="confirm"' not in text
    # Even a confirmation forced with the payload writes nothing while a row is wrong.
    editor_client.post(IMPORT, {"payload": page.context["payload"], "confirm": "1"})
    assert Practice.objects.get(slug="bilbao").level == "local"
    assert not Practice.objects.filter(title="Renamed").exists()


def test_an_altered_payload_is_refused(editor_client, editor, published):
    response = editor_client.post(IMPORT, {"payload": "forged:payload", "confirm": "1"})
    assert response.status_code == 400
    assert "too old or was altered" in response.content.decode()


def test_a_file_that_is_not_the_template_says_why(editor_client, editor):
    wrong = SimpleUploadedFile("list.csv", b"name,city\nx,y\n", content_type="text/csv")
    response = editor_client.post(IMPORT, {"spreadsheet": wrong})
    assert response.status_code == 400
    assert "Columns missing from the first row: level, theme, title, url." in response.content.decode()
    other = SimpleUploadedFile("list.pdf", b"%PDF", content_type="application/pdf")
    assert "Upload a .csv or .xlsx file." in editor_client.post(IMPORT, {"spreadsheet": other}).content.decode()


def test_an_xlsx_file_imports_with_a_month_the_spreadsheet_turned_into_a_date(editor_client, editor, published):
    template = editor_client.get(reverse("admin:practices_practice_template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(template.content))
    header = [cell.value for cell in workbook.active[1]]
    assert header[:3] == ["title", "url", "country_code"]
    values = dict.fromkeys(header, None)
    values.update(
        title="Welcome desk", level="regional", theme="Ensuring equality", start=datetime.datetime(2020, 9, 1)
    )
    workbook.active.append([values[column] for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("practices.xlsx", buffer.getvalue())
    page = editor_client.post(IMPORT, {"spreadsheet": upload})
    assert "<strong>1</strong> to add" in page.content.decode()
    editor_client.post(IMPORT, {"payload": page.context["payload"], "confirm": "1"})
    assert Practice.objects.get(title="Welcome desk").start == datetime.date(2020, 9, 1)


def test_the_blank_template_has_the_exports_columns(editor_client, editor, published, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = editor_client.get(reverse("admin:practices_practice_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").splitlines() == [exported(editor_client).splitlines()[0]]
    assert 'filename="practices-template.csv"' in response["Content-Disposition"]
    assert Workbook  # the XLSX template is read back in the XLSX test


def test_the_import_page_is_for_editors(client, reader, editor, django_assert_num_queries):
    assert client.get(IMPORT).status_code == 302
    client.force_login(reader)
    assert client.get(IMPORT).status_code == 302  # not staff: the admin's sign-in
    client.force_login(editor)
    with django_assert_num_queries(4):
        page = client.get(IMPORT)
    assert page.status_code == 200
    assert "Show what would change" in page.content.decode()
    changelist = client.get(reverse("admin:practices_practice_changelist")).content.decode()
    assert f'<a href="{IMPORT}">Import from a spreadsheet</a>' in changelist


def test_a_failure_half_way_writes_nothing(editor_client, editor, published, monkeypatch):
    from practices import spreadsheet

    rows = list(csv.reader(io.StringIO(exported(editor_client))))
    header = rows[0]
    rows[1][header.index("title")] = "First, changed"
    rows[2][header.index("title")] = "Second, changed"
    page = editor_client.post(IMPORT, {"spreadsheet": as_upload(rows)})
    real_save, calls = spreadsheet.save_practice, []

    def fail_on_the_second(practice, **kwargs):
        calls.append(practice.pk)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_save(practice, **kwargs)

    monkeypatch.setattr(spreadsheet, "save_practice", fail_on_the_second)
    with pytest.raises(RuntimeError):
        editor_client.post(IMPORT, {"payload": page.context["payload"], "confirm": "1"})
    assert len(calls) == 2
    assert sorted(Practice.objects.values_list("title", flat=True)) == [
        "=SUM(A1) is not a formula",
        "Anti-rumours strategy",
    ]
