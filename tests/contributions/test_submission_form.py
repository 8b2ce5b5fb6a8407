"""A contributor writes a practice in the compendium's template: drafts keep everything, sending checks it."""

import pytest
from django.core import mail
from django.test import Client

from contributions import services
from contributions.models import State, Submission, SubmissionVersion, Transition
from tests.contributions import builders as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


def post(client, path, data, capture):
    """Post as a browser would; e-mails queued for after the commit are sent."""
    with capture(execute=True):
        return client.post(path, data)


def test_a_draft_is_saved_with_almost_everything_missing(contributor_client, contributor):
    response = contributor_client.post(
        "/contribute/new/", {"title": "Half an idea", "action": "save", **build.references_data()}
    )
    draft = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contribute/{draft.pk}/edit/"
    assert (draft.contributor, draft.state, draft.title) == (contributor, State.DRAFT, "Half an idea")
    page = contributor_client.get(response["Location"]).content.decode()
    assert "Your draft is saved. Come back to it whenever you like." in page
    assert 'value="Half an idea"' in page
    assert mail.outbox == []


def test_sending_an_incomplete_practice_keeps_all_that_was_typed(
    contributor_client, django_capture_on_commit_callbacks
):
    data = build.form_data(
        theme="", level="", purpose="Newcomers meet *their* neighbours.", contact_email="miren at bilbao",
        start="next spring", consent=None, areas=None, references=[("Report", "not a web address")],
    )  # fmt: skip
    response = post(contributor_client, "/contribute/new/", data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Your draft is saved, but it cannot be sent for review yet" in body
    for field, message in [
        ("theme", "Choose the theme the practice belongs to."),
        ("level", "Choose the level of government."),
        ("contact_email", "Enter an e-mail address such as name@example.org."),
        ("start", "Enter a month as year-month, for example 2021-03 for March 2021."),
        ("consent", "Publication needs the organisation&#x27;s consent"),
        ("areas", "Tick at least one area of intervention, or name another below."),
        ("reference-0-url", "Enter a web address such as https://example.org/report.pdf."),
    ]:
        assert f'id="id_{field}_error"' in body, field
        assert message in body, field
    assert 'aria-invalid="true"' in body
    # Everything typed is on the page again...
    for typed in ["Neighbourhood welcome circles", "Newcomers meet *their* neighbours.", "miren at bilbao",
                  "next spring", "not a web address", "Bilbao City Council"]:  # fmt: skip
        assert typed in body, typed
    # ... and saved in the draft, except the month no calendar has.
    draft = Submission.objects.get()
    assert draft.state == State.DRAFT
    assert draft.purpose == "Newcomers meet *their* neighbours."
    assert draft.contact_email == "miren at bilbao"
    assert draft.references == [{"label": "Report", "url": "not a web address"}]
    assert draft.start is None
    assert draft.types.count() == 1
    assert f'action="/contribute/{draft.pk}/edit/"' in body  # the next try changes this draft, not a new one
    assert not SubmissionVersion.objects.exists() and not Transition.objects.exists()
    assert mail.outbox == []


def test_sending_a_complete_practice(contributor_client, contributor, editor, django_capture_on_commit_callbacks):
    response = post(contributor_client, "/contribute/new/", build.form_data(), django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contribute/{submission.pk}/"
    assert submission.state == State.SUBMITTED
    assert submission.references == [{"label": "Annual report", "url": "https://bilbao.example/report.pdf"}]
    assert submission.start.isoformat() == "2019-09-01" and submission.ongoing
    [version] = submission.versions.all()
    assert version.number == 1
    assert version.fields["areas"] == ["Education"] and version.fields["start"] == "September 2019"
    [transition] = submission.transitions.all()
    assert (transition.from_state, transition.to_state, transition.by, transition.version) == (
        State.DRAFT, State.SUBMITTED, contributor, version,
    )  # fmt: skip
    receipt, notice = mail.outbox
    assert receipt.to == ["contributor@example.org"]
    assert receipt.subject == "We received “Neighbourhood welcome circles”"
    assert f"http://testserver/contribute/{submission.pk}/" in receipt.body
    assert notice.to == ["editor@example.org"]
    assert notice.subject == "A practice to review: “Neighbourhood welcome circles” (Spain)"
    assert f"http://testserver/admin/contributions/submission/{submission.pk}/change/" in notice.body
    page = contributor_client.get(response["Location"]).content.decode()
    assert "Sent for review. The editors will write to you" in page
    assert "Sent for review: the editors will read it soon." in page


def test_one_line_fields_keep_one_line(contributor_client, contributor, django_capture_on_commit_callbacks):
    data = build.form_data(
        title="Welcome\r\nSubject: injected  circles", references=[("Two\nlines", "https://a.example")]
    )
    post(contributor_client, "/contribute/new/", data, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    assert submission.title == "Welcome Subject: injected circles"
    assert submission.references == [{"label": "Two lines", "url": "https://a.example"}]
    assert mail.outbox[0].subject == "We received “Welcome Subject: injected circles”"


def test_a_web_address_without_its_scheme_is_sent_with_https(contributor_client, django_capture_on_commit_callbacks):
    data = build.form_data(references=[("Site", "bilbao.example/welcome")])
    post(contributor_client, "/contribute/new/", data, django_capture_on_commit_callbacks)
    assert Submission.objects.get().references == [{"label": "Site", "url": "https://bilbao.example/welcome"}]


def test_a_draft_with_a_value_that_cannot_be_read_saves_the_rest(contributor_client):
    data = build.form_data(action="save", end="when funds run out", country="XX")
    response = contributor_client.post("/contribute/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Your draft is saved, except the fields marked below" in body
    assert "when funds run out" in body
    draft = Submission.objects.get()
    assert draft.title == "Neighbourhood welcome circles" and draft.end is None and draft.country is None


def test_another_contributors_submission_is_a_404(client, contributor, reader):
    theirs = build.submission(contributor)
    from contributions.accounts import admit

    admit(reader)  # another contributor
    client.force_login(reader)
    for path in [f"/contribute/{theirs.pk}/", f"/contribute/{theirs.pk}/edit/"]:
        assert client.get(path).status_code == 404, path
    assert client.post(f"/contribute/{theirs.pk}/edit/", build.form_data(title="Taken over")).status_code == 404
    assert "Neighbourhood welcome circles" not in client.get("/contribute/mine/").content.decode()
    theirs.refresh_from_db()
    assert theirs.title == "Neighbourhood welcome circles" and theirs.state == State.DRAFT
    client.force_login(contributor)
    assert client.get(f"/contribute/{theirs.pk}/").status_code == 200  # the positive control


def test_the_honeypot_saves_nothing_and_gives_back_the_form(contributor_client):
    response = contributor_client.post("/contribute/new/", build.form_data(website="cheap pills"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "“Leave this empty” filled in" in body
    assert "Neighbourhood welcome circles" in body
    assert not Submission.objects.exists()


def test_new_submissions_are_limited_per_address_and_nothing_typed_is_lost(contributor_client, settings):
    settings.CONTRIBUTIONS_PER_HOUR = 2
    for number in range(2):
        started = contributor_client.post("/contribute/new/", build.form_data(action="save", title=f"Idea {number}"))
        assert started.status_code == 302
    refused = contributor_client.post("/contribute/new/", build.form_data(action="save", title="Idea 3"))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600  # the rest of the hour's window
    body = refused.content.decode()
    assert "Too many submissions were started or sent from your address in the last hour." in body
    assert 'value="Idea 3"' in body
    assert Submission.objects.count() == 2
    # Saving a draft already made is never limited; sending it is, and its changes are kept.
    draft = Submission.objects.get(title="Idea 0")
    saved = contributor_client.post(
        f"/contribute/{draft.pk}/edit/", build.form_data(action="save", title="Idea 0, again")
    )
    assert saved.status_code == 302
    sending = contributor_client.post(f"/contribute/{draft.pk}/edit/", build.form_data(title="Idea 0, sent"))
    assert sending.status_code == 429
    assert "Your changes are saved as a draft." in sending.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.state) == ("Idea 0, sent", State.DRAFT)
    assert Client(REMOTE_ADDR="198.51.100.9").get("/contribute/").status_code == 200


def test_a_submission_with_the_editors_cannot_be_changed(contributor_client, contributor):
    submission = build.sent(contributor)
    response = contributor_client.get(f"/contribute/{submission.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == f"/contribute/{submission.pk}/"
    page = contributor_client.get(response["Location"]).content.decode()
    assert "it can be changed only when an editor returns it to you" in page
    late = contributor_client.post(
        f"/contribute/{submission.pk}/edit/", build.form_data(action="save", title="Too late")
    )
    assert late.status_code == 409
    assert "This submission is submitted now: it is with the editors. Nothing was saved" in late.content.decode()
    assert 'value="Too late"' in late.content.decode()
    submission.refresh_from_db()
    assert submission.title == "Neighbourhood welcome circles"


def test_a_tampered_reference_form_leaves_the_saved_references_alone(contributor_client, contributor):
    draft = build.submission(contributor)
    data = build.form_data(action="save")
    data["reference-TOTAL_FORMS"] = "junk"
    response = contributor_client.post(f"/contribute/{draft.pk}/edit/", data)
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.references == [{"label": "Annual report", "url": "https://bilbao.example/report.pdf"}]


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_of_the_contributors_pages(
    contributor_client, contributor, editor, django_assert_num_queries, count
):
    submissions = [build.sent(contributor, title=f"Practice {n}") for n in range(count)]
    returned = submissions[0]
    services.start_review(returned, editor)
    services.add_comments(returned, editor, [("impact", "Figures?"), ("", "Nice."), ("title", "Shorter?")])
    services.request_changes(returned, editor)
    # session, account, group membership, then the page's own
    with django_assert_num_queries(4):  # the submissions with their countries and unanswered comments
        assert contributor_client.get("/contribute/mine/").status_code == 200
    with django_assert_num_queries(8):  # the submission, its areas, types, transitions and shared comments
        assert contributor_client.get(f"/contribute/{returned.pk}/").status_code == 200
    with django_assert_num_queries(12):  # as above, and the themes, countries, areas and types to choose from
        assert contributor_client.get(f"/contribute/{returned.pk}/edit/").status_code == 200
    with django_assert_num_queries(7):
        assert contributor_client.get("/contribute/new/").status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("theme", "9" * 30), ("areas", "9" * 30), ("types", "-1"), ("country", "x" * 40), ("level", "☃"),
        ("start", "9999-99"), ("start", "0000-01"), ("title", "x" * 301), ("title", "nul\x00"),
        ("reference-TOTAL_FORMS", "99999"), ("reference-0-url", "u" * 501),
    ],
)  # fmt: skip
def test_hostile_values_are_a_400_that_keeps_the_rest(contributor_client, field, value):
    response = contributor_client.post("/contribute/new/", build.form_data(action="save", **{field: value}))
    assert response.status_code == 400
    assert "Your draft is saved, except the fields marked below" in response.content.decode()
    assert Submission.objects.get().purpose == "Newcomers meet their neighbours in small circles."
