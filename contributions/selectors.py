"""Reads for the contributor's pages and the editors' review page, each in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from contributions.changes import changes_between, snapshot
from contributions.models import ReviewComment, State, Submission, Transition


def submissions_of(user):
    """The contributor's submissions, latest first, with how many comments await their answer."""
    awaiting = Q(comments__shared_by__isnull=False, comments__answer="", state=State.CHANGES_REQUESTED)
    return (
        Submission.objects.of(user)
        .select_related("country")
        .annotate(awaiting_answers=Count("comments", filter=awaiting))
        .order_by("-updated", "-pk")
    )


def own_submission(user, pk):
    """One of `user`'s submissions, with what its pages show; a 404 for anyone else's."""
    queryset = (
        Submission.objects.of(user)
        .select_related("theme", "country")
        .prefetch_related(
            "areas",
            "types",
            Prefetch("transitions", queryset=Transition.objects.select_related("by", "version")),
            Prefetch(
                "comments",
                queryset=ReviewComment.objects.filter(shared_by__isnull=False).select_related("shared_by"),
                to_attr="shared_comments",
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def latest_request_for_changes(submission):
    """The transition that returned the submission to its contributor, while it is theirs to change again."""
    if submission.state != State.CHANGES_REQUESTED:
        return None
    return max((t for t in submission.transitions.all() if t.to_state == State.CHANGES_REQUESTED), key=lambda t: t.at)


def comments_to_answer(submission):
    """The comments of the latest request for changes, while the contributor may still answer them."""
    latest = latest_request_for_changes(submission)
    if latest is None:
        return []
    return [comment for comment in submission.shared_comments if comment.shared_by_id == latest.pk]


def comments_by_field(comments):
    """{field name or "": [comments]} in the order they were written."""
    grouped = {}
    for comment in comments:
        grouped.setdefault(comment.field, []).append(comment)
    return grouped


def shown_fields(submission, values=None):
    """[(name, label, value)] of the template's fields as readers see them (the submission's, or a version's)."""
    values = snapshot(submission) if values is None else values
    return [(name, Submission.field_label(name), values.get(name, "")) for name in Submission.TEMPLATE_FIELDS]


def for_review(pk):
    """What an editor's review page shows of one submission, or None."""
    submission = (
        Submission.objects.select_related("contributor", "theme", "country", "practice")
        .prefetch_related(
            "areas",
            "types",
            "versions",
            Prefetch("transitions", queryset=Transition.objects.select_related("by", "version")),
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author", "version")),
        )
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        return None
    versions = list(submission.versions.all())
    comments = list(submission.comments.all())
    # What changed since the editors last asked for changes: the version they read then, against the latest.
    asked = [t for t in submission.transitions.all() if t.to_state == State.CHANGES_REQUESTED and t.version_id]
    changes = {}
    compared_with = None
    if asked and versions and versions[-1].pk != asked[-1].version_id:
        compared_with = next(version for version in versions if version.pk == asked[-1].version_id)
        changes = changes_between(compared_with.fields, versions[-1].fields)
    return {
        "submission": submission,
        # What was sent last (the contributor may be changing their copy meanwhile); a draft's own fields.
        "fields": shown_fields(submission, versions[-1].fields if versions else None),
        "versions": versions,
        "compared_with": compared_with,
        "changes": changes,
        "comments": comments_by_field(comments),
        "pending_comments": [comment for comment in comments if comment.shared_by_id is None],
        "transitions": list(submission.transitions.all()),
    }
