"""Writing practices: the one way the admin's actions, the importer and contributions change a practice.

The database keeps what follows every write (search vectors, the content
generation that retires cached reads: see the practices migrations), so a
write here is the practice and its own links, as one revision of it alone.
"""

from django.utils import timezone

from editorial.revisions import record_as_written, revision_of_one, set_links
from practices.models import ReferenceLink


def save_practice(practice, *, types=None, areas=None, tags=None, references=None, user=None, comment=""):
    """Save `practice` and the links given (None leaves a kind of link as it is), as one revision.

    `types` and `areas` are terms, `tags` tag names, `references` (label, url) pairs in order.
    """
    with revision_of_one(user, comment):
        practice.save()
        set_links(practice, types=types, areas=areas, tags=tags)
        if references is not None:
            practice.references.all().delete()
            ReferenceLink.objects.bulk_create(
                ReferenceLink(practice=practice, position=position, label=label, url=url)
                for position, (label, url) in enumerate(references)
            )
        record_as_written(practice)
    return practice


def mark_reviewed(practice, user):
    """Record that `user` reviewed the whole practice now, as one revision of it alone."""
    practice.last_reviewed, practice.reviewed_by = timezone.now(), user
    with revision_of_one(user, "Marked as reviewed."):
        practice.save(update_fields=["last_reviewed", "reviewed_by", "updated"])
    return practice
