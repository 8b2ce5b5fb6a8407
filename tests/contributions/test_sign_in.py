"""Contributors sign in with a one-time link e-mailed to them: no password, expiring, used once."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from clients.models import RequestCount
from contributions.accounts import is_contributor

pytestmark = pytest.mark.django_db

SIGN_IN = "/contribute/sign-in/"


def ask_for_link(client, email, **extra):
    return client.post(SIGN_IN, {"email": email, **extra})


def link_in(message):
    return re.search(r"http://testserver(/contribute/sign-in/(?:link|invitation)/\?\S+)", message.body).group(1)


def test_a_contributor_asks_for_a_link_follows_it_and_is_signed_in(client, contributor):
    response = ask_for_link(client, "Contributor@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/contribute/sign-in/sent/"
    assert "If this address can receive a sign-in link" in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.to == ["contributor@example.org"]
    assert message.subject == "Your sign-in link for the Intercultural Compendium"
    assert "It works once, within 30 minutes." in message.body
    link = link_in(message)

    confirm = client.get(link)  # a mail scanner opening the link signs nobody in
    assert confirm.status_code == 200
    assert "You are signing in as <strong>contributor@example.org</strong>" in confirm.content.decode()
    assert "_auth_user_id" not in client.session

    token = re.search(r'name="sesame" value="([^"]+)"', confirm.content.decode()).group(1)
    signed_in = client.post(link.split("?")[0], {"sesame": token, "next": "/contribute/mine/"})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/contribute/mine/"
    assert client.session["_auth_user_id"] == str(contributor.pk)
    page = client.get("/contribute/mine/").content.decode()
    assert "Signed in as <strong>contributor@example.org</strong>" in page
    assert "You are signed in as contributor@example.org." in page


def follow(client, link):
    """Open a sign-in link and press its button: the response to the button."""
    path, query = link.split("?")
    token = re.search(r"sesame=([^&]+)", query).group(1)
    return client.post(path, {"sesame": token})


def test_a_used_link_does_not_sign_in_again(client, contributor):
    ask_for_link(client, contributor.email)
    link = link_in(mail.outbox[0])
    assert follow(client, link).status_code == 302
    client.post("/contribute/sign-out/")
    assert "_auth_user_id" not in client.session

    again = follow(Client(), link)
    assert again.status_code == 403
    body = again.content.decode()
    assert "This link cannot sign you in" in body
    assert "has been used already" in body
    assert Client().get(link).status_code == 403  # the page behind the link says so too


def test_an_expired_link_does_not_sign_in(client, contributor, monkeypatch):
    ask_for_link(client, contributor.email)
    link = link_in(mail.outbox[0])
    import sesame.tokens_v2

    later = time.time() + 31 * 60
    monkeypatch.setattr(sesame.tokens_v2.time, "time", lambda: later)
    response = follow(client, link)
    assert response.status_code == 403
    assert "has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session
    monkeypatch.undo()
    assert follow(client, link).status_code == 302  # the same link, in time: the positive control


def test_a_forged_or_truncated_link_does_not_sign_in(client, contributor):
    ask_for_link(client, contributor.email)
    link = link_in(mail.outbox[0])
    assert follow(client, link[:-3]).status_code == 403
    assert client.post("/contribute/sign-in/link/", {"sesame": "x" * 500}).status_code == 403
    assert client.get("/contribute/sign-in/link/").status_code == 403


def test_old_links_clicked_from_one_office_lock_nobody_out(client, contributor):
    office = Client(REMOTE_ADDR="192.0.2.10")
    for number in range(30):
        assert office.post("/contribute/sign-in/link/", {"sesame": f"AAAAAQ0CdM-wGmz-old{number}"}).status_code == 403
    ask_for_link(office, contributor.email)
    assert follow(office, link_in(mail.outbox[0])).status_code == 302
    assert office.session["_auth_user_id"] == str(contributor.pk)


def test_a_new_address_gets_an_account_that_becomes_a_contributor_once_the_link_is_used(client):
    ask_for_link(client, "focal.point@city.example")
    account = User.objects.get(email="focal.point@city.example")
    assert not is_contributor(account)
    assert not account.has_usable_password()
    follow(client, link_in(mail.outbox[0]))
    assert is_contributor(account)
    assert client.get("/contribute/new/").status_code == 200


def test_staff_accounts_get_no_link_and_the_page_says_the_same(client, editor):
    response = ask_for_link(client, editor.email)
    assert response.status_code == 302
    assert response["Location"] == "/contribute/sign-in/sent/"
    assert mail.outbox == []


def test_a_bad_address_is_a_400_with_the_message_beside_the_field(client):
    response = ask_for_link(client, "not an address")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_email_error"' in body
    assert "Enter an e-mail address such as name@example.org." in body
    assert 'value="not an address"' in body  # what was typed stays
    assert mail.outbox == []


def test_the_honeypot_is_a_400_and_sends_nothing(client, contributor):
    response = ask_for_link(client, contributor.email, website="https://spam.example")
    assert response.status_code == 400
    assert "“Leave this empty” filled in" in response.content.decode()
    assert mail.outbox == []
    assert not RequestCount.objects.exists()


def test_one_address_may_ask_for_a_few_links_an_hour(client, contributor, settings):
    settings.SIGN_IN_LINKS_PER_HOUR = 3
    for _ in range(3):
        assert ask_for_link(client, contributor.email).status_code == 302
    refused = ask_for_link(client, contributor.email)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600  # the rest of the hour's window
    assert "Too many sign-in links were asked for from your address" in refused.content.decode()
    assert len(mail.outbox) == 3
    # Another address is not held back by this one.
    assert ask_for_link(Client(REMOTE_ADDR="198.51.100.7"), contributor.email).status_code == 302


def test_the_limit_counts_the_client_address_the_trusted_proxy_gives(contributor, settings):
    settings.SIGN_IN_LINKS_PER_HOUR = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert ask_for_link(first, contributor.email).status_code == 302
    assert ask_for_link(second, contributor.email).status_code == 302  # another client behind the same proxy
    assert ask_for_link(first, contributor.email).status_code == 429
    spoofed = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.99")  # not a proxy: header dropped
    assert ask_for_link(spoofed, contributor.email).status_code == 429


def test_an_editor_invites_a_contributor_whose_link_lasts_days(editor_client, monkeypatch):
    response = editor_client.post(
        reverse("admin:contributions_contributor_add"),
        {"email": "mayor.office@town.example", "first_name": "Ana", "last_name": "Ruiz"},
    )
    assert response.status_code == 302
    invited = User.objects.get(email="mayor.office@town.example")
    assert is_contributor(invited)
    [message] = mail.outbox
    assert message.subject == "You are invited to propose good practices for the Intercultural Compendium"
    assert "It works once, within 14 days." in message.body
    link = link_in(message)
    assert "/contribute/sign-in/invitation/" in link
    import sesame.tokens_v2

    ten_days = time.time() + 10 * 86400
    monkeypatch.setattr(sesame.tokens_v2.time, "time", lambda: ten_days)
    visitor = Client()
    assert follow(visitor, link).status_code == 302
    assert visitor.session["_auth_user_id"] == str(invited.pk)


def test_an_invitation_to_an_address_with_an_account_is_refused(editor_client, contributor):
    response = editor_client.post(reverse("admin:contributions_contributor_add"), {"email": "CONTRIBUTOR@example.org"})
    assert response.status_code == 200
    assert "An account has this address already" in response.content.decode()
    assert mail.outbox == []


def test_pages_for_contributors_send_others_to_sign_in_or_away(client, reader, editor):
    response = client.get("/contribute/mine/")
    assert response.status_code == 302
    assert response["Location"] == "/contribute/sign-in/?next=%2Fcontribute%2Fmine%2F"
    client.force_login(reader)
    assert client.get("/contribute/mine/").status_code == 403
    client.force_login(editor)
    refused = client.get("/contribute/new/")
    assert refused.status_code == 403
    assert "Editors review contributions in the admin." in refused.content.decode()


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/contribute/", 0),
        (SIGN_IN, 0),
        ("/contribute/sign-in/sent/", 0),
        ("/contribute/sign-out/", 0),
    ],
)
def test_query_counts_signed_out(client, django_assert_num_queries, path, queries):
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_query_counts_of_asking_for_and_following_a_link(client, contributor, django_assert_num_queries):
    # the address's count (one statement), the account with the address
    with django_assert_num_queries(2):
        ask_for_link(client, contributor.email)
    link = link_in(mail.outbox[0])
    with django_assert_num_queries(1):  # the account
        assert client.get(link).status_code == 200
    # the account; a new session; axes' log and the account's failures cleared; the last sign-in (the
    # link is used up); joining the group; the session saved
    with django_assert_num_queries(16):
        assert follow(client, link).status_code == 302
