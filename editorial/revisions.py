"""Every write of editors' content is a revision of the one item written: who, when, what, and why."""

from contextlib import contextmanager

import reversion
from django.db import transaction


@contextmanager
def revision_of_one(user=None, comment=""):
    """An atomic block whose saves become one revision; services wrap one item's write in it.

    One item per revision, so reverting it touches that item and its own
    children, never another item written at the same time.
    """
    with transaction.atomic(), reversion.create_revision():
        yield
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)


def set_links(item, **links):
    """Set each many-to-many or tag link given (a value of None leaves that link as it is)."""
    for name, value in links.items():
        if value is not None:
            getattr(item, name).set(value)
