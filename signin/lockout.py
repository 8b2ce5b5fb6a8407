"""django-axes, extended with the limits of signin.limits, and the page a refused sign-in gets."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.shortcuts import render

from clients.limits import in_words
from signin import limits
from signin.models import Scope

PAIR = "pair"  # axes' own lockout: this account from this address

MESSAGES = {
    PAIR: "Too many failed sign-ins for this account from here. Wait {wait}, then try again, "
    "or ask an administrator to reset your password.",
    Scope.ACCOUNT: "Too many failed sign-ins for this account, from several places. Wait {wait} before trying "
    "again; each further failure doubles the wait.",
    Scope.ADDRESS: "Too many failed sign-ins from your address. Wait {wait} before trying again.",
}


class SignInLimitsHandler(AxesDatabaseHandler):
    """axes' lockout of one account from one address, plus the per-account and per-address limits."""

    def is_locked(self, request, credentials=None):
        refusal = limits.refusal(get_client_username(request, credentials), request.axes_ip_address)
        if refusal:
            request.sign_in_refusal = refusal
        return bool(refusal) or super().is_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        if getattr(request, "sign_in_refusal", None):
            # Refused before the password was looked at: not a guess, and the page must say why.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return None
        if not request.axes_locked_out:
            username = get_client_username(request, credentials)
            limits.record_failure(username, request.axes_ip_address)
            refusal = limits.refusal(username, request.axes_ip_address)
            if refusal:  # say so now, not on the next attempt
                request.sign_in_refusal = refusal
                request.axes_locked_out = True
                request.axes_credentials = credentials
        super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        limits.forget_account(user.get_username())


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: 429, what to wait for and how long, in words and in Retry-After."""
    refusal = getattr(request, "sign_in_refusal", None)
    if refusal is None:
        refusal = limits.Refusal(PAIR, int(settings.AXES_COOLOFF_TIME.total_seconds()))
    message = MESSAGES[refusal.scope].format(wait=in_words(refusal.retry_after_seconds))
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, {"message": message}, status=429)
    response["Retry-After"] = str(refusal.retry_after_seconds)
    return response
