"""The contributor's pages at /contribute/: signing in by an e-mailed link, their submissions, the template's form.

Everything works without JavaScript. A contributor sees only their own
submissions (anyone else's is a 404). Nothing typed is lost: a draft is saved
whatever is missing, and a form that cannot be taken comes back filled in,
with the reason beside each field and a 4xx status.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from clients.addresses import client_address
from clients.limits import Rate, in_words, wait_before
from contributions import accounts, links, services
from contributions.forms import (
    CONTACT_SECTION,
    SECTIONS,
    AnswersForm,
    SignInForm,
    SubmissionForm,
    honeypot_filled,
    reference_formset,
)
from contributions.models import Submission
from contributions.selectors import (
    comments_by_field,
    comments_to_answer,
    latest_request_for_changes,
    own_submission,
    shown_fields,
    submissions_of,
)

HONEYPOT_MESSAGE = gettext_lazy(
    "The form was sent with the field “Leave this empty” filled in, so it was not taken. "
    "People never see that field; if you did, empty it and send the form again."
)
FORM_PAGE = "contributions/form.html"


def base_url(request):
    """This site's address as the request reached it (its host checked by ALLOWED_HOSTS), for links in e-mails."""
    return request.build_absolute_uri("/").rstrip("/")


def contributor_required(view):
    """Signed-in contributors only: others are sent to sign in; accounts that are not contributors' get a 403."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('contributions:sign_in')}?{query}")
        if not accounts.is_contributor(request.user):
            return render(request, "contributions/not_a_contributor.html", status=403)
        return view(request, *args, **kwargs)

    return checked


def refused(request, template, context, status, retry_after=None):
    response = render(request, template, context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


# Signing in -----------------------------------------------------------------------------------


@require_safe
def landing(request):
    contributor = accounts.is_contributor(request.user)
    return render(request, "contributions/landing.html", {"contributor": contributor})


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    if request.method != "POST":
        form = SignInForm(initial={"next": request.GET.get("next", "")[:300]})
        return render(request, "contributions/sign_in.html", {"form": form})
    form = SignInForm(request.POST)
    if honeypot_filled(request.POST):
        return refused(request, "contributions/sign_in.html", {"form": form, "problem": HONEYPOT_MESSAGE}, 400)
    if not form.is_valid():
        return render(request, "contributions/sign_in.html", {"form": form}, status=400)
    wait = wait_before(sign_in_links(), client_address(request))
    if wait:
        problem = gettext(
            "Too many sign-in links were asked for from your address in the last hour. "
            "Wait %(wait)s, then ask again; a link sent earlier still works until it expires."
        ) % {"wait": in_words(wait)}
        return refused(request, "contributions/sign_in.html", {"form": form, "problem": problem}, 429, wait)
    next_path = form.cleaned_data["next"]
    accounts.send_sign_in_link(
        form.cleaned_data["email"], base_url(request), links.safe_next(next_path) if next_path else ""
    )
    return redirect("contributions:link_sent")


@require_safe
def link_sent(request):
    return render(request, "contributions/link_sent.html", {"minutes": links.link_minutes()})


@require_http_methods(["GET", "HEAD", "POST"])
def follow_link(request, invitation=False):
    """GET shows a button (a mail scanner opening the link uses nothing up); pressing it signs in."""
    data = request.POST if request.method == "POST" else request.GET
    token = links.token_in(data)
    next_path = links.safe_next(data.get("next", ""))
    user = links.account_for_token(request, token, invitation=invitation)
    if user is None:
        context = {"invitation": invitation, "invitation_days": settings.CONTRIBUTOR_INVITATION_DAYS}
        return render(request, "contributions/link_invalid.html", context, status=403)
    if request.method != "POST":
        context = {"account": user, "token": token, "next": next_path, "invitation": invitation}
        return render(request, "contributions/link.html", context)
    login(request, user, backend=links.SESSION_BACKEND)  # its last sign-in changes: the link is used up
    accounts.admit(user)
    messages.success(request, gettext("You are signed in as %(email)s.") % {"email": user.email})
    return redirect(next_path)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        return redirect("contributions:landing")
    return render(request, "contributions/sign_out.html")


# The contributor's submissions ----------------------------------------------------------------


@contributor_required
@require_safe
def mine(request):
    return render(request, "contributions/mine.html", {"submissions": list(submissions_of(request.user))})


@contributor_required
@require_safe
def submission_detail(request, pk):
    submission = own_submission(request.user, pk)
    context = {
        "submission": submission,
        "fields": shown_fields(submission),
        "comments": comments_by_field(submission.shared_comments),
        "transitions": list(submission.transitions.all()),
    }
    return render(request, "contributions/detail.html", context)


@contributor_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_submission(request):
    return edit_page(request, Submission(contributor=request.user))


@contributor_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_submission(request, pk):
    submission = own_submission(request.user, pk)
    if request.method != "POST" and not submission.is_editable:
        state = submission.get_state_display().lower()
        message = gettext("This submission is %(state)s: it can be changed only when an editor returns it to you.")
        messages.info(request, message % {"state": state})
        return redirect(submission)
    return edit_page(request, submission)


def edit_page(request, submission):
    """The template's form: save a draft (always) or send it for review (when complete)."""
    to_answer = comments_to_answer(submission) if submission.pk else []
    if request.method != "POST":
        form = SubmissionForm(instance=submission)
        return form_page(request, submission, form, reference_formset(submission), AnswersForm(to_answer))

    sending = request.POST.get("action") == "send"
    form = SubmissionForm(request.POST, instance=submission, sending=sending)
    references = reference_formset(submission, request.POST, sending=sending)
    answers = AnswersForm(to_answer, request.POST)

    def again(status, problem, wait=None):
        return form_page(request, submission, form, references, answers, status=status, problem=problem, wait=wait)

    if honeypot_filled(request.POST):
        return again(400, HONEYPOT_MESSAGE)
    new = submission.pk is None
    if new:
        wait = wait_before(contributions(), client_address(request))
        if wait:
            unsaved = gettext("Nothing was saved yet: keep this page open, or copy your text.")
            return again(429, f"{limit_message(wait)} {unsaved}", wait)
    valid = all([form.is_valid(), references.is_valid(), answers.is_valid()])
    try:
        submission = services.save_draft(
            submission, form.draft_values, user=request.user, areas=form.draft_areas, types=form.draft_types,
            references=references.rows(), answers=answers.answers(),
        )  # fmt: skip
    except services.StateConflict as conflict:
        return again(409, f"{conflict} {gettext('Nothing was saved; what you typed is below.')}")
    if not valid:
        if sending:
            return again(
                400, gettext("Your draft is saved, but it cannot be sent for review yet: see the fields marked below.")
            )
        return again(
            400, gettext("Your draft is saved, except the fields marked below, which could not be read as typed.")
        )
    if not sending:
        messages.success(request, gettext("Your draft is saved. Come back to it whenever you like."))
        return redirect("contributions:edit", submission.pk)
    if not new:
        wait = wait_before(contributions(), client_address(request))
        if wait:
            return again(429, f"{limit_message(wait)} {gettext('Your changes are saved as a draft.')}", wait)
    try:
        services.send_for_review(submission, request.user, base_url(request))
    except services.StateConflict as conflict:
        return again(409, f"{conflict} {gettext('Your changes are saved as a draft.')}")
    messages.success(request, gettext("Sent for review. The editors will write to you; you can follow it here."))
    return redirect(submission)


