"""History, revert and recover in the admin: each touches one item and its own children, and says what changes.

Databases made before one-item revisions hold revisions of many items (the
import stored all 83 practices in one); these tests make such revisions the
way the old code did, with one `reversion.create_revision()` around many saves.
"""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from academy.models import Module, QuizOption
from editorial.publication import change_status
from practices.models import Practice, ReferenceLink
from practices.services import save_practice
from tests import factories as make
from tests.academy import builders as build

pytestmark = pytest.mark.django_db


def revert_url(item, version):
    meta = item._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_revision", args=[item.pk, version.pk])


def version_in(revision, item):
    return revision.version_set.get(object_id=str(item.pk), content_type__model=item._meta.model_name)


@pytest.fixture
def imported_together():
    """Three practices stored in one revision, as the first import stored all 83."""
    with reversion.create_revision():
        practices = [
            make.practice(
                f"Practice {n}", slug=f"practice-{n}", references=[(f"Report {n}", f"https://example.org/{n}")]
            )
            for n in (1, 2, 3)
        ]
    revision = Version.objects.get_for_object(practices[0]).get().revision
    assert revision.version_set.filter(content_type__model="practice").count() == 3
    return practices, revision


def test_reverting_one_practice_leaves_another_editors_edit_of_its_neighbour(
    editor_client, editor, administrator, imported_together
):
    (first, second, third), revision = imported_together
    first.title = "Practice 1, corrected"
    save_practice(first, references=[("Report 1", "https://example.org/1-moved")], user=editor)
    second.title = "Practice 2, edited by another editor"
    save_practice(second, references=[("Second report", "https://example.org/2b")], user=editor)
    change_status(third, "archived", administrator)

    response = editor_client.post(revert_url(first, version_in(revision, first)))

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.title == "Practice 1"
    assert [ref.url for ref in first.references.all()] == ["https://example.org/1"]
    second.refresh_from_db()
    assert second.title == "Practice 2, edited by another editor"
    assert [(ref.label, ref.url) for ref in second.references.all()] == [("Second report", "https://example.org/2b")]
    third.refresh_from_db()
    assert third.status == "archived"  # the old revision had it published: it stays archived
    # The revert is one new revision, of the first practice alone.
    latest = Version.objects.get_for_object(first).first().revision
    assert {(v.content_type.model, v.object_id) for v in latest.version_set.filter(content_type__model="practice")} == {
        ("practice", str(first.pk))
    }
    assert latest.user == editor


def test_the_version_page_shows_old_beside_new_and_changes_nothing(
    editor_client, editor, imported_together, django_assert_num_queries
):
    (first, _second, _), revision = imported_together
    first.title = "Practice 1, corrected"
    save_practice(
        first, references=[("Report 1", "https://example.org/1"), ("Extra", "https://example.org/x")], user=editor
    )
    url = revert_url(first, version_in(revision, first))

    with django_assert_num_queries(13):
        page = editor_client.get(url)

    text = page.content.decode()
    assert page.status_code == 200
    assert "<del>Practice 1, corrected</del>" in text and "<ins>Practice 1</ins>" in text
    assert "Extra · https://example.org/x" in text  # the link the revert would remove
    assert "Theme" not in text.split("What reverting changes")[1]  # unchanged fields are not listed
    assert 'value="Revert to this version"' in text
    first.refresh_from_db()
    assert first.title == "Practice 1, corrected" and first.references.count() == 2


def test_a_version_the_same_as_now_offers_nothing_to_revert(editor_client, editor):
    practice = make.practice("Unchanged")
    save_practice(practice, user=editor)
    [version] = Version.objects.get_for_object(practice)
    text = editor_client.get(revert_url(practice, version)).content.decode()
    assert "reverting would change nothing" in text
    assert "Revert to this version" not in text


def test_reverting_a_course_never_deletes_a_module_added_since(editor_client, editor):
    with reversion.create_revision():  # the course followed its modules: both in one revision
        course = build.course("Online course", slug="online")
        build.module(course, "First module", slug="first")
    course_version = Version.objects.get_for_object(course).get()
    added = build.module(course, "Added later by another editor", slug="added")
    course.title = "Online course, renamed"
    course.save()

    response = editor_client.post(revert_url(course, course_version))

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Online course"
    assert Module.objects.filter(pk=added.pk, course=course).exists()
    assert sorted(course.modules.values_list("slug", flat=True)) == ["added", "first"]


def test_reverting_a_question_restores_its_options_and_keeps_their_answer_counts(editor_client, editor):
    module = build.module(build.course("Online", slug="online"), "Strategy", slug="strategy")
    with reversion.create_revision():
        question = build.question(module, "Who leads?", options=[("Mayor", True, ""), ("Consultant", False, "")])
    version = Version.objects.get_for_object(question).get()
    mayor, consultant = question.options.all()
    QuizOption.objects.filter(pk=mayor.pk).update(answer_count=7)
    mayor.refresh_from_db()
    with reversion.create_revision():  # an editor moved the tick and added an option
        mayor.is_correct = False
        mayor.save()
        consultant.is_correct = True
        consultant.save()
        QuizOption.objects.create(question=question, position=2, text="Nobody", is_correct=False)

    assert editor_client.post(revert_url(question, version)).status_code == 302

    assert [(o.text, o.is_correct, o.answer_count) for o in question.options.all()] == [
        ("Mayor", True, 7),
        ("Consultant", False, 0),
    ]


