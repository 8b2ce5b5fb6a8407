"""Every write of a submission: the contributor's saves and sends, the editors' comments and decisions.

A change of state is a Transition, allowed by TRANSITIONS (who may make it,
from which states), made under a lock of the submission's row so that two
people acting at once cannot both move it, and e-mailed to those concerned
(contributions.notifications) once it is committed. Accepting writes the
practice through practices.services.save_practice, as one revision by the
accepting editor.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from contributions import notifications
from contributions.changes import snapshot
from contributions.models import ReviewComment, State, Submission, SubmissionVersion, Transition
from editorial.models import PublicationStatus
from editorial.revisions import set_links
from editorial.translation import column
from practices.models import Practice
from practices.services import new_slug, save_practice

CONTRIBUTOR, EDITOR = "contributor", "editor"
REVIEW_PERMISSION = "contributions.change_submission"
ADD_PRACTICE_PERMISSION = "practices.add_practice"
PUBLISH_PERMISSION = "practices.publish_practice"

# The state a transition leads to: who makes it, and the states it starts from.
TRANSITIONS = {
    State.SUBMITTED: (CONTRIBUTOR, {State.DRAFT, State.CHANGES_REQUESTED}),
    State.IN_REVIEW: (EDITOR, {State.SUBMITTED}),
    State.CHANGES_REQUESTED: (EDITOR, {State.IN_REVIEW}),
    State.ACCEPTED: (EDITOR, {State.IN_REVIEW}),
    State.DECLINED: (EDITOR, {State.SUBMITTED, State.IN_REVIEW}),
}


# Decisions show the contributor the editors' comments written until then.
SHARING_STATES = {State.CHANGES_REQUESTED, State.ACCEPTED, State.DECLINED}


class StateConflict(Exception):
    """The submission is no longer in a state this action starts from (someone else acted first)."""


def may_review(user):
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def _locked(submission):
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _check(locked, to_state, user):
    who, from_states = TRANSITIONS[to_state]
    if who == CONTRIBUTOR and locked.contributor_id != user.pk:
        raise PermissionDenied("Only its contributor sends a submission for review.")
    if who == EDITOR and not may_review(user):
        raise PermissionDenied("Only editors review submissions.")
    if locked.state not in from_states:
        raise StateConflict(
            gettext("This submission is %(state)s now, so it cannot be %(to_state)s.")
            % {"state": locked.get_state_display().lower(), "to_state": str(State(to_state).label).lower()}
        )


def _move(submission, to_state, user, comment="", base_url=""):
    """Record the transition of a locked, checked submission; share pending comments; e-mail after commit."""
    locked = _locked(submission)
    _check(locked, to_state, user)
    version = locked.versions.order_by("-number").first()
    if to_state == State.SUBMITTED:
        number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = SubmissionVersion.objects.create(submission=locked, number=number, fields=snapshot(locked))
    record = Transition.objects.create(
        submission=locked, from_state=locked.state, to_state=to_state, by=user, comment=comment.strip(), version=version
    )
    if to_state in SHARING_STATES:
        ReviewComment.objects.filter(submission=locked, shared_by=None).update(shared_by=record)
    locked.state, locked.state_changed = to_state, record.at
    locked.save(update_fields=["state", "state_changed", "updated"])
    submission.state, submission.state_changed = locked.state, locked.state_changed
    transaction.on_commit(lambda: notifications.transition_made(record, base_url))
    return record


# The contributor ------------------------------------------------------------------------------


def save_draft(submission, values, *, user, areas=None, types=None, references=None, answers=()):
    """Write what the contributor typed into a new submission or one they may still change; nothing is sent.

    `values` are template fields by name (those given are written); `references`
    (label, url) pairs; `answers` (comment, text) pairs for comments shared with them.
    """
    with transaction.atomic():
        if submission.pk is None:
            submission.contributor = user
        else:
            locked = _locked(submission)
            if locked.contributor_id != user.pk:
                raise PermissionDenied("Only its contributor changes a submission.")
            if not locked.is_editable:
                state = locked.get_state_display().lower()
                raise StateConflict(
                    gettext("This submission is %(state)s now: it is with the editors.") % {"state": state}
                )
            # Only the template is the contributor's to write; its state stays as the lock found it.
            submission.state, submission.state_changed = locked.state, locked.state_changed
        for name, value in values.items():
            setattr(submission, name, value)
        if references is not None:
            submission.references = [{"label": label, "url": url} for label, url in references]
        submission.save()
        set_links(submission, areas=areas, types=types)
        for comment, text in answers:
            if comment.submission_id != submission.pk or comment.shared_by_id is None:
                raise PermissionDenied("Only comments shared on this submission are answered.")
            comment.answer = text.strip()
            comment.answered = timezone.now() if comment.answer else None
            comment.save(update_fields=["answer", "answered"])
    return submission


def send_for_review(submission, user, base_url=""):
    """The contributor sends their submission (again): its fields are kept as a new version."""
    with transaction.atomic():
        return _move(submission, State.SUBMITTED, user, base_url=base_url)


# The editors ----------------------------------------------------------------------------------


def add_comments(submission, editor, comments):
    """Note an editor's comments, (field or "", text) pairs; the contributor sees them at the next decision."""
    if not may_review(editor):
        raise PermissionDenied("Only editors comment on submissions.")
    version = submission.versions.order_by("-number").first()
    return ReviewComment.objects.bulk_create(
        ReviewComment(submission=submission, field=name, text=text.strip(), author=editor, version=version)
        for name, text in comments
        if text.strip()
    )


