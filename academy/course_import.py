"""Writes the parsed academy sources into the database: idempotent, atomic, respectful of editors.

Each course and module remembers the values the last import wrote
(`imported_values`). A field whose current value differs from that record was
changed by an editor and is kept, unless the import runs with `overwrite`.
Running the import twice changes nothing the second time.
"""

from dataclasses import dataclass, field

from django.db import transaction

from academy.course_sources import MODULE_FIELDS
from academy.curation import MODULE_AREAS, MODULE_TAGS
from academy.models import Course, Module
from academy.services import save_course, save_module
from editorial.imports import merge_import, remember_imported
from editorial.models import PublicationStatus
from vocabulary.models import Area

REVISION_COMMENT = "Imported from the academy's source documents."


class AcademyImportError(Exception):
    """The import cannot run as asked; nothing was written."""


@dataclass
class ImportReport:
    created: dict = field(default_factory=lambda: {"course": 0, "module": 0})
    changed: dict = field(default_factory=lambda: {"course": 0, "module": 0})
    unchanged: dict = field(default_factory=lambda: {"course": 0, "module": 0})
    kept_editor_changes: list = field(default_factory=list)

    @property
    def total_created(self):
        return sum(self.created.values())

    @property
    def total_changed(self):
        return sum(self.changed.values())

    def summary(self):
        def counts(kind):
            return f"{self.created[kind]} created, {self.changed[kind]} changed, {self.unchanged[kind]} unchanged"

        lines = [
            f"Courses: {counts('course')}.",
            f"Modules: {counts('module')}.",
            f"In all: {self.total_created} created, {self.total_changed} changed.",
        ]
        if self.kept_editor_changes:
            lines.append(
                f"Kept {len(self.kept_editor_changes)} field(s) an editor changed (use --overwrite to replace them):"
            )
            lines += [f"  {where}" for where in self.kept_editor_changes]
        return "\n".join(lines)


def import_courses(course_sources, overwrite=False):
    """Create or update the courses and their modules, all or nothing; returns an ImportReport."""
    report = ImportReport()
    with transaction.atomic():
        areas = _areas_by_slug()
        for source in course_sources:
            course = _sync(
                Course, source.key, {**source.fields(), "status": PublicationStatus.PUBLISHED}, report, overwrite
            )
            for module_source in source.modules:
                values = {name: getattr(module_source, name) for name in MODULE_FIELDS}
                values["status"] = PublicationStatus.PUBLISHED
                values["areas"] = sorted(MODULE_AREAS.get(module_source.slug, []))
                values["tags"] = sorted(MODULE_TAGS.get(module_source.slug, []))
                _sync(Module, module_source.key, values, report, overwrite, course=course, areas=areas)
    return report


def _areas_by_slug():
    wanted = {slug for slugs in MODULE_AREAS.values() for slug in slugs}
    areas = {area.slug: area for area in Area.objects.filter(slug__in=wanted)}
    missing = sorted(wanted - set(areas))
    if missing:
        raise AcademyImportError(
            f"Unknown areas of intervention: {', '.join(missing)}. Load the shared vocabulary first."
        )
    return areas


RELATED = ("areas", "tags")


def _current(instance, name):
    if name == "areas":
        return sorted(area.slug for area in instance.areas.all())
    if name == "tags":
        return sorted(tag.name.casefold() for tag in instance.tags.all())
    return getattr(instance, name)


def _save(instance, values, names, areas):
    """Write `names` of `values` into `instance` through its service."""
    for name in names:
        if name not in RELATED:
            setattr(instance, name, values[name])
    if isinstance(instance, Course):
        return save_course(instance, comment=REVISION_COMMENT)
    links = {name: values[name] for name in RELATED if name in names}
    if "areas" in links:
        links["areas"] = [areas[slug] for slug in links["areas"]]
    return save_module(instance, **links, comment=REVISION_COMMENT)


def _sync(model, key, values, report, overwrite, course=None, areas=None):
    kind = model._meta.model_name
    instance = model.objects.filter(source_key=key).first()
    if instance is None:
        instance = model(source_key=key, imported_values=values)
        if course is not None:
            instance.course = course
        _save(instance, values, list(values), areas)
        report.created[kind] += 1
        return instance

    merge = merge_import(
        {name: _current(instance, name) for name in values}, values, instance.imported_values or {}, overwrite
    )
    report.kept_editor_changes += [f"{model._meta.verbose_name} “{instance}”: {name}" for name in merge.kept]
    if merge.write:
        instance.imported_values = merge.record
        _save(instance, values, merge.write, areas)
        report.changed[kind] += 1
    else:
        if instance.imported_values != merge.record:
            remember_imported(instance, merge.record)
        report.unchanged[kind] += 1
    return instance
