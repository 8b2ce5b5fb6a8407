"""Editors' bulk import of practices from a spreadsheet in the public export's columns.

Export → edit → import round-trips: the columns are `PracticeList.export_columns`,
read back the way the export wrote them (the page address names an existing
practice; names of terms; "label (address)" references; a leading ' the export
put before formula characters taken off). Long texts are Markdown and the
export writes them as plain text: a cell that still reads as its stored text's
plain rendering keeps the stored Markdown, so an export imported back changes
nothing and loses no link or list; an edited cell becomes the new text. `plan()` says, row by row, what an
import would do and what is wrong (a dry run, writing nothing); `apply()`
writes a plan without errors, all or nothing, each practice through
`save_practice` as a revision of its own. New practices come in as drafts.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from browse.columns import MULTI_VALUE_SEPARATOR
from editorial.models import PublicationStatus
from practices.models import Level, Practice
from practices.services import save_practice
from vocabulary.models import Area, Country, PracticeType, Theme

# The export's columns (practices/lists.py), in its order; "url" and "country" are read, not written.
COLUMNS = [
    "title", "url", "country_code", "country", "place", "level", "theme", "types", "areas", "tags", "promoter",
    "duration", "start", "end", "ongoing", "purpose", "rationale", "process", "impact", "references",
    "further_information", "type_as_submitted", "area_as_submitted",
]  # fmt: skip
REQUIRED_COLUMNS = {"title", "url", "theme", "level"}
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024

_TEXT_FIELDS = {
    "title": "title", "place": "place", "promoter": "promoter", "duration": "duration_text",
    "purpose": "purpose", "rationale": "rationale", "process": "process", "impact": "impact",
    "further_information": "further_information", "type_as_submitted": "type_text", "area_as_submitted": "area_text",
}  # fmt: skip
_MARKDOWN_FIELDS = ("purpose", "rationale", "process", "impact", "further_information")
_REFERENCE = re.compile(r"^(?P<label>.*\S)\s+\((?P<url>https?://\S+)\)$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")


class UnreadableSpreadsheet(Exception):
    """A file that is not a spreadsheet in the template's columns."""


# Reading ------------------------------------------------------------------------------


