"""Small builders for test data; each makes exactly what a test names and nothing more."""

import datetime
import itertools

from editorial.models import PublicationStatus
from practices.models import Practice, ReferenceLink
from vocabulary.models import Area, Country, PracticeType, Theme

_numbers = itertools.count(1)


def theme(slug="ensuring-equality", title="Ensuring equality", position=None):
    return Theme.objects.get_or_create(
        slug=slug, defaults={"title": title, "position": position or next(_numbers) + 100}
    )[0]


def country(code="ES", name="Spain"):
    return Country.objects.get_or_create(code=code, defaults={"name": name})[0]


def area(slug="education", name="Education"):
    return Area.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def practice_type(slug="project", name="Project"):
    return PracticeType.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def practice(title=None, *, areas=(), types=(), tags=(), references=(), **fields):
    """A published practice (theme and country defaulted), its search vector refreshed."""
    number = next(_numbers)
    title = title or f"Practice {number}"
    fields.setdefault("slug", f"practice-{number}")
    fields.setdefault("theme", fields.get("theme") or theme())
    if "country" not in fields:
        fields["country"] = country()
    fields.setdefault("level", "local")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("source_position", number)
    created = Practice.objects.create(title=title, **fields)
    created.areas.set(areas)
    created.types.set(types)
    if tags:
        created.tags.set(list(tags))
    for position, (label, url) in enumerate(references):
        ReferenceLink.objects.create(practice=created, position=position, label=label, url=url)
    return created


def month(year, month_number=1):
    return datetime.date(year, month_number, 1)
