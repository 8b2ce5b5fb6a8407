"""Contributors' one-time sign-in links (django-sesame): making them and checking them.

A link works once (SESAME_ONE_TIME: the token is signed with the account's
last sign-in, which signing in changes) and for SESAME_MAX_AGE seconds; an
editor's invitation for CONTRIBUTOR_INVITATION_DAYS. Following a link shows
a button, and only pressing it signs in: a mail scanner that opens the link
uses nothing up.

A token is checked by django-sesame's backend alone, not through the
password lockout (signin/): its signature cannot be guessed, and an office
whose staff click a few old links must not be locked out of signing in.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from sesame import settings as sesame_settings
from sesame.backends import ModelBackend as TokenBackend
from sesame.utils import get_parameters

INVITATION = "invitation"
# Signed in by a link, a session is then an ordinary one.
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
LONGEST_TOKEN = 200


def link_minutes():
    return settings.SESAME_MAX_AGE // 60


def may_sign_in_by_link(user):
    """Staff never: editors sign in at the admin, with their password and its lockout."""
    return user.is_active and not user.is_staff and not user.is_superuser


def link_view(invitation):
    return "contributions:invitation" if invitation else "contributions:link"


def sign_in_link(base_url, user, *, invitation=False, next_path=""):
    parameters = get_parameters(user, scope=INVITATION if invitation else "")
    if next_path:
        parameters["next"] = next_path
    return f"{base_url}{reverse(link_view(invitation))}?{urlencode(parameters)}"


def token_in(data):
    """The token a link or the sign-in form carries."""
    return data.get(sesame_settings.TOKEN_NAME, "")


def account_for_token(request, token, *, invitation=False):
    """The account `token` signs in, or None: expired, used, forged, or a staff account's."""
    if not token or len(token) > LONGEST_TOKEN:
        return None
    max_age = settings.CONTRIBUTOR_INVITATION_DAYS * 86400 if invitation else None
    user = TokenBackend().authenticate(request, sesame=token, scope=INVITATION if invitation else "", max_age=max_age)
    if user is None or not may_sign_in_by_link(user):
        return None
    return user


def safe_next(path):
    """`path` when it is one of the contributor's own pages, else where they land by default."""
    if path and path.startswith("/contribute/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return reverse("contributions:mine")
