"""Writing the compendium's entries into practices.

Idempotent: practices are matched by `source_key` (the normalised
table-of-contents title) and a second run writes nothing. Atomic: the
vocabulary, every practice and every reference are written in one
transaction. Respectful: `Practice.imported_values` keeps what the last import
wrote, so a field whose current value differs from it was changed by an editor
and is kept (and reported) unless `overwrite` is set.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from editorial.imports import merge_import, remember_imported
from editorial.models import PublicationStatus
from practices.compendium_parser import match_key, parse_compendium
from practices.durations import parse_duration
from practices.models import Level, Practice
from practices.services import new_slug, save_practice
from vocabulary.loading import FIXTURES, Vocabulary, load_vocabulary, read_countries
from vocabulary.models import Area, Country, PracticeType, Theme

SOURCE_FILE = FIXTURES / "sources" / "compendium-cdadi-2024-39.txt"
CURATION_FILE = FIXTURES / "compendium_curation.json"
REVISION_COMMENT = "Imported from CDADI(2024)39"

# The fields an import writes and an editor may change, in the order reports name them.
SCALAR_FIELDS = [
    "title", "theme", "country", "place", "level", "promoter", "type_text", "area_text",
    "duration_text", "start", "end", "ongoing",
    "purpose", "rationale", "process", "impact", "further_information", "status",
]  # fmt: skip
RELATED_FIELDS = ["types", "areas", "tags", "references"]
# The period fields the curation file may correct where the source contradicts its Duration line.
CURATED_PERIOD = ("start", "end", "ongoing")
TAGGED_FIELDS = ["title", "area_text", "purpose"]


class CompendiumImportError(Exception):
    """The compendium and the vocabulary or curation do not fit together; nothing was written."""


@dataclass
class ImportReport:
    created: list = field(default_factory=list)  # practice names
    changed: list = field(default_factory=list)  # (practice name, [fields])
    unchanged: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (practice name, field) an editor changed and the import left alone
    vocabulary: object = None  # the VocabularyReport of load_vocabulary()

    def summary(self):
        return (
            f"{len(self.created)} created, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} fields kept"
        )

    def lines(self):
        if self.vocabulary and self.vocabulary.created:
            yield str(self.vocabulary)
        for name in self.created:
            yield f"Created {name}"
        for name, fields in self.changed:
            yield f"Changed {name}: {', '.join(fields)}"
        for name, field_name in self.kept:
            yield f"Kept editor's change to {field_name} of {name} (--overwrite replaces it)"
        yield self.summary()


@dataclass(frozen=True)
class Curation:
    """Our decisions where the text says too little: see fixtures/compendium_curation.json."""

    title_prefixes: dict
    headings: dict
    entries: dict

    @classmethod
    def from_file(cls, path=CURATION_FILE):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(title_prefixes=data["title_prefixes"], headings=data["headings"], entries=data["entries"])


def import_compendium(source=None, overwrite=False):
    """Load the shared vocabulary and all entries of the compendium; returns an ImportReport."""
    source = source or SOURCE_FILE
    vocabulary = Vocabulary.from_file()
    curation = Curation.from_file()
    countries = read_countries()
    entries = parse_compendium(
        Path(source).read_text(encoding="utf-8"), [theme["title"] for theme in vocabulary.themes]
    )
    values_by_key = {entry.source_key: practice_values(entry, vocabulary, curation, countries) for entry in entries}
    if len(values_by_key) != len(entries):
        raise CompendiumImportError("Two entries of the table of contents share a source key.")
    with transaction.atomic():
        vocabulary_report = load_vocabulary(vocabulary, countries)
        report = _write(entries, values_by_key, overwrite)
        report.vocabulary = vocabulary_report
    return report


# What an entry says, as the JSON-able values kept in `imported_values` ---------------------


def practice_values(entry, vocabulary, curation, countries):
    """{field: value} for one entry: scalars as JSON values, related fields as sorted lists."""
    country_codes = {match_key(country["name"]): country["code"] for country in countries}
    theme = next((t["slug"] for t in vocabulary.themes if match_key(t["title"]) == match_key(entry.section)), None)
    if theme is None:
        raise CompendiumImportError(f"The section {entry.section!r} is no theme of the vocabulary.")
    where = {"country": None, "place": "", "promoter": "", "level": Level.NATIONAL.value}
    if entry.group in curation.headings:
        heading = curation.headings[entry.group]
        where.update(promoter=heading["promoter"], level=heading["level"])
    elif entry.group:
        where["country"] = country_codes.get(match_key(entry.group))
        if where["country"] is None:
            raise CompendiumImportError(f"The heading {entry.group!r} is neither a country nor a curated heading.")
    if entry.prefix:
        if entry.prefix not in curation.title_prefixes:
            raise CompendiumImportError(f"The title prefix {entry.prefix!r} is not in the curation file.")
        where.update(curation.title_prefixes[entry.prefix])
    curated = curation.entries.get(entry.source_key, {})
    unknown = set(curated) - {*where, *CURATED_PERIOD, "why"}
    if unknown:
        raise CompendiumImportError(f"The curation of {entry.source_key!r} sets unknown fields {sorted(unknown)}.")
    where.update({name: value for name, value in curated.items() if name in where})

    types = vocabulary.type_slugs(entry.type_text)
    areas = vocabulary.area_slugs(entry.area_text)
    if (entry.type_text and not types) or (entry.area_text and not areas):
        raise CompendiumImportError(
            f"{entry.heading!r}: no vocabulary term for type {entry.type_text!r} or area {entry.area_text!r}."
        )
    duration = parse_duration(entry.duration_text)
    period = {
        "start": duration.start.isoformat() if duration.start else None,
        "end": duration.end.isoformat() if duration.end else None,
        "ongoing": duration.ongoing,
    }
    period.update({name: value for name, value in curated.items() if name in CURATED_PERIOD})
    return {
        "title": entry.title,
        "theme": theme,
        "country": where["country"],
        "place": where["place"],
        "level": where["level"],
        "promoter": where["promoter"],
        "type_text": entry.type_text,
        "area_text": entry.area_text,
        "duration_text": entry.duration_text,
        **period,
        "purpose": entry.purpose,
        "rationale": entry.rationale,
        "process": entry.process,
        "impact": entry.impact,
        "further_information": entry.further_information,
        "status": PublicationStatus.PUBLISHED.value,
        "types": types,
        "areas": areas,
        "tags": vocabulary.tag_names({name: getattr(entry, name) for name in TAGGED_FIELDS}),
        "references": [[reference.label, reference.url] for reference in entry.references],
    }


def current_values(practice):
    """The same {field: value} read from a saved practice (related rows prefetched)."""
    values = {name: getattr(practice, name) for name in SCALAR_FIELDS}
    values["theme"] = practice.theme.slug
    values["country"] = practice.country_id
    values["start"] = practice.start.isoformat() if practice.start else None
    values["end"] = practice.end.isoformat() if practice.end else None
    values["types"] = sorted(term.slug for term in practice.types.all())
    values["areas"] = sorted(term.slug for term in practice.areas.all())
    values["tags"] = sorted(tag.name for tag in practice.tags.all())
    values["references"] = [[reference.label, reference.url] for reference in practice.references.all()]
    return values


# Writing -------------------------------------------------------------------------------------


class _Writer:
    """Turns values into rows, with the vocabulary and the slugs in use read once."""

    def __init__(self):
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.types = {term.slug: term for term in PracticeType.objects.all()}
        self.areas = {term.slug: term for term in Area.objects.all()}
        self.slugs = set(Practice.objects.values_list("slug", flat=True))

    def scalar(self, name, value):
        if name == "theme":
            return self.themes[value]
        if name == "country":
            if value is not None and value not in self.countries:
                raise CompendiumImportError(f"Country {value!r} is missing from the database.")
            return value
        if name in ("start", "end") and value:
            return datetime.date.fromisoformat(value)
        return value

    def set_scalar(self, practice, name, value):
        if name == "country":
            practice.country_id = self.scalar(name, value)
        else:
            setattr(practice, name, self.scalar(name, value))

    def links(self, values, names=RELATED_FIELDS):
        """save_practice's keyword arguments for the related fields `names` of `values`."""
        links = {
            "types": lambda slugs: [self.types[slug] for slug in slugs],
            "areas": lambda slugs: [self.areas[slug] for slug in slugs],
            "tags": list,
            "references": lambda pairs: [tuple(pair) for pair in pairs],
        }
        return {name: links[name](values[name]) for name in names}

    def new_slug(self, place, title):
        slug = new_slug(place, title, self.slugs)
        self.slugs.add(slug)
        return slug


