"""The editors' side of contributions: the queue (by state, country and age), the review page, invitations.

A submission's fields stay the contributor's: editors comment on them and
decide, and an accepted submission becomes a practice they edit like any other.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.timesince import timesince

from contributions import accounts, services
from contributions.forms import REVIEW_ACTIONS, ReviewForm
from contributions.models import Contributor, Submission
from contributions.selectors import for_review
from editorial.models import PublicationStatus


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


class WaitingFilter(admin.SimpleListFilter):
    """How long a submission has been in its state: the queue's age."""

    title = "in its state for"
    parameter_name = "waiting"
    BANDS = {
        "week": ("less than a week", 0, 7),
        "month": ("one to four weeks", 7, 28),
        "older": ("more than four weeks", 28, None),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.BANDS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in self.BANDS:
            raise IncorrectLookupParameters(f"{value!r} is not an age of the filter.")
        _, at_least, under = self.BANDS[value]
        now = timezone.now()
        queryset = queryset.filter(state_changed__lte=now - datetime.timedelta(days=at_least))
        if under is not None:
            queryset = queryset.filter(state_changed__gt=now - datetime.timedelta(days=under))
        return queryset


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title_or_untitled", "contact_organisation", "country", "state", "waiting"]
    list_filter = ["state", ("country", admin.RelatedOnlyFieldListFilter), WaitingFilter]
    list_select_related = ["country"]
    search_fields = ["title", "contact_organisation", "contributor__email"]
    ordering = ["state_changed", "pk"]  # the longest waiting first

    @admin.display(description="Title", ordering="title")
    def title_or_untitled(self, submission):
        return str(submission)

    @admin.display(description="In its state for", ordering="state_changed")
    def waiting(self, submission):
        return timesince(submission.state_changed)

    def has_add_permission(self, request):
        return False  # contributors write submissions

    def has_delete_permission(self, request, obj=None):
        return False  # nothing a contributor saved is lost

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the fields as sent (what changed since the last comments marked), comments, decision."""
        review = for_review(int(object_id)) if str(object_id).isdigit() and len(str(object_id)) < 19 else None
        if review is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, str(object_id))
        submission = review["submission"]
        if not self.has_view_or_change_permission(request, submission):
            raise PermissionDenied
        may_change = self.has_change_permission(request, submission)
        options = {
            "may_publish": request.user.has_perm(services.PUBLISH_PERMISSION),
            "has_pending_comments": bool(review["pending_comments"]),
        }
        status = 200
        if request.method == "POST":
            if not may_change:
                raise PermissionDenied
            form = ReviewForm(submission, request.POST, **options)
            if form.is_valid():
                try:
                    done = self.decide(request, submission, form)
                except services.StateConflict as conflict:
                    form.add_error(None, f"{conflict} Nothing was saved; your comments are below.")
                    status = 409
                else:
                    self.log_change(request, submission, done)
                    self.message_user(request, done, messages.SUCCESS)
                    return redirect(request.path)
            else:
                stale = "action" in form.errors and request.POST.get("action") in REVIEW_ACTIONS
                status = 409 if stale else 400  # decided by someone else meanwhile
        else:
            form = ReviewForm(submission, **options)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review “{submission}”",
            "submission": submission,
            "original": submission,
            "review": review,
            "form": form,
            "rows": self.rows(review, form),
            "general_comments": review["comments"].get("", []),
            # The comment boxes: while a decision can be taken, or to give back what was typed.
            "may_change": may_change and (bool(form.actions) or form.is_bound),
        }
        return TemplateResponse(request, "admin/contributions/submission/review.html", context, status=status)

    @staticmethod
    def rows(review, form):
        values = {name: value for name, _, value in review["fields"]}
        return [
            {
                "name": name,
                "label": label,
                "value": values[name],
                "change": review["changes"].get(name),
                "comments": review["comments"].get(name, []),
                "comment_field": form.comment_field(name),
            }
            for name, label, _ in review["fields"]
        ]

    def decide(self, request, submission, form):
        """Save the comments written and carry out the decision, together; what was done, in words."""
        action, note = form.cleaned_data["action"], form.cleaned_data["note"]
        comments = form.comments()
        editor, url = request.user, base_url(request)
        with transaction.atomic():
            services.add_comments(submission, editor, comments)
            if action == "comment":
                return f"{len(comments)} comment(s) saved. The contributor sees them with your next decision."
            if action == "start_review":
                services.start_review(submission, editor, note, url)
                return "You are reviewing this submission; the contributor is told."
            if action == "request_changes":
                services.request_changes(submission, editor, note, url)
                return "Changes requested: the contributor is told, with your comments."
            if action == "decline":
                services.decline(submission, editor, note, url)
                return "Declined: the contributor is told why."
            published = action == "accept_published"
            status = PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
            services.accept(submission, editor, status, note, url)
            state = "published" if published else "a draft practice, for an editor to publish"
            return f"Accepted: “{submission.practice}” is {state}. The contributor is told."


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Contributor
        fields = ["email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The invitation goes here, with a link that signs them in."

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account has this address already: its owner asks for a sign-in link at /contribute/sign-in/."
            )
        return email


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    """Contributors' accounts, seen by editors; adding one invites them."""

    form = InvitationForm
    list_display = ["email", "full_name", "date_joined", "last_login", "submission_count"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]

    @admin.display(description="Name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description="Submissions", ordering="submission_count")
    def submission_count(self, user):
        return user.submission_count

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(submission_count=Count("submissions"))

    def get_fields(self, request, obj=None):
        invitation = ["email", "first_name", "last_name"]
        return invitation if obj is None else [*invitation, "date_joined", "last_login"]

    def has_change_permission(self, request, obj=None):
        return False  # accounts are the administrators' (auth); editors invite and look

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        accounts.invite(obj, request.user, base_url(request))
        self.message_user(request, f"Invitation sent to {obj.email}.", messages.SUCCESS)
