"""Editors in the admin: the one-correct-option rule, read-only counts, publishing, export, history and recovery."""

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from academy.models import Course, Module, QuizOption, QuizQuestion
from tests import factories as make
from tests.academy import builders as build
from tests.admin_forms import submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return build.module(build.course("Online course", slug="online"), "Building a strategy", slug="strategy")


def question_form(module, options, initial=0, **fields):
    """Admin POST data for a question and its option inline: options = [(text, is_correct, id or None)]."""
    data = {
        "module": module.pk, "position": "1", "text": "Who should lead the strategy?",
        "options-TOTAL_FORMS": str(len(options)), "options-INITIAL_FORMS": str(initial),
        "options-MIN_NUM_FORMS": "0", "options-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for index, (text, is_correct, pk) in enumerate(options):
        data[f"options-{index}-position"] = str(index)
        data[f"options-{index}-text"] = text
        data[f"options-{index}-feedback"] = ""
        if is_correct:
            data[f"options-{index}-is_correct"] = "on"
        if pk:
            data[f"options-{index}-id"] = str(pk)
            data[f"options-{index}-question"] = str(fields.get("question_pk", ""))
    data.update({key: value for key, value in fields.items() if key != "question_pk"})
    return data


@pytest.mark.parametrize("ticks, count", [((False, False, False), 0), ((True, True, False), 2)])
def test_a_question_needs_exactly_one_correct_option(editor_client, editor, module, ticks, count):
    options = [(text, tick, None) for text, tick in zip(["Mayor", "One office", "Consultant"], ticks, strict=True)]
    response = editor_client.post(reverse("admin:academy_quizquestion_add"), question_form(module, options))
    assert response.status_code == 200
    assert f"A question needs exactly one correct option; this one has {count}." in response.content.decode()
    assert "Tick “correct” on exactly one option." in response.content.decode()
    assert not QuizQuestion.objects.exists()


def test_a_question_needs_another_option_to_choose_from(editor_client, editor, module):
    response = editor_client.post(
        reverse("admin:academy_quizquestion_add"), question_form(module, [("Alone", True, None)])
    )
    assert response.status_code == 200
    assert "at least two options" in response.content.decode()
    assert not QuizQuestion.objects.exists()


def test_editors_add_a_question_with_one_correct_option_and_versions_are_kept(editor_client, editor, module):
    options = [("Mayor", True, None), ("One office", False, None), ("Consultant", False, None)]
    response = editor_client.post(reverse("admin:academy_quizquestion_add"), question_form(module, options))
    assert response.status_code == 302, response.content.decode()[:3000]
    question = QuizQuestion.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Mayor", True),
        ("One office", False),
        ("Consultant", False),
    ]
    assert Version.objects.get_for_object(question).count() == 1