def _write(entries, values_by_key, overwrite):
    report = ImportReport()
    writer = _Writer()
    existing = {
        practice.source_key: practice
        for practice in Practice.objects.filter(source_key__in=values_by_key)
        .select_related("theme")
        .prefetch_related("types", "areas", "tags", "references")
    }
    for entry in entries:
        values = values_by_key[entry.source_key]
        practice = existing.get(entry.source_key)
        if practice is None:
            practice = _create(writer, entry, values)
            report.created.append(str(practice))
            continue
        changed, kept = _update(writer, practice, entry, values, overwrite)
        name = str(practice)
        report.kept.extend((name, field_name) for field_name in kept)
        if changed:
            report.changed.append((name, changed))
        else:
            report.unchanged.append(name)
    return report


def _create(writer, entry, values):
    practice = Practice(
        slug=writer.new_slug(values["place"], values["title"]),
        source_key=entry.source_key,
        source_position=entry.position,
        imported_values=values,
    )
    for name in SCALAR_FIELDS:
        writer.set_scalar(practice, name, values[name])
    return save_practice(practice, **writer.links(values), comment=REVISION_COMMENT)


def _update(writer, practice, entry, values, overwrite):
    """([fields written], [fields kept because an editor changed them]) for one existing practice."""
    merge = merge_import(current_values(practice), values, practice.imported_values or {}, overwrite)
    changed = list(merge.write)
    for name in changed:
        if name in SCALAR_FIELDS:
            writer.set_scalar(practice, name, values[name])
    if practice.source_position != entry.position:
        practice.source_position = entry.position
        changed.append("source_position")
    if changed:
        practice.imported_values = merge.record
        related = [name for name in merge.write if name in RELATED_FIELDS]
        save_practice(practice, **writer.links(values, related), comment=REVISION_COMMENT)
    elif merge.record != practice.imported_values:
        # An editor wrote exactly what the source now says: only the bookkeeping moves.
        remember_imported(practice, merge.record)
    return changed, merge.kept
