"""Editors review submissions in the admin: a queue, comments on fields, decisions recorded and e-mailed."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from contributions import services
from contributions.models import ReviewComment, State, Submission, Transition
from editorial.models import PublicationStatus
from practices.models import Practice
from tests.contributions import builders as build

pytestmark = pytest.mark.django_db

QUEUE = "/admin/contributions/submission/"


def review_url(submission):
    return f"{QUEUE}{submission.pk}/change/"


def decide(client, submission, capture, action, note="", **comments):
    data = {"action": action, "note": note, **{f"comment_{name}": text for name, text in comments.items()}}
    with capture(execute=True):
        return client.post(review_url(submission), data)


def test_the_queue_filters_by_state_country_and_age(editor_client, contributor):
    waiting = build.sent(contributor, title="Waiting long")
    Submission.objects.filter(pk=waiting.pk).update(state_changed=timezone.now() - datetime.timedelta(days=40))
    build.sent(contributor, title="Just sent", country=build.make.country("IT", "Italy"))
    build.submission(contributor, title="Still a draft")

    def titles(query=""):
        response = editor_client.get(f"{QUEUE}?{query}")
        assert response.status_code == 200, query
        return [str(submission) for submission in response.context["cl"].result_list]

    assert titles() == ["Waiting long", "Just sent", "Still a draft"]  # the longest waiting first
    assert titles("state__exact=submitted") == ["Waiting long", "Just sent"]
    assert titles("country__code__exact=IT") == ["Just sent"]
    assert titles("waiting=older") == ["Waiting long"]
    assert titles("waiting=week&state__exact=submitted") == ["Just sent"]
    refused = editor_client.get(f"{QUEUE}?waiting=forever")
    assert refused.status_code == 302 and refused["Location"].endswith("?e=1")  # the admin's "wrong filter"


def test_the_review_page_shows_what_was_sent(editor_client, contributor):
    submission = build.sent(contributor)
    body = editor_client.get(review_url(submission)).content.decode()
    for text in ["Neighbourhood welcome circles", "300 newcomers took part.", "Education", "September 2019",
                 "https://bilbao.example/report.pdf", "miren@bilbao.example", "Start the review", "Decline"]:  # fmt: skip
        assert text in body, text
    assert "Request changes" not in body  # not before the review starts


def test_request_changes_with_a_comment_on_one_field_then_the_contributor_answers_and_resends(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.sent(contributor)
    mail.outbox.clear()
    started = decide(editor_client, submission, django_capture_on_commit_callbacks, "start_review")
    assert started.status_code == 302
    [in_review] = mail.outbox
    assert in_review.to == ["contributor@example.org"]
    assert in_review.subject == "An editor is reviewing “Neighbourhood welcome circles”"

    mail.outbox.clear()
    returned = decide(
        editor_client, submission, django_capture_on_commit_callbacks, "request_changes",
        note="Nearly there.", impact="Give the figures by year, please.",
    )  # fmt: skip
    assert returned.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.CHANGES_REQUESTED
    record = submission.transitions.get(to_state=State.CHANGES_REQUESTED)
    assert (record.by, record.from_state, record.comment, record.version.number) == (
        editor, State.IN_REVIEW, "Nearly there.", 1,
    )  # fmt: skip
    [comment] = ReviewComment.objects.all()
    assert (comment.field, comment.shared_by, comment.author) == ("impact", record, editor)
    [changes] = mail.outbox
    assert changes.to == ["contributor@example.org"]
    assert changes.subject == "Changes requested for “Neighbourhood welcome circles”"
    assert "On “impact and outcomes”:\nGive the figures by year, please." in changes.body
    assert f"http://testserver/contribute/{submission.pk}/edit/" in changes.body

    # The contributor sees the comment beside the field, answers and resends.
    client = Client()
    client.force_login(contributor)
    page = client.get(f"/contribute/{submission.pk}/edit/").content.decode()
    assert "Nearly there." in page  # the note with the decision
    impact_at, comment_at = page.index('id="id_impact"'), page.index("Give the figures by year, please.")
    assert impact_at < comment_at < page.index('id="id_further_information"')
    assert f'name="answer-{comment.pk}"' in page
    mail.outbox.clear()
    data = build.form_data(impact="2020: 120 newcomers. 2021: 180.", **{f"answer-{comment.pk}": "Done, by year."})
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(f"/contribute/{submission.pk}/edit/", data)
    assert resent.status_code == 302
    submission.refresh_from_db()
    comment.refresh_from_db()
    assert submission.state == State.SUBMITTED
    assert comment.answer == "Done, by year." and comment.answered is not None
    assert [version.number for version in submission.versions.all()] == [1, 2]
    assert submission.versions.get(number=1).fields["impact"] == "300 newcomers took part."  # never lost
    receipt, notice = mail.outbox
    assert receipt.subject == "We received your changes to “Neighbourhood welcome circles”"
    assert notice.to == ["editor@example.org"]  # the editor who reviewed it
    assert notice.subject == "Changes to review: “Neighbourhood welcome circles” (Spain)"

    # The editor sees what changed since their comments, and the answer.
    review = editor_client.get(review_url(submission))
    assert list(review.context["review"]["changes"]) == ["impact"]
    body = review.content.decode()
    assert "<del>300 newcomers took part.</del><ins>2020: 120 newcomers. 2021: 180.</ins>" in body
    assert "Done, by year." in body


def test_accepting_publishes_the_practice_as_one_revision_by_the_editor(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.in_review(contributor, editor, title="Welcome circles for zeitgeist newcomers")
    mail.outbox.clear()
    response = decide(
        editor_client, submission, django_capture_on_commit_callbacks, "accept_published", note="Thank you!"
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    practice = submission.practice
    assert submission.state == State.ACCEPTED
    assert (practice.status, practice.title, practice.slug) == (
        PublicationStatus.PUBLISHED, "Welcome circles for zeitgeist newcomers", "bilbao-welcome-circles-for-zeitgeist-newcomers",
    )  # fmt: skip
    assert (practice.country.code, practice.place, practice.level, practice.contributed_by) == (
        "ES", "Bilbao", "local", "Bilbao City Council",
    )  # fmt: skip
    assert [term.name for term in practice.areas.all()] == ["Education"]
    assert [term.name for term in practice.types.all()] == ["Project"]
    assert [(ref.label, ref.url) for ref in practice.references.all()] == [
        ("Annual report", "https://bilbao.example/report.pdf")
    ]
    [version] = Version.objects.get_for_object(practice)
    assert version.revision.user == editor
    assert version.revision.comment == f"Accepted from contribution {submission.pk} (Bilbao City Council)."
    [accepted] = mail.outbox
    assert accepted.subject == "“Welcome circles for zeitgeist newcomers” is accepted"
    assert f"http://testserver/practices/{practice.slug}/" in accepted.body

    reader = Client()
    found = reader.get("/practices/", {"q": "zeitgeist"})
    assert [result.item.pk for result in found.context["results"]] == [practice.pk]
    page = reader.get(practice.get_absolute_url()).content.decode()
    month = timezone.localtime(submission.transitions.get(to_state=State.ACCEPTED).at).strftime("%B %Y")
    assert f"Contributed by Bilbao City Council; last reviewed {month}" in page


def test_accepting_as_a_draft_leaves_the_practice_for_an_editor(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.in_review(contributor, editor)
    decide(editor_client, submission, django_capture_on_commit_callbacks, "accept_draft")
    practice = Practice.objects.get()
    assert practice.status == PublicationStatus.DRAFT
    assert Client().get(practice.get_absolute_url()).status_code == 404
    assert editor_client.get(practice.get_absolute_url()).status_code == 200  # editors preview it
    assert "An editor will publish it soon" in mail.outbox[-1].body


def test_declining_needs_a_reason_which_the_contributor_reads(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.sent(contributor)
    mail.outbox.clear()
    refused = decide(editor_client, submission, django_capture_on_commit_callbacks, "decline")
    assert refused.status_code == 400
    assert "Say why the submission is declined" in refused.content.decode()
    assert not Transition.objects.filter(to_state=State.DECLINED).exists()
    declined = decide(
        editor_client, submission, django_capture_on_commit_callbacks, "decline", note="A festival, not a policy."
    )
    assert declined.status_code == 302
    record = Transition.objects.get(to_state=State.DECLINED)
    assert (record.by, record.from_state, record.comment) == (editor, State.SUBMITTED, "A festival, not a policy.")
    [message] = mail.outbox
    assert message.subject == "“Neighbourhood welcome circles” was not accepted"
    assert "A festival, not a policy." in message.body


def test_a_stale_decision_is_refused_and_records_nothing(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.in_review(contributor, editor)
    services.decline(submission, editor, "Duplicate.")
    response = decide(
        editor_client,
        submission,
        django_capture_on_commit_callbacks,
        "accept_published",
        impact="Typed on the old page.",
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "This submission cannot take that decision now." in body
    assert "Typed on the old page." in body
    assert not Practice.objects.exists() and not ReviewComment.objects.exists()


def test_comments_wait_for_a_decision_before_the_contributor_sees_them(
    editor_client, contributor, editor, django_capture_on_commit_callbacks
):
    submission = build.in_review(contributor, editor)
    refused = decide(
        editor_client,
        submission,
        django_capture_on_commit_callbacks,
        "comment",
        note="For later.",
        title="Shorter title?",
    )
    assert refused.status_code == 400
    assert "A note goes with a decision" in refused.content.decode() and "For later." in refused.content.decode()
    assert not ReviewComment.objects.exists()
    saved = decide(editor_client, submission, django_capture_on_commit_callbacks, "comment", title="Shorter title?")
    assert saved.status_code == 302
    client = Client()
    client.force_login(contributor)
    assert "Shorter title?" not in client.get(f"/contribute/{submission.pk}/").content.decode()
    decide(editor_client, submission, django_capture_on_commit_callbacks, "request_changes")
    assert "Shorter title?" in client.get(f"/contribute/{submission.pk}/").content.decode()


def test_only_editors_review(client, reader, contributor, editor):
    submission = build.sent(contributor)
    client.force_login(reader)
    assert client.get(review_url(submission)).status_code == 302  # to the admin's sign-in
    assert client.post(review_url(submission), {"action": "start_review"}).status_code == 302
    with pytest.raises(PermissionDenied):
        services.start_review(submission, contributor)
    with pytest.raises(PermissionDenied):
        services.send_for_review(build.submission(contributor), editor)
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_the_service_refuses_a_transition_from_the_wrong_state(contributor, editor):
    draft = build.submission(contributor)
    with pytest.raises(services.StateConflict):
        services.accept(draft, editor, PublicationStatus.PUBLISHED)
    assert not Practice.objects.exists() and not Transition.objects.exists()


@pytest.mark.parametrize(
    ("steps", "to_state", "recipients", "subject"),
    [
        (["send"], State.SUBMITTED, ["contributor@example.org", "editor@example.org"], "We received “Circles”"),
        (["send", "start"], State.IN_REVIEW, ["contributor@example.org"], "An editor is reviewing “Circles”"),
        (["send", "start", "return"], State.CHANGES_REQUESTED, ["contributor@example.org"], "Changes requested for “Circles”"),
        (["send", "start", "return", "send"], State.SUBMITTED, ["contributor@example.org", "editor@example.org"], "We received your changes to “Circles”"),
        (["send", "start", "accept"], State.ACCEPTED, ["contributor@example.org"], "“Circles” is accepted"),
        (["send", "decline"], State.DECLINED, ["contributor@example.org"], "“Circles” was not accepted"),
    ],
)  # fmt: skip
def test_each_transition_is_recorded_and_e_mailed(
    contributor, editor, django_capture_on_commit_callbacks, steps, to_state, recipients, subject
):
    submission = build.submission(contributor, title="Circles")
    url = "http://testserver"
    actions = {
        "send": lambda: services.send_for_review(submission, contributor, url),
        "start": lambda: services.start_review(submission, editor, "Reading it.", url),
        "return": lambda: services.request_changes(submission, editor, "Figures, please.", url),
        "accept": lambda: services.accept(submission, editor, PublicationStatus.PUBLISHED, "Welcome.", url),
        "decline": lambda: services.decline(submission, editor, "Out of scope.", url),
    }
    for step in steps[:-1]:
        with django_capture_on_commit_callbacks(execute=True):
            actions[step]()
    mail.outbox.clear()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        record = actions[steps[-1]]()
    assert record.to_state == to_state and record.at >= before
    assert record.by == (contributor if steps[-1] == "send" else editor)
    assert Transition.objects.filter(submission=submission).count() == len(steps)
    assert [message.to for message in mail.outbox] == [[address] for address in recipients]
    assert mail.outbox[0].subject == subject
    assert all(message.from_email == "Intercultural Compendium <noreply@localhost>" for message in mail.outbox)


def test_a_mail_server_that_fails_does_not_undo_the_transition(
    contributor, editor, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    submission = build.submission(contributor)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_for_review(submission, contributor, "http://testserver")
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED
    assert "Could not send 2 e-mail(s)" in caplog.text


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_of_the_contributors_accounts_and_the_invitation(editor_client, django_assert_num_queries, count):
    from contributions.accounts import admit, new_account

    for number in range(count):
        admit(new_account(f"focal{number}@example.org"))
        build.sent(new_account(f"other{number}@example.org"))
    # session, account, permissions (2), then the changelist: the count, the total, the rows with their submissions
    with django_assert_num_queries(7):
        page = editor_client.get("/admin/contributions/contributor/")
    assert page.status_code == 200
    assert [user.email for user in page.context["cl"].result_list] == sorted(
        f"focal{n}@example.org" for n in range(count)
    )
    editor_client.get("/admin/contributions/contributor/add/")  # the content type, cached for the process
    with django_assert_num_queries(4):  # session, account, permissions (2)
        assert editor_client.get("/admin/contributions/contributor/add/").status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_of_the_queue_and_the_review_page(
    editor_client, contributor, editor, django_assert_num_queries, count
):
    for number in range(count):
        build.sent(contributor, title=f"Practice {number}")
    submission = build.in_review(contributor, editor)
    services.add_comments(submission, editor, [("impact", "Figures?")])
    services.request_changes(submission, editor)
    # session, account, its permissions, then the changelist: counts, rows, the country filter
    with django_assert_num_queries(8):
        assert editor_client.get(QUEUE).status_code == 200
    # session, account, the submission, its areas, types, versions, transitions, comments; the permissions (2)
    with django_assert_num_queries(10):
        assert editor_client.get(review_url(submission)).status_code == 200