def start_review(submission, editor, comment="", base_url=""):
    with transaction.atomic():
        return _move(submission, State.IN_REVIEW, editor, comment, base_url)


def request_changes(submission, editor, comment="", base_url=""):
    """Return the submission to its contributor with every comment not yet shared."""
    with transaction.atomic():
        return _move(submission, State.CHANGES_REQUESTED, editor, comment, base_url)


def decline(submission, editor, comment, base_url=""):
    with transaction.atomic():
        return _move(submission, State.DECLINED, editor, comment, base_url)


# The submission's texts a reader reads, in the language the contributor wrote them in.
CONTRIBUTED_TEXTS = ("title", "duration_text", "purpose", "rationale", "process", "impact", "further_information")


def accept(submission, editor, status, comment="", base_url=""):
    """Make the submission a practice (published, or a draft for an editor to finish), as one revision by `editor`."""
    if status not in (PublicationStatus.PUBLISHED, PublicationStatus.DRAFT):
        raise ValueError(f"An accepted practice is published or a draft, not {status!r}.")
    if not editor.has_perm(ADD_PRACTICE_PERMISSION):
        raise PermissionDenied("Only editors who may add practices accept a submission.")
    if status == PublicationStatus.PUBLISHED and not editor.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only editors who may publish practices accept one as published.")
    with transaction.atomic():
        record = _move(submission, State.ACCEPTED, editor, comment, base_url)
        source = Submission.objects.prefetch_related("areas", "types").get(pk=submission.pk)
        # The texts go to the columns of the language they were written in (editorial/translation.py).
        written = {column(name, source.language): getattr(source, name) for name in CONTRIBUTED_TEXTS}
        practice = Practice(
            slug=new_slug(source.place, source.title),
            theme=source.theme,
            country=source.country,
            place=source.place,
            level=source.level,
            type_text=source.type_other,
            area_text=source.area_other,
            start=source.start,
            end=source.end,
            ongoing=source.ongoing,
            **written,
            status=status,
            contributed_by=source.contact_organisation,
            # Accepting is a review of the whole practice: the page's "last reviewed".
            last_reviewed=timezone.now(),
            reviewed_by=editor,
        )
        save_practice(
            practice,
            types=list(source.types.all()),
            areas=list(source.areas.all()),
            references=[(reference.get("label", ""), reference.get("url", "")) for reference in source.references],
            user=editor,
            comment=f"Accepted from contribution {source.pk} ({source.contact_organisation}).",
        )
        Submission.objects.filter(pk=source.pk).update(practice=practice)
        submission.practice = practice
    return record
