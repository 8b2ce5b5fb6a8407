"""Writing the projects read from their published pages into the database.

Idempotent and atomic: a second run changes nothing, and a failure anywhere
leaves the database as it was. What an import writes is recorded in
`Project.imported_values`; a field whose current value differs from it was
changed by an editor and is kept (reported), unless `overwrite` is set.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from editorial.imports import merge_import, remember_imported
from editorial.models import PublicationStatus
from projects.liaison_source import LIAISON_AREAS, LIAISON_PAGES, LIAISON_TAGS, missing_evidence, read_liaison
from projects.models import Category, FundingProgramme, Project
from projects.services import CHILDREN, save_project
from vocabulary.loading import load_vocabulary
from vocabulary.models import Area

SOURCES_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "sources"
REVISION_COMMENT = "Imported from the LIAISON project pages"


class ProjectImportError(Exception):
    """The sources and the vocabulary do not fit together; nothing was written."""


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (acronym, field) an editor changed and the import left alone
    new_categories: list = field(default_factory=list)
    new_programmes: list = field(default_factory=list)
    vocabulary: object = None  # vocabulary.loading.VocabularyReport

    def lines(self):
        if self.vocabulary is not None:
            yield str(self.vocabulary)
        yield f"Projects: {len(self.created)} created, {len(self.changed)} changed, {len(self.unchanged)} unchanged."
        if self.new_categories or self.new_programmes:
            yield (
                f"Project vocabulary: {len(self.new_categories)} categories and "
                f"{len(self.new_programmes)} funding programmes created."
            )
        for acronym, name in self.kept:
            yield f"Kept an editor's change: {acronym} {name} (run with --overwrite to replace it)."


@transaction.atomic
def import_projects(sources_directory=SOURCES_DIRECTORY, overwrite=False):
    """Load the shared vocabulary, then LIAISON, merged from its two pages."""
    report = ImportReport(vocabulary=load_vocabulary())
    texts = [(Path(sources_directory) / name).read_text(encoding="utf-8") for name in LIAISON_PAGES]
    unjustified = missing_evidence(texts, {**LIAISON_AREAS, **LIAISON_TAGS})
    if unjustified:
        raise ProjectImportError(f"The pages no longer say what their classification rests on: {unjustified}.")
    record = read_liaison(sources_directory)
    values = values_from_record(record, areas=LIAISON_AREAS, tags=LIAISON_TAGS, report=report)
    _import_one(record.key, values, report, overwrite)
    return report


# The values an import writes, in the JSON form kept in `imported_values` ----------


def values_from_record(source, areas, tags, report):
    """{field: value} for one project read from its pages, creating the categories and programme it names."""
    programme = None
    if source.programme:
        programme, created = FundingProgramme.objects.get_or_create(
            slug=source.programme.slug,
            defaults={
                "name": source.programme.name,
                "directorate": source.programme.directorate,
                "full_wording": source.programme.full_wording,
            },
        )
        if created:
            report.new_programmes.append(programme.name)
    category_slugs = []
    for name in source.categories:
        category, created = Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        category_slugs.append(category.slug)
        if created:
            report.new_categories.append(name)
    area_slugs = sorted(areas)
    missing = set(area_slugs) - set(Area.objects.filter(slug__in=area_slugs).values_list("slug", flat=True))
    if missing:
        raise ProjectImportError(f"Areas of intervention missing from the vocabulary: {sorted(missing)}.")
    unknown_tags = set(tags) - set(Tag.objects.filter(slug__in=list(tags)).values_list("slug", flat=True))
    if unknown_tags:
        raise ProjectImportError(f"Tags missing from the vocabulary: {sorted(unknown_tags)}.")
    return {
        "acronym": source.acronym,
        "title": source.title,
        "summary": source.summary,
        "project_number": source.project_number,
        "start": _iso(source.start),
        "end": _iso(source.end),
        "programme": programme.slug if programme else None,
        "coordinator": source.coordinator,
        "contact_email": source.contact_email,
        "website": source.website,
        "status": PublicationStatus.PUBLISHED.value,
        "categories": sorted(category_slugs),
        "areas": area_slugs,
        "tags": sorted(tags),
        "objectives": list(source.objectives),
        "activities": [[item.name, item.description] for item in source.activities],
        "resources": [[title, ""] for title in source.resources],  # the pages give no addresses
        "impact_targets": [[item.number, item.counts, item.wording] for item in source.impact_targets],
        "partners": [[name, None, ""] for name in source.partners],
    }


def _iso(day):
    return day.isoformat() if day else None


SCALAR_FIELDS = ("acronym", "title", "summary", "project_number", "coordinator", "contact_email", "website", "status")


def current_values(project):
    """The same fields, as the project holds them now."""
    values = {name: getattr(project, name) for name in SCALAR_FIELDS}
    values.update(
        start=_iso(project.start),
        end=_iso(project.end),
        programme=project.programme.slug if project.programme_id else None,
        categories=sorted(project.categories.values_list("slug", flat=True)),
        areas=sorted(project.areas.values_list("slug", flat=True)),
        tags=sorted(project.tags.names()),
        objectives=list(project.objectives.values_list("text", flat=True)),
        activities=[list(row) for row in project.activities.values_list("name", "description")],
        resources=[list(row) for row in project.resources.values_list("title", "url")],
        impact_targets=[list(row) for row in project.impact_targets.values_list("number", "counts", "wording")],
        partners=[list(row) for row in project.partners.values_list("organisation", "country_id", "role")],
    )
    return values


# Writing ---------------------------------------------------------------------------


def _import_one(key, values, report, overwrite):
    project = Project.objects.filter(source_key=key).select_related("programme").first()
    if project is None:
        if Project.objects.filter(slug=key).exists():
            raise ProjectImportError(f"/projects/{key}/ is taken by a project that was not imported; rename it.")
        project = Project(source_key=key, slug=key)
        _write(project, values, list(values), record=values)
        report.created.append(values["acronym"])
        return project

    merge = merge_import(current_values(project), values, project.imported_values or {}, overwrite)
    report.kept.extend((project.acronym, name) for name in merge.kept)
    if merge.write:
        _write(project, values, merge.write, merge.record)
        report.changed.append(project.acronym)
    else:
        if project.imported_values != merge.record:
            remember_imported(project, merge.record)
        report.unchanged.append(project.acronym)
    return project


def _write(project, values, names, record):
    for name in names:
        if name in SCALAR_FIELDS:
            setattr(project, name, values[name])
        elif name in ("start", "end"):
            setattr(project, name, datetime.date.fromisoformat(values[name]) if values[name] else None)
        elif name == "programme":
            project.programme = FundingProgramme.objects.get(slug=values[name]) if values[name] else None
    project.imported_values = record
    links = {}
    if "categories" in names:
        links["categories"] = Category.objects.filter(slug__in=values["categories"])
    if "areas" in names:
        links["areas"] = Area.objects.filter(slug__in=values["areas"])
    if "tags" in names:
        links["tags"] = values["tags"]
    children = {name: values[name] for name in CHILDREN if name in names}
    save_project(project, **links, children=children, comment=REVISION_COMMENT)