def sign_in_links():
    return Rate("sign-in-links", settings.SIGN_IN_LINKS_PER_HOUR, 3600)


def contributions():
    return Rate("contributions", settings.CONTRIBUTIONS_PER_HOUR, 3600)


def limit_message(wait):
    return gettext(
        "Too many submissions were started or sent from your address in the last hour. Wait %(wait)s, then try again."
    ) % {"wait": in_words(wait)}


def form_page(request, submission, form, references, answers, status=200, problem=None, wait=None):
    """The form, each field with the editors' comments on it and a box to answer each."""
    by_field = {}
    for comment in answers.comments:
        by_field.setdefault(comment.field, []).append((comment, answers.bound_for(comment)))

    def section(heading, names):
        return heading, [(form[name], by_field.get(name, [])) for name in names]

    context = {
        "submission": submission,
        "form": form,
        "sections": [section(heading, names) for heading, names in SECTIONS],
        "contact": section(*CONTACT_SECTION),
        "consent": section(gettext("Consent"), ["consent"]),
        "references": references,
        "reference_comments": by_field.get("references", []),
        "general_comments": by_field.get("", []),
        "request": latest_request_for_changes(submission) if submission.pk else None,
        "problem": problem,
    }
    response = render(request, FORM_PAGE, context, status=status)
    if wait:
        response["Retry-After"] = str(wait)
    return response
