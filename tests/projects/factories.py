"""Builders for project test data; each makes exactly what a test names and nothing more."""

import datetime
import itertools

from editorial.models import PublicationStatus
from projects.models import Activity, Category, FundingProgramme, ImpactTarget, Objective, Partner, Project, Resource

_numbers = itertools.count(1)


def category(slug="migration", name="Migration"):
    return Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def programme(slug="rec-raci-action-grant-dg-just", name="REC-RACI action grant (DG JUST)", **fields):
    fields.setdefault("directorate", "DG JUST")
    return FundingProgramme.objects.get_or_create(slug=slug, defaults={"name": name, **fields})[0]


def project(
    acronym=None,
    *,
    categories=(),
    areas=(),
    tags=(),
    objectives=(),
    activities=(),
    resources=(),
    targets=(),
    partners=(),
    **fields,
):
    """A published project with its children, its search vector refreshed.

    activities: (name, description); resources: (title, url); targets: (number, counts, wording);
    partners: (organisation, country or None, role).
    """
    number = next(_numbers)
    acronym = acronym or f"PRJ{number}"
    fields.setdefault("title", f"Project number {number}")
    fields.setdefault("slug", f"project-{number}")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    created = Project.objects.create(acronym=acronym, **fields)
    created.categories.set(categories)
    created.areas.set(areas)
    if tags:
        created.tags.set(list(tags))
    for position, text in enumerate(objectives):
        Objective.objects.create(project=created, position=position, text=text)
    for position, (name, description) in enumerate(activities):
        Activity.objects.create(project=created, position=position, name=name, description=description)
    for position, (title, url) in enumerate(resources):
        Resource.objects.create(project=created, position=position, title=title, url=url)
    for position, (count, counts, wording) in enumerate(targets):
        ImpactTarget.objects.create(project=created, position=position, number=count, counts=counts, wording=wording)
    for position, (organisation, country, role) in enumerate(partners):
        Partner.objects.create(
            project=created, position=position, organisation=organisation, country=country, role=role
        )
    return created


def day(year, month=1, day_of_month=1):
    return datetime.date(year, month, day_of_month)