def test_moving_the_tick_to_an_earlier_option_saves(editor_client, editor, module):
    question = build.question(module, options=[("B", False, ""), ("A", True, "")])
    b, a = question.options.all()
    data = question_form(module, [("B", True, b.pk), ("A", False, a.pk)], initial=2, question_pk=question.pk)
    response = editor_client.post(reverse("admin:academy_quizquestion_change", args=[question.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(question.options.filter(is_correct=True)) == [b]


def test_a_question_added_without_options_can_get_them_later(editor_client, editor, module):
    question = QuizQuestion.objects.create(module=module, text="Added from the module page")
    page = editor_client.get(reverse("admin:academy_module_change", args=[module.pk]))
    assert "No options yet" in page.content.decode()
    assert (
        editor_client.post(reverse("admin:academy_module_change", args=[module.pk]), submitted_form(page)).status_code
        == 302
    )
    data = question_form(module, [("Yes", True, None), ("No", False, None)], text="Added from the module page")
    response = editor_client.post(reverse("admin:academy_quizquestion_change", args=[question.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert question.options.count() == 2


def test_answer_counts_are_shown_and_read_only(editor_client, editor, module):
    question = build.question(module, options=[("Yes", True, ""), ("No", False, "")])
    QuizOption.objects.filter(text="Yes").update(answer_count=41)
    page = editor_client.get(reverse("admin:academy_quizquestion_change", args=[question.pk]))
    body = page.content.decode()
    assert "Times chosen" in body and "41" in body
    data = submitted_form(page)
    data["options-0-answer_count"] = "0"
    data["options-0-times_chosen"] = "0"
    assert editor_client.post(reverse("admin:academy_quizquestion_change", args=[question.pk]), data).status_code == 302
    assert QuizOption.objects.get(text="Yes").answer_count == 41
    changelist = editor_client.get(reverse("admin:academy_quizquestion_changelist")).content.decode()
    assert "Yes ✓ correct (41)" in changelist


def test_editors_publish_and_unpublish_courses_and_modules(editor_client, editor, module):
    assert editor.has_perm("academy.publish_course")
    course = module.course
    editor_client.post(
        reverse("admin:academy_course_changelist"), {"action": "unpublish", "_selected_action": [course.pk]}
    )
    course.refresh_from_db()
    assert course.status == "draft"
    editor_client.post(
        reverse("admin:academy_course_changelist"), {"action": "publish", "_selected_action": [course.pk]}
    )
    course.refresh_from_db()
    assert course.status == "published"
    editor_client.post(
        reverse("admin:academy_module_changelist"), {"action": "unpublish", "_selected_action": [module.pk]}
    )
    module.refresh_from_db()
    assert module.status == "draft"


def test_editors_edit_but_may_not_delete_courses_or_modules(editor_client, editor, module):
    assert editor_client.get(reverse("admin:academy_module_delete", args=[module.pk])).status_code == 403
    assert editor_client.get(reverse("admin:academy_course_delete", args=[module.course.pk])).status_code == 403
    assert editor.has_perm("academy.change_module") and editor.has_perm("academy.change_quizoption")


def test_admin_pages_answer(editor_client, editor, module):
    question = build.question(module)
    for url in [
        reverse("admin:academy_course_changelist"),
        reverse("admin:academy_course_add"),
        reverse("admin:academy_course_change", args=[module.course.pk]),
        reverse("admin:academy_course_history", args=[module.course.pk]),
        reverse("admin:academy_module_changelist") + "?q=strategy&kind__exact=core",
        reverse("admin:academy_module_add"),
        reverse("admin:academy_module_change", args=[module.pk]),
        reverse("admin:academy_quizquestion_changelist"),
        reverse("admin:academy_quizquestion_add"),
        reverse("admin:academy_quizquestion_change", args=[question.pk]),
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_the_course_page_lists_its_modules_in_programme_order(editor_client, editor):
    course = build.course("Academy")
    build.module(course, "Third", position=3)
    build.module(course, "First", position=1)
    page = editor_client.get(reverse("admin:academy_course_change", args=[course.pk]))
    [inline] = page.context["inline_admin_formsets"]
    assert [form.instance.title for form in inline.formset.forms if form.instance.pk] == ["First", "Third"]


def test_the_export_action_uses_the_public_columns_and_writer(editor_client, editor, module):
    response = editor_client.post(
        reverse("admin:academy_module_changelist"), {"action": "export_csv", "_selected_action": [module.pk]}
    )
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffcourse,course_format,module,url,day,kind,duration_minutes,summary,")
    assert "Online course,in-person-intensive,Building a strategy,http://testserver/academy/online/strategy/" in text


def test_a_deleted_module_comes_back_with_its_questions_options_tags_and_areas(client):
    admin = User.objects.create_superuser("admin", password="x")
    client.force_login(admin)
    narratives = make.area("inclusive-and-alternative-narratives-and-communication", "Inclusive narratives")
    module = build.module(
        build.course("Academy", slug="academy"), "Anti-rumour Strategy", slug="anti-rumour-strategy",
        areas=[narratives], tags=["anti-rumours", "communication"],
    )  # fmt: skip
    build.question(module, "What is a rumour?", options=[("A story", True, "Yes."), ("A fact", False, "No.")])
    with reversion.create_revision():  # an editor's last save touched the module alone
        module.summary = "Rumours feed prejudice."
        module.save()
    pk = module.pk
    client.post(reverse("admin:academy_module_delete", args=[pk]), {"post": "yes"})
    assert not Module.objects.filter(pk=pk).exists()
    assert not QuizQuestion.objects.exists() and not QuizOption.objects.exists()

    [deleted] = Version.objects.get_deleted(Module)
    recover = reverse("admin:academy_module_recover", args=[deleted.pk])
    recover_page = client.get(recover)
    assert recover_page.status_code == 200
    assert '<td class="difference-text">Anti-rumour Strategy</td>' in recover_page.content.decode()
    response = client.post(recover)
    assert response.status_code == 302, response.content.decode()[:3000]
    restored = Module.objects.get(pk=pk)
    assert restored.summary == "Rumours feed prejudice."
    assert sorted(restored.tags.names()) == ["anti-rumours", "communication"]
    assert list(restored.areas.all()) == [narratives]
    question = restored.questions.get()
    assert question.text == "What is a rumour?"
    assert [(o.text, o.is_correct, o.feedback) for o in question.options.all()] == [
        ("A story", True, "Yes."),
        ("A fact", False, "No."),
    ]
    assert Course.objects.get(slug="academy").modules.get() == restored