def read_rows(name, content):
    """[{column: text}] of a CSV or XLSX file's rows, in order; the first row names the columns."""
    if len(content) > MAX_BYTES:
        raise UnreadableSpreadsheet(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif lower.endswith(".csv"):
        table = _csv_table(content)
    else:
        raise UnreadableSpreadsheet("Upload a .csv or .xlsx file.")
    if not table:
        raise UnreadableSpreadsheet("The file is empty: its first row must name the columns.")
    header = [str(cell or "").strip().lower() for cell in table[0]]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise UnreadableSpreadsheet(
            f"Columns missing from the first row: {', '.join(missing)}. Start from the template or an export."
        )
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    if unknown:
        raise UnreadableSpreadsheet(
            f"Unknown columns: {', '.join(unknown)}. The template's columns: {', '.join(COLUMNS)}."
        )
    rows = []
    for cells in table[1:]:
        row = {column: _cell_text(cell) for column, cell in zip(header, cells, strict=False) if column}
        if any(row.values()):
            rows.append(row)
        if len(rows) > MAX_ROWS:
            raise UnreadableSpreadsheet(f"At most {MAX_ROWS:,} rows can be imported at once.")
    return rows


def _csv_table(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableSpreadsheet("The CSV file is not UTF-8 text: save it as “CSV UTF-8”.") from error
    return list(csv.reader(io.StringIO(text)))


def _xlsx_table(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableSpreadsheet("The file could not be read as an Excel workbook (.xlsx).") from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime | datetime.date):
        return f"{cell.year:04d}-{cell.month:02d}"  # a spreadsheet turned "2021-03" into a date
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "-=+@\t\r\n":
        text = text[1:]  # the export's guard against formulas
    return text


# Planning ---------------------------------------------------------------------------


@dataclass
class RowPlan:
    number: int  # the spreadsheet's row number (the header is row 1)
    title: str
    action: str = "skip"  # create, change or skip
    changes: list = field(default_factory=list)  # labels of what changes
    errors: list = field(default_factory=list)
    practice: Practice | None = None
    links: dict = field(default_factory=dict)


@dataclass
class Plan:
    rows: list

    @property
    def errors(self):
        return [(row.number, error) for row in self.rows for error in row.errors]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action and not row.errors)


class _Vocabulary:
    """Every term a row may name, read once per import."""

    def __init__(self):
        self.themes = {theme.title.casefold(): theme for theme in Theme.objects.all()}
        self.countries = {country.code.upper(): country for country in Country.objects.all()}
        self.country_names = {country.name.casefold(): country for country in self.countries.values()}
        self.types = {term.name.casefold(): term for term in PracticeType.objects.all()}
        self.areas = {term.name.casefold(): term for term in Area.objects.all()}


def plan(rows, user):
    """What importing `rows` would do, row by row, writing nothing."""
    vocabulary = _Vocabulary()
    slugs = [_slug_of(row.get("url", "")) for row in rows]
    existing = {
        practice.slug: practice
        for practice in Practice.objects.filter(slug__in=[slug for slug in slugs if slug])
        .select_related("country", "theme")
        .prefetch_related("types", "areas", "tags", "references")
    }
    may_add, may_change = user.has_perm("practices.add_practice"), user.has_perm("practices.change_practice")
    taken = set(Practice.objects.values_list("slug", flat=True))
    seen = {}
    result = []
    for number, (row, slug) in enumerate(zip(rows, slugs, strict=True), start=2):
        row_plan = RowPlan(number, row.get("title", ""))
        result.append(row_plan)
        if slug:
            if slug in seen:
                row_plan.errors.append(f"the same practice as row {seen[slug]} ({row['url']}).")
                continue
            seen[slug] = number
            current = existing.get(slug)
            if current is None:
                row_plan.errors.append(f"no practice has the address {row['url']}; leave “url” empty to add one.")
                continue
            if not may_change:
                row_plan.errors.append("you may not change practices.")
                continue
            _plan_change(row_plan, row, current, vocabulary)
        else:
            if not may_add:
                row_plan.errors.append("you may not add practices.")
                continue
            _plan_creation(row_plan, row, vocabulary, taken)
    return Plan(result)


def _same_text(cell, stored):
    return " ".join(cell.split()) == " ".join((stored or "").split())


def _slug_of(url):
    parts = [part for part in urlsplit(url.strip()).path.split("/") if part]
    return parts[-1] if len(parts) >= 2 and parts[-2] == "practices" else ("" if not url.strip() else url.strip())


def _plan_creation(row_plan, row, vocabulary, taken):
    practice = Practice(status=PublicationStatus.DRAFT)
    values, links = _read_values(row_plan, row, vocabulary)
    if row_plan.errors:
        return
    for name, value in values.items():
        setattr(practice, name, value)
    practice.slug = _free_slug(practice.title, taken)
    row_plan.action, row_plan.practice, row_plan.links = "create", practice, links
    _validate(row_plan, practice)


def _plan_change(row_plan, row, current, vocabulary):
    values, links = _read_values(row_plan, row, vocabulary, present=set(row))
    if row_plan.errors:
        return
    for name, value in values.items():
        if name in _MARKDOWN_FIELDS and _same_text(value, getattr(current, f"{name}_plain")):
            continue  # the export's plain rendering of the stored Markdown, unedited
        if getattr(current, name) != value:
            row_plan.changes.append(str(Practice._meta.get_field(name).verbose_name))
            setattr(current, name, value)
    now = {
        "types": sorted(term.pk for term in current.types.all()),
        "areas": sorted(term.pk for term in current.areas.all()),
        "tags": sorted(tag.name for tag in current.tags.all()),
        "references": [(ref.label, ref.url) for ref in current.references.all()],
    }
    for name, wanted in links.items():
        comparable = sorted(term.pk for term in wanted) if name in ("types", "areas") else wanted
        comparable = sorted(wanted) if name == "tags" else comparable
        if comparable != now[name]:
            row_plan.changes.append(name)
    row_plan.links = {name: links[name] for name in links if name in row_plan.changes}
    row_plan.practice = current
    row_plan.action = "change" if row_plan.changes else "skip"
    if row_plan.changes:
        _validate(row_plan, current)


def _read_values(row_plan, row, vocabulary, present=None):
    """({field: value}, {link: values}) of the columns present, with each problem noted on `row_plan`."""
    present = set(COLUMNS) if present is None else present
    values, links, errors = {}, {}, row_plan.errors
    for column, name in _TEXT_FIELDS.items():
        if column in present:
            values[name] = row.get(column, "")
    if not row.get("title"):
        errors.append("“title” is empty.")
    if "theme" in present:
        theme = vocabulary.themes.get(row.get("theme", "").casefold())
        if theme is None:
            errors.append(f"unknown theme “{row.get('theme', '')}”: use a theme's title as in the export.")
        values["theme"] = theme
    if "level" in present:
        level = row.get("level", "").strip().lower()
        if level not in Level.values:
            errors.append(f"level “{row.get('level', '')}” is not one of {', '.join(Level.values)}.")
        values["level"] = level
    if "country_code" in present or "country" in present:
        values["country"] = _country(row, vocabulary, errors)
    for column in ("start", "end"):
        if column in present:
            values[column] = _month(row.get(column, ""), column, errors)
    if "ongoing" in present:
        ongoing = row.get("ongoing", "").strip().lower()
        if ongoing not in ("yes", "no", ""):
            errors.append(f"“ongoing” is “{row.get('ongoing')}”: write yes, no, or nothing when not known.")
        values["ongoing"] = {"yes": True, "no": False}.get(ongoing)
    if values.get("start") and values.get("end") and values["end"] < values["start"]:
        errors.append(f"the end ({row['end']}) is before the start ({row['start']}).")
    for column, terms, noun in (("types", vocabulary.types, "type"), ("areas", vocabulary.areas, "area")):
        if column in present:
            names = _split(row.get(column, ""))
            unknown = [name for name in names if name.casefold() not in terms]
            if unknown:
                errors.append(f"unknown {noun} “{unknown[0]}”: use the names as in the export.")
            links[column] = [terms[name.casefold()] for name in names if name.casefold() in terms]
    if "tags" in present:
        links["tags"] = _split(row.get("tags", ""))
    if "references" in present:
        links["references"] = [_reference(text) for text in _split(row.get("references", ""))]
    return values, links


def _country(row, vocabulary, errors):
    code = row.get("country_code", "").strip().upper()
    if code:
        country = vocabulary.countries.get(code)
        if country is None:
            errors.append(f"unknown country code “{code}”: use the ISO code, for example ES for Spain.")
        return country
    name = row.get("country", "").strip()
    if name:
        country = vocabulary.country_names.get(name.casefold())
        if country is None:
            errors.append(f"unknown country “{name}”: give its ISO code in “country_code”, for example ES.")
        return country
    return None


def _month(text, column, errors):
    text = text.strip()
    if not text:
        return None
    match = _MONTH.match(text)
    if match and 1 <= int(match[2]) <= 12:
        return datetime.date(int(match[1]), int(match[2]), 1)
    errors.append(f"“{column}” is “{text}”: write a month as year-month, for example 2021-03.")
    return None


def _split(text):
    return [part.strip() for part in text.split(MULTI_VALUE_SEPARATOR.strip()) if part.strip()]


def _reference(text):
    match = _REFERENCE.match(text)
    if match:
        return match["label"], match["url"]
    if re.match(r"^https?://\S+$", text):
        return "", text
    return text, ""


def _free_slug(title, taken):
    base = slugify(title)[:100] or "practice"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _validate(row_plan, practice):
    # Terms come from the vocabulary read once and slugs are kept free by `plan`: checking them
    # again would ask the database once per row.
    exclude = ["search_vector", "heading_vector", "imported_values", "theme", "country", "slug", "reviewed_by"]
    try:
        practice.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = name if name == "__all__" else Practice._meta.get_field(name).verbose_name
            row_plan.errors.extend(f"{label}: {message}" for message in messages)


# Writing ----------------------------------------------------------------------------


class PlanHasErrors(Exception):
    pass


def apply(import_plan, user, source_name):
    """Write every row of a plan without errors, all or nothing; returns (created, changed)."""
    if import_plan.errors:
        raise PlanHasErrors("The spreadsheet has errors: nothing was imported.")
    created = changed = 0
    with transaction.atomic():
        for row in import_plan.rows:
            if row.action == "skip":
                continue
            save_practice(
                row.practice, **row.links, user=user, comment=f"Imported from {source_name}, row {row.number}."
            )
            created += row.action == "create"
            changed += row.action == "change"
    return created, changed


def template_csv():
    """The template: the export's columns, no rows (UTF-8 with a byte-order mark, as the export)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMNS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "practices"
    sheet.append(COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