def test_the_recover_page_refuses_a_version_of_another_kind_of_item(editor_client, editor, imported_together):
    (first, second, _), revision = imported_together
    second.title = "Edited"
    save_practice(second, user=editor)
    practice_version = version_in(revision, first)

    for method in (editor_client.get, editor_client.post):
        response = method(reverse("admin:academy_quizquestion_recover", args=[practice_version.pk]))
        assert response.status_code == 404
    second.refresh_from_db()
    assert second.title == "Edited"
    # A revert page with another item's version is refused the same way.
    assert editor_client.get(revert_url(second, practice_version)).status_code == 404


def test_the_recover_page_refuses_an_item_that_still_exists(editor_client, editor):
    practice = make.practice("Still here")
    save_practice(practice, user=editor)
    [version] = Version.objects.get_for_object(practice)
    assert editor_client.get(reverse("admin:practices_practice_recover", args=[version.pk])).status_code == 404


def test_a_practice_an_administrator_deleted_comes_back_as_a_draft(
    administrator_client, administrator, editor, client, django_assert_num_queries
):
    practice = make.practice("Deleted", slug="deleted", references=[("Report", "https://example.org/r")])
    save_practice(practice, user=administrator)
    assert practice.status == "published"
    administrator_client.post(reverse("admin:practices_practice_delete", args=[practice.pk]), {"post": "yes"})
    client.force_login(editor)
    [deleted] = Version.objects.get_deleted(Practice)
    recover = reverse("admin:practices_practice_recover", args=[deleted.pk])

    with django_assert_num_queries(9):
        page = client.get(recover)
    assert "It comes back <strong>as a draft</strong>" in page.content.decode()
    assert client.post(recover).status_code == 302

    restored = Practice.objects.get(pk=practice.pk)
    assert restored.status == "draft"
    assert restored.references.get().url == "https://example.org/r"
    assert client.get(reverse("practices:detail", args=["deleted"])).status_code == 200  # the editor sees the draft
    client.logout()
    assert client.get(reverse("practices:detail", args=["deleted"])).status_code == 404  # readers do not


def test_history_says_what_changed_old_and_new(editor_client, editor, django_assert_num_queries):
    practice = make.practice("Citizen Coin", status="draft", references=[("Site", "https://example.org/a")])
    save_practice(practice, user=editor)
    editor_client.post(
        reverse("admin:practices_practice_changelist"), {"action": "publish", "_selected_action": [practice.pk]}
    )
    practice.title = "Citizen Coin (Bradford)"
    save_practice(practice, references=[("Site", "https://example.org/b")], user=editor)
    url = reverse("admin:practices_practice_history", args=[practice.pk])

    with django_assert_num_queries(9):
        page = editor_client.get(url)

    text = page.content.decode()
    assert page.status_code == 200
    assert '<th scope="row">Status</th>' in text
    assert "<del>Draft</del>" in text and "<ins>Published</ins>" in text
    assert "<del>Citizen Coin</del>" in text and "<ins>Citizen Coin (Bradford)</ins>" in text
    assert "<del>Site · https://example.org/a</del>" in text and "<ins>Site · https://example.org/b</ins>" in text
    assert "First version." in text


def test_history_query_count_does_not_grow_with_the_history(editor_client, editor, django_assert_max_num_queries):
    practice = make.practice("Long history", tags=["a"], references=[("Site", "https://example.org/a")])
    for number in range(8):
        practice.title = f"Long history {number}"
        save_practice(practice, tags=["a", f"t{number}"], user=editor)
    with django_assert_max_num_queries(13):
        assert editor_client.get(reverse("admin:practices_practice_history", args=[practice.pk])).status_code == 200


def test_a_refused_delete_is_answered_in_the_admin_with_archive_as_the_way(
    editor_client, editor, django_assert_num_queries
):
    practice = make.practice("Keep me")
    with django_assert_num_queries(5):
        response = editor_client.get(reverse("admin:practices_practice_delete", args=[practice.pk]))
    text = response.content.decode()
    assert response.status_code == 403
    assert 'id="site-name"' in text  # the admin's own header, not the public 403 page
    assert "<strong>archive</strong> it instead" in text
    assert reverse("admin:practices_practice_changelist") in text
    assert Practice.objects.filter(pk=practice.pk).exists()
    assert (
        editor_client.post(reverse("admin:practices_practice_delete", args=[practice.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_reverting_does_not_delete_children_the_user_may_not_delete(client, editor, imported_together):
    """Without the right to delete links, a revert that would delete one is refused, and nothing changes."""
    from django.contrib.auth.models import Permission

    (first, _, _), revision = imported_together
    save_practice(
        first, references=[("Report 1", "https://example.org/1"), ("New", "https://example.org/n")], user=editor
    )
    editor.groups.first().permissions.remove(Permission.objects.get(codename="delete_referencelink"))
    client.force_login(editor)
    response = client.post(revert_url(first, version_in(revision, first)), follow=True)
    assert "Nothing was changed: This would delete reference links you may not delete." in response.content.decode()
    assert ReferenceLink.objects.filter(practice=first).count() == 2


def test_a_services_revision_holds_the_links_it_wrote_not_the_ones_it_replaced(editor):
    practice = make.practice("Linked", references=[("Old", "https://example.org/old")], tags=["kept", "dropped"])
    save_practice(practice, references=[("New", "https://example.org/new")], tags=["kept"], user=editor)
    revision = Version.objects.get_for_object(practice).first().revision
    stored = {
        (v.content_type.model, v.object_repr) for v in revision.version_set.exclude(content_type__model="practice")
    }
    assert stored == {("referencelink", "New"), ("taggedpractice", "Linked tagged with kept")}
