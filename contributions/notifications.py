"""The e-mails contributions send: sign-in links, invitations, and each transition to those concerned.

The contributor hears of every change of state of their submission. Editors
hear of a submission sent to them: the editors who already acted on it, or,
the first time, every active editor. Each recipient gets a message of their
own (no one sees another's address). A template's first line is the subject.

A mail server that fails is logged, never shown as an error: the transition
is recorded whatever becomes of its e-mails.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from contributions.models import State, Submission
from editorial.editors import EDITORS_GROUP

logger = logging.getLogger(__name__)


def message(template, recipient, context):
    subject, _, body = render_to_string(f"contributions/email/{template}.txt", context).partition("\n")
    return EmailMessage(" ".join(subject.split()), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, [recipient])


def send(messages):
    """Send `messages` on one connection; False (and a log line) when the mail server fails."""
    try:
        get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %d e-mail(s): %s", len(messages), [m.subject for m in messages])
        return False
    return True


def sign_in_link(user, link, minutes):
    return send([message("sign_in_link", user.email, {"user": user, "link": link, "minutes": minutes})])


def invitation(user, link, days, invited_by):
    context = {"user": user, "link": link, "days": days, "invited_by": invited_by}
    return send([message("invitation", user.email, context)])


def editors_concerned(submission):
    """Editors who acted on the submission already, else every active editor; those with an address."""
    acted = User.objects.filter(pk__in=submission.transitions.exclude(by=submission.contributor_id).values("by"))
    editors = acted if acted.exists() else User.objects.filter(groups__name=EDITORS_GROUP)
    return list(editors.filter(is_active=True).exclude(email="").order_by("pk"))


def transition_made(record, base_url):
    """E-mail a recorded transition: to the contributor always, to the editors concerned when it was sent to them."""
    submission = Submission.objects.select_related("contributor", "practice", "country").get(pk=record.submission_id)
    context = {
        "submission": submission,
        "transition": record,
        "again": record.to_state == State.SUBMITTED and record.from_state == State.CHANGES_REQUESTED,
        "comments": list(record.comments.order_by("created", "pk")),
        "link": base_url + submission.get_absolute_url(),
        "edit_link": base_url + reverse("contributions:edit", args=[submission.pk]),
        "practice_link": base_url + submission.practice.get_absolute_url() if submission.practice else "",
    }
    messages = []
    if submission.contributor.email:
        messages.append(message(f"to_contributor_{record.to_state}", submission.contributor.email, context))
    if record.to_state == State.SUBMITTED:
        review_link = base_url + reverse("admin:contributions_submission_change", args=[submission.pk])
        for editor in editors_concerned(submission):
            messages.append(message("to_editors_submitted", editor.email, context | {"review_link": review_link}))
    return send(messages)
