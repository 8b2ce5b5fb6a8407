from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from academy.lists import COURSE_LIST
from academy.models import Course, Module, QuizOption, QuizQuestion, correct_option_problem
from browse.csv_export import csv_response
from editorial.editing import OrderedInline, OrderedInlineFormSet, in_french
from editorial.history import EditorialVersionAdmin
from editorial.publication import PublicationAdminMixin

# Courses -----------------------------------------------------------------------


class ModuleInline(OrderedInline):
    model = Module
    fields = ["position", "day", "kind", "title", "slug", "status"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


@admin.register(Course)
class CourseAdmin(PublicationAdminMixin, EditorialVersionAdmin):
    publish_permission = "academy.publish_course"
    list_display = ["title", "format", "length", "status", "position", "updated"]
    list_filter = ["status", "format"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ModuleInline]
    actions = list(PublicationAdminMixin.publication_actions)
    fieldsets = [
        (None, {"fields": ["title", "slug", "format", "position", "status"]}),
        ("Facts", {"fields": ["length", "cost", "certificate", "anonymity"]}),
        ("Texts (Markdown)", {"fields": ["summary", "rationale", "audience", "practical_notes", "quiz_instructions"]}),
        ("Elective modules", {"fields": ["electives_heading", "electives_introduction"]}),
        in_french(Course),
    ]


# Modules -----------------------------------------------------------------------


class QuestionWithoutOptionsForm(forms.ModelForm):
    def _post_clean(self):
        # Options are edited (and checked) on the question's own page; saving the
        # module does not touch them, so a question still waiting for its options
        # must not block the module's other changes.
        self.instance.options_checked_by_form = True
        super()._post_clean()


class QuizQuestionInline(OrderedInline):
    """Questions in order; their options (and answer counts) are edited on each question's page."""

    model = QuizQuestion
    form = QuestionWithoutOptionsForm
    fields = ["position", "text", "text_fr", "options_and_answers"]
    readonly_fields = ["options_and_answers"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("options")

    @admin.display(description="Options (times chosen)")
    def options_and_answers(self, question):
        if question.pk is None:
            return "Save, then open the question to add its options."
        return option_summary(question)


def option_summary(question):
    options = list(question.options.all())
    if not options:
        return "No options yet: open the question to add them."
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{}{} ({})</li>",
            ((option.text, " ✓ correct" if option.is_correct else "", option.answer_count) for option in options),
        ),
    )


@admin.register(Module)
class ModuleAdmin(PublicationAdminMixin, EditorialVersionAdmin):
    publish_permission = "academy.publish_course"
    list_display = ["title", "course", "day", "kind", "position", "status", "updated"]
    list_filter = ["status", "course", "kind", "day", "areas"]
    list_select_related = ["course"]
    search_fields = ["title", "summary", "guide_section"]
    autocomplete_fields = ["areas"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuizQuestionInline]
    actions = [*PublicationAdminMixin.publication_actions, "export_csv"]
    fieldsets = [
        (None, {"fields": ["course", "title", "slug", "status"]}),
        ("Place in the programme", {"fields": ["position", "day", "kind", "duration_minutes"]}),
        ("Content", {"fields": ["summary", "video_url", "guide_section"]}),
        ("Classification", {"fields": ["areas", "tags"]}),
        in_french(Module),
    ]

    @admin.action(description="Export the selected modules as CSV")
    def export_csv(self, request, queryset):
        modules = queryset.order_by("course__position", "course__title", "course_id", "position", "pk")
        return csv_response(
            modules.prefetch_related(None), COURSE_LIST.export_columns(request), "academy-modules-selection"
        )


# Questions and their options -------------------------------------------------------


class QuizOptionFormSet(OrderedInlineFormSet):
    """Exactly one option marked correct, and at least one other to choose from."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not (self.can_delete and self._should_delete_form(form))
            if form.cleaned_data
        ]
        problem = correct_option_problem(sum(1 for form in kept if form.cleaned_data.get("is_correct")))
        if problem:
            raise ValidationError(f"{problem} Tick “correct” on exactly one option.")
        if len(kept) < 2:
            raise ValidationError("A question needs at least two options to choose from.")

    def save(self, commit=True):
        # The database allows one correct option per question at any moment, so
        # options losing their tick are saved first, before another gains it.
        if commit and self.instance.pk is not None:
            losing = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk is not None
                and (self._should_delete_form(form) or not form.cleaned_data.get("is_correct"))
            ]
            QuizOption.objects.filter(pk__in=losing, is_correct=True).update(is_correct=False)
        return super().save(commit)


class QuizOptionInline(OrderedInline):
    model = QuizOption
    formset = QuizOptionFormSet
    extra = 3
    fold_over = 20  # the options are what a question's page is for: never folded
    fields = ["position", "text", "text_fr", "is_correct", "feedback", "feedback_fr", "times_chosen"]
    readonly_fields = ["times_chosen"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    @admin.display(description="Times chosen")
    def times_chosen(self, option):
        return option.answer_count


class QuizQuestionForm(forms.ModelForm):
    class Meta:
        model = QuizQuestion
        fields = ["module", "position", "text", "text_fr"]

    def _post_clean(self):
        # The option formset on the same page checks the options as submitted.
        self.instance.options_checked_by_form = True
        super()._post_clean()


@admin.register(QuizQuestion)
class QuizQuestionAdmin(EditorialVersionAdmin):
    form = QuizQuestionForm
    list_display = ["text_start", "module", "position", "options_and_answers"]
    list_filter = ["module__course", "module"]
    list_select_related = ["module"]
    search_fields = ["text", "module__title"]
    autocomplete_fields = ["module"]
    inlines = [QuizOptionInline]
    fields = ["module", "position", "text", "text_fr"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("options")

    @admin.display(description="Question", ordering="text")
    def text_start(self, question):
        return str(question)

    @admin.display(description="Options (times chosen)")
    def options_and_answers(self, question):
        return option_summary(question)

    def view_on_site(self, question):
        return reverse("academy:module", args=[question.module.course.slug, question.module.slug]) + (
            f"#question-{question.pk}"
        )
