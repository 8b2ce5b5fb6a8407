"""Contributors' accounts: who is one, the account a sign-in link is for, an editor's invitation.

A contributor is an account in the Contributors group. Anyone may become one
by proving their address: asking for a sign-in link makes an account for an
address never seen (outside the group), and using the link joins the group.
Editors invite someone by making the account in the group at once. A link
never signs in a staff account: editors sign in at the admin, with their
password and its lockout.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from contributions import links, notifications
from contributions.models import CONTRIBUTORS_GROUP


def is_contributor(user):
    return user.is_authenticated and user.is_active and user.groups.filter(name=CONTRIBUTORS_GROUP).exists()


def account_for_link(email):
    """The account a sign-in link for `email` would sign in, made when the address is new; None when none may."""
    accounts = list(User.objects.filter(email__iexact=email).order_by("pk"))
    if not accounts:
        return new_account(email)
    if any(account.is_staff or account.is_superuser for account in accounts):
        return None
    return next((account for account in accounts if links.may_sign_in_by_link(account)), None)


def new_account(email, first_name="", last_name=""):
    """An account with no password (links sign it in), named after its address when that is free."""
    user = User(username=username_for(email), email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user


def username_for(email):
    username = email.lower()[:150]
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        username = ""
    if not username or User.objects.filter(username=username).exists():
        username = f"contributor-{secrets.token_hex(6)}"
    return username


def admit(user):
    """Make `user` a contributor (their address is proven, or an editor invited them)."""
    user.groups.add(Group.objects.get_or_create(name=CONTRIBUTORS_GROUP)[0])


def send_sign_in_link(email, base_url, next_path=""):
    """E-mail a sign-in link for `email` (making the account when the address is new); nothing for staff.

    The page that asked says the same either way, so it tells no one which addresses have accounts.
    """
    user = account_for_link(email)
    if user is None:
        return
    link = links.sign_in_link(base_url, user, next_path=next_path)
    notifications.sign_in_link(user, link, links.link_minutes())


def invite(user, invited_by, base_url):
    """An editor makes a contributor's account (`user`: unsaved, with an address) and e-mails a link good for days."""
    user.username = username_for(user.email)
    user.set_unusable_password()
    user.save()
    admit(user)
    link = links.sign_in_link(base_url, user, invitation=True)
    notifications.invitation(user, link, settings.CONTRIBUTOR_INVITATION_DAYS, invited_by)
    return user
