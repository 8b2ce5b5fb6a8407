"""The editing experience, as the server gives it: month fields, previews, one-line labels, positions, filters,
the newest-first sort and the Edit link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.models import Practice
from tests import factories as make
from tests.academy import builders as build
from tests.practices.test_admin import practice_form

pytestmark = pytest.mark.django_db

ADD = reverse("admin:practices_practice_add")


def test_start_and_end_are_months_taking_year_dash_month(editor_client, editor):
    page = editor_client.get(ADD).content.decode()
    assert '<input type="month" name="start"' in page and 'placeholder="2021-03"' in page
    assert "Note: You are" not in page  # no day picker and its time-zone note for a month

    response = editor_client.post(ADD, practice_form(start="2021-03", end="2023-12"))

    assert response.status_code == 302
    practice = Practice.objects.get(slug="bradford-citizen-coin")
    assert (practice.start, practice.end) == (datetime.date(2021, 3, 1), datetime.date(2023, 12, 1))
    page = editor_client.get(reverse("admin:practices_practice_change", args=[practice.pk])).content.decode()
    assert 'value="2021-03"' in page and 'value="2023-12"' in page


def test_a_bad_month_says_how_to_write_one(editor_client, editor):
    response = editor_client.post(ADD, practice_form(start="2021"))
    assert response.status_code == 200
    assert "Enter a month as year-month, for example 2021-03 for March 2021." in response.content.decode()
    assert 'value="2021"' in response.content.decode()  # what was typed is kept
    assert not Practice.objects.exists()


def test_an_end_before_the_start_is_flagged_even_beside_another_error(editor_client, editor):
    response = editor_client.post(ADD, practice_form(title="", start="2022-05", end="2021-03"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Give the practice a title, in English or in French." in text  # the other error
    assert "The end (March 2021) is before the start (May 2022)" in text
    assert "for example 2022-03" in text


def test_a_reference_label_is_one_line_and_a_markdown_text_has_a_preview(editor_client, editor):
    practice = make.practice("With links", references=[("A report", "https://example.org/a")])
    page = editor_client.get(reverse("admin:practices_practice_change", args=[practice.pk])).content.decode()
    assert '<input type="text" name="references-0-label" value="A report"' in page
    assert "<textarea" not in page.split('id="references-group"')[1].split("</fieldset>")[0]
    preview = reverse("admin:practices_practice_preview")
    assert f'data-markdown-preview="{preview}"' in page
    assert "The preview shows what readers will see." in page
    assert "/static/js/admin-editing." in page


def test_the_preview_renders_markdown_with_the_public_sanitiser(editor_client, editor, django_assert_num_queries):
    preview = reverse("admin:practices_practice_preview")
    text = "**Bold** and [a link](https://example.org).\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"
    with django_assert_num_queries(4):
        response = editor_client.post(preview, {"text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>' in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert editor_client.get(preview).status_code == 405
    assert editor_client.post(preview, {"text": "x" * 200_001}).status_code == 400


def test_the_preview_is_for_editors_only(client, reader):
    preview = reverse("admin:practices_practice_preview")
    assert client.post(preview, {"text": "**x**"}).status_code == 302  # to the admin's sign-in
    client.force_login(reader)
    assert client.post(preview, {"text": "**x**"}).status_code == 302


def test_new_option_rows_take_the_next_free_positions(editor_client, editor):
    module = build.module(build.course("Online", slug="online"), "Strategy", slug="strategy")
    question = build.question(module, "Who?", options=[("A", True, ""), ("B", False, "")])
    question.options.filter(text="B").update(position=7)
    page = editor_client.get(reverse("admin:academy_quizquestion_change", args=[question.pk])).content.decode()
    for index, position in ((2, 8), (3, 9), (4, 10)):  # after the last existing one, not 0
        assert f'name="options-{index}-position" value="{position}"' in page


def test_the_country_filter_lists_only_countries_in_use(editor_client, editor, django_assert_max_num_queries):
    make.practice("In Spain", country=make.country("ES", "Spain"))
    make.country("FI", "Finland")  # no practice
    with django_assert_max_num_queries(14):
        page = editor_client.get(reverse("admin:practices_practice_changelist")).content.decode()
    filters = page.split('id="changelist-filter"')[1]
    assert "Spain" in filters
    assert "Finland" not in filters


def test_newest_first_puts_the_latest_practice_on_top(client, django_assert_num_queries):
    older = make.practice("Older", slug="older")
    Practice.objects.filter(pk=older.pk).update(created=timezone.now() - datetime.timedelta(days=30))
    make.practice("Newest", slug="newest", source_position=999)
    make.practice("Middle", slug="middle", source_position=1)
    Practice.objects.filter(slug="middle").update(created=timezone.now() - datetime.timedelta(days=1))
    response = client.get(reverse("practices:list"), {"sort": "newest"})
    assert [result.item.title for result in response.context["results"]] == ["Newest", "Middle", "Older"]
    assert '<option value="newest" selected>Newest first</option>' in response.content.decode()


@pytest.mark.parametrize("kind", ["practice", "module", "course"])
def test_signed_in_editors_get_an_edit_link_on_public_pages(client, editor, kind):
    course = build.course("Course", slug="course")
    item = {
        "practice": lambda: make.practice("Seen", slug="seen"),
        "module": lambda: build.module(course, "Module", slug="module"),
        "course": lambda: course,
    }[kind]()
    url = item.get_absolute_url()
    edit = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    assert edit not in client.get(url).content.decode()  # readers: nothing
    client.force_login(editor)
    assert f'<a href="{edit}">Edit this {item._meta.verbose_name} in the admin</a>' in client.get(url).content.decode()


def test_a_reader_signed_in_gets_no_edit_link(client, reader):
    practice = make.practice("Seen", slug="seen")
    client.force_login(reader)
    assert "/change/" not in client.get(practice.get_absolute_url()).content.decode()


def test_a_month_is_taken_as_browsers_send_it_or_as_people_write_it():
    from editorial.editing import MonthField

    field = MonthField()
    for typed in ["2021-03", "2021-3", "03/2021", "March 2021", "Mar 2021", "2021-03-17"]:
        assert field.clean(typed) == datetime.date(2021, 3, 1), typed
