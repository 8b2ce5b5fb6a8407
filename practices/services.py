"""Writing practices: the one way the admin's actions, the importer and contributions change a practice.

The database keeps what follows every write (search vectors, the content
generation that retires cached reads: see the practices migrations), so a
write here is the practice and its own links, as one revision of it alone.
"""

from django.utils import timezone
from django.utils.text import slugify

from editorial.revisions import record_as_written, revision_of_one, set_links
from practices.models import Practice, ReferenceLink

SLUG_LENGTH = 80


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


def new_slug(place, title, taken=None):
    """slugify(place + title), cut at a word boundary to fit, made unique; never changed afterwards.

    The place is left out when the title already names it ("Tallinn Chamber of Integration").
    `taken` holds the slugs in use; without it they are read from the database.
    """
    title_slug = slugify(title.replace("/", " "))
    place_slug = slugify(place)
    named = place_slug and f"-{place_slug}-" in f"-{title_slug}-"
    base = (title_slug if named or not place_slug else f"{place_slug}-{title_slug}") or "practice"
    if len(base) > SLUG_LENGTH:
        base = base[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    if taken is None:
        taken = set(Practice.objects.filter(slug__startswith=base[:60]).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug
