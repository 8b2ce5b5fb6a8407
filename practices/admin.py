from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from browse.csv_export import csv_response
from editorial.editing import MonthField, OneLineLabel, OrderedInline, end_before_start, in_french
from editorial.history import EditorialVersionAdmin
from editorial.publication import PublicationAdminMixin
from practices import spreadsheet
from practices.lists import PRACTICE_LIST
from practices.models import BrokenLink, LinkCheck, Practice, ReferenceLink
from practices.services import mark_reviewed


class ReferenceLinkInline(OrderedInline):
    model = ReferenceLink
    fields = ["position", "label", "url"]
    formfield_overrides = {models.TextField: {"widget": OneLineLabel}}


class PracticeForm(forms.ModelForm):
    start = MonthField(required=False, help_text="The month it started, for example 2021-03.")
    end = MonthField(required=False, help_text="The month it ended, for example 2023-12; empty while it runs.")
    reviewed = forms.BooleanField(
        label="Reviewed",
        required=False,
        help_text="Tick when you have checked the whole entry: its page then says it was reviewed this month.",
    )

    def clean(self):
        cleaned = super().clean()
        end_before_start(self)
        return cleaned


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_SALT = "practices.spreadsheet-import"
IMPORT_MAX_AGE = 60 * 60  # a dry run may be confirmed within the hour


@admin.register(Practice)
class PracticeAdmin(PublicationAdminMixin, EditorialVersionAdmin):
    form = PracticeForm
    publish_permission = "practices.publish_practice"
    list_display = ["title", "country", "place", "level", "theme", "status", "updated"]
    # Only the countries some practice is in, not all 249.
    list_filter = ["status", "theme", "level", ("country", admin.RelatedOnlyFieldListFilter), "areas", "types"]
    list_select_related = ["country", "theme"]
    search_fields = ["title", "place", "promoter", "purpose"]
    autocomplete_fields = ["country", "theme", "types", "areas"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceLinkInline]
    actions = [*PublicationAdminMixin.publication_actions, "mark_as_reviewed", "export_csv"]
    readonly_fields = ["last_review"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        ("Where and who", {"fields": ["theme", "country", "place", "level", "promoter"]}),
        ("Classification", {"fields": ["types", "type_text", "areas", "area_text", "tags"]}),
        ("When", {"fields": ["duration_text", "start", "end", "ongoing"]}),
        ("Texts (Markdown)", {"fields": ["purpose", "rationale", "process", "impact", "further_information"]}),
        in_french(Practice),
        ("Review", {"fields": ["last_review", "reviewed"]}),
    ]

    change_list_template = "admin/practices/practice/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewed_by")

    # Bulk import from a spreadsheet (practices/spreadsheet.py) -------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="practices_practice_import"),
            path("import/template.<str:kind>", view(self.import_template_view), name="practices_practice_template"),
            *super().get_urls(),
        ]

    def _may_import(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied

    def import_template_view(self, request, kind):
        self._may_import(request)
        if kind == "csv":
            content, type_ = spreadsheet.template_csv(), "text/csv; charset=utf-8"
        elif kind == "xlsx":
            content, type_ = spreadsheet.template_xlsx(), XLSX
        else:
            return HttpResponse("Templates are template.csv and template.xlsx.", status=404, content_type="text/plain")
        response = HttpResponse(content, content_type=type_)
        response["Content-Disposition"] = f'attachment; filename="practices-template.{kind}"'
        return response

    def import_view(self, request):
        """Upload, see the dry run (what each row would do, each row's errors), then confirm: all or nothing."""
        self._may_import(request)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "title": "Import practices"}
        if request.method != "POST":
            return TemplateResponse(request, "admin/practices/practice/import.html", context)
        if "payload" in request.POST:
            try:
                source = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
            except signing.BadSignature:
                context["problem"] = "This dry run is too old or was altered: upload the file again."
                return TemplateResponse(request, "admin/practices/practice/import.html", context, status=400)
            name, rows = source["name"], source["rows"]
        else:
            upload = request.FILES.get("spreadsheet")
            if upload is None:
                context["problem"] = "Choose a .csv or .xlsx file to upload."
                return TemplateResponse(request, "admin/practices/practice/import.html", context, status=400)
            try:
                name, rows = upload.name, spreadsheet.read_rows(upload.name, upload.read())
            except spreadsheet.UnreadableSpreadsheet as problem:
                context["problem"] = str(problem)
                return TemplateResponse(request, "admin/practices/practice/import.html", context, status=400)
        import_plan = spreadsheet.plan(rows, request.user)
        if "confirm" in request.POST and not import_plan.errors:
            created, changed = spreadsheet.apply(import_plan, request.user, name)
            self.message_user(
                request, f"Imported {name}: {created} added (as drafts), {changed} changed.", messages.SUCCESS
            )
            return redirect("admin:practices_practice_changelist")
        context.update(
            name=name,
            plan=import_plan,
            created=import_plan.count("create"),
            changed=import_plan.count("change"),
            skipped=import_plan.count("skip"),
            payload=signing.dumps({"name": name, "rows": rows}, salt=IMPORT_SALT, compress=True),
        )
        return TemplateResponse(request, "admin/practices/practice/import.html", context)

    @admin.display(description="Last reviewed")
    def last_review(self, practice):
        if practice.last_reviewed is None:
            return "Never"
        who = f" by {practice.reviewed_by.get_username()}" if practice.reviewed_by else ""
        return f"{practice.last_reviewed:%d %B %Y}{who}"

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("reviewed"):
            obj.last_reviewed, obj.reviewed_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark the selected practices as reviewed now")
    def mark_as_reviewed(self, request, queryset):
        count = 0
        for practice in queryset:
            mark_reviewed(practice, request.user)
            self.log_change(request, practice, "Marked as reviewed.")
            count += 1
        self.message_user(request, f"{count} practice{'s' if count != 1 else ''} marked as reviewed.", messages.SUCCESS)

    @admin.action(description="Export the selected practices as CSV")
    def export_csv(self, request, queryset):
        return csv_response(
            queryset.order_by("title", "pk"), PRACTICE_LIST.export_columns(request), "practices-selection"
        )


@admin.register(BrokenLink)
class BrokenLinkAdmin(admin.ModelAdmin):
    """The reference links whose address did not answer well at the last check, practice by practice."""

    list_display = ["practice_link", "label", "url", "outcome", "checked"]
    list_filter = ["practice__status"]
    search_fields = ["practice__title", "label", "url"]
    ordering = ["practice__title", "practice_id", "position", "id"]
    list_select_related = ["practice"]

    def get_queryset(self, request):
        checks = LinkCheck.objects.filter(url=OuterRef("url"))
        return (
            super()
            .get_queryset(request)
            .filter(Exists(checks.broken()))
            .annotate(
                check_status=Subquery(checks.values("status")[:1]),
                check_problem=Subquery(checks.values("problem")[:1]),
                check_date=Subquery(checks.values("checked")[:1]),
            )
        )

    @admin.display(description="Practice", ordering="practice__title")
    def practice_link(self, link):
        url = reverse("admin:practices_practice_change", args=[link.practice_id])
        return format_html('<a href="{}">{}</a>', url, link.practice.title)

    @admin.display(description="Last check found")
    def outcome(self, link):
        return link.check_status or link.check_problem or "no answer"

    @admin.display(description="Checked", ordering="check_date")
    def checked(self, link):
        return link.check_date

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
