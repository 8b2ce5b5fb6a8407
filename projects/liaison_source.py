"""Read a project from the text of its publishers' web pages, without the database.

LIAISON is published twice: on its coordinator's site (CESIE, with section
headings) and on a partner's site (the same blocks in the same order, without
headings). `parse_page` reads one page into a `ProjectPage`; `merge_pages`
joins the pages into one `ProjectRecord`: lists are the union of both pages in
their published order, single values must agree (a disagreement is an error,
never a silent pick).

Only recognised content becomes data. The page's chrome (breadcrumbs, link
labels such as "Follow the project updates >>", the site's blog teaser after
"Social Media") is skipped by rule, and any other unexpected line stops the
import with `SourceFormatError`, so a changed page is noticed.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify


class SourceFormatError(ValueError):
    """The page does not look like the project pages this parser knows."""


class SourceConflict(ValueError):
    """Two pages give different values for something a project has only once."""


@dataclass(frozen=True)
class Activity:
    name: str
    description: str = ""


@dataclass(frozen=True)
class ImpactTarget:
    number: int
    counts: str
    wording: str


@dataclass(frozen=True)
class Programme:
    slug: str
    name: str
    directorate: str
    full_wording: str


@dataclass
class ProjectPage:
    """What one publisher's page says, line by line as published."""

    acronym: str = ""
    title: str = ""
    categories: list = field(default_factory=list)
    objectives: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    impact: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    project_number: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    programme_wording: str = ""
    contact_email: str = ""
    website: str = ""
    footer: str = ""


@dataclass
class ProjectRecord:
    """One project as the importer writes it."""

    acronym: str
    title: str
    categories: list
    objectives: list
    activities: list  # of Activity
    resources: list
    impact_targets: list  # of ImpactTarget
    partners: list
    project_number: str
    start: datetime.date | None
    end: datetime.date | None
    programme: Programme | None
    contact_email: str
    website: str
    coordinator: str
    # The pages have no summary paragraph, and nothing is written in their place.
    summary: str = ""
    # What identifies the project across imports (Project.source_key).
    key: str = ""

    @property
    def slug(self):
        return slugify(self.acronym or self.title)


# Reading one page ----------------------------------------------------------

BLOCKS = ["objectives", "activities", "resources", "impact", "partners"]
BLOCK_HEADINGS = {
    "objectives": "objectives",
    "activities": "activities",
    "resource": "resources",
    "resources": "resources",
    "impact": "impact",
    "partners": "partners",
}
FACTS_START = "the project"
# Labels of the "project facts" box, as either site words them.
FACT_LABELS = {
    "project number",
    "date of the project",
    "implementation date",
    "dg of reference",
    "categories",
    "unit",
    "info & contacts",
    "e-mail",
    "visit the website",
}
PROJECT_NUMBER_LABEL = "project number"
CATEGORIES_LABEL = "categories"
CATEGORY_SUB_LABELS = {"unit"}
# Link texts that lead elsewhere; never data.
LINK_LABELS = {"follow the project updates >>", "follow the project in action"}
# Everything after this heading is the site's own widgets (social links, blog teasers, footer).
SITE_CHROME_START = "social media"

BULLET = re.compile(r"^\s*[•·*\-]\s+(?P<text>.+?)\s*$")
BREADCRUMB = re.compile(r"^Home\s*(?P<separator>/|»|>|›)\s*")
TITLE_SEPARATOR = re.compile(r"\s+[–—-]\s+")
ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9&+.'-]{1,39}$")
DATE_RANGE = re.compile(
    r"^(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})\s*[–—-]\s*(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})$"
)
PROGRAMME = re.compile(r"^(?P<directorate>DG\s+[A-Z]+)\s+[–—-]\s+(?P<wording>.+)$")
EMAIL = re.compile(r"^[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)$")
WEBSITE = re.compile(r"^https?://\S+$")
# Grant agreement numbers and call codes: 101049474, REC-RAC-RACI-AG-2019/874987; no spaces.
PROJECT_NUMBER = re.compile(r"^[A-Z0-9][\w./-]*$", re.IGNORECASE)
# A footer made of one word, the publisher's name ("CESIE").
FOOTER_NAME = re.compile(r"^[A-Z][A-Za-z0-9&.-]{1,39}$")


def _clean(line):
    return " ".join(unicodedata.normalize("NFC", line).replace("\u00a0", " ").split())


def parse_page(text):
    """One publisher's page as a `ProjectPage`."""
    lines = [_clean(line) for line in text.splitlines()]
    page = ProjectPage()
    position = _read_title(lines, page)
    position = _read_breadcrumbs(lines, position, page)
    position = _read_blocks(lines, position, page)
    _read_facts(lines, position, page)
    return page


def _next_filled(lines, position):
    while position < len(lines) and not lines[position]:
        position += 1
    return position


def _read_title(lines, page):
    position = _next_filled(lines, 0)
    if position == len(lines):
        raise SourceFormatError("The page is empty.")
    heading = lines[position]
    parts = TITLE_SEPARATOR.split(heading, maxsplit=1)
    if len(parts) == 2 and ACRONYM.match(parts[0]):
        page.acronym, page.title = parts
    else:
        page.title = heading
    return position + 1


def _heading(page):
    return f"{page.acronym} – {page.title}" if page.acronym else page.title


def _read_breadcrumbs(lines, position, page):
    """`Home / Projects / Migration / <title>`: the segments between Projects and the title are categories."""
    position = _next_filled(lines, position)
    match = BREADCRUMB.match(lines[position]) if position < len(lines) else None
    if not match:
        return position
    segments = [segment.strip() for segment in lines[position].split(match.group("separator"))]
    if len(segments) < 3 or segments[1].casefold() != "projects" or segments[-1] != _heading(page):
        raise SourceFormatError(f"Unexpected breadcrumbs: {lines[position]!r}")
    page.categories.extend(segments[2:-1])
    return position + 1


def _read_blocks(lines, position, page):
    """The bulleted blocks, named by their heading or, on a page without headings, by their order."""
    named = None  # a heading seen and not yet followed by its bullets
    current = None  # the block the bullets being read belong to
    last_index = -1
    while position < len(lines):
        line = lines[position]
        folded = line.casefold()
        if folded == FACTS_START:
            return position + 1
        bullet = BULLET.match(line)
        if bullet:
            if current is None:
                current = named or _next_block(last_index, line)
                last_index = BLOCKS.index(current)
                named = None
            getattr(page, current).append(bullet.group("text"))
        elif not line:
            current = None
        elif folded in BLOCK_HEADINGS:
            named = BLOCK_HEADINGS[folded]
            if BLOCKS.index(named) <= last_index:
                raise SourceFormatError(f"The “{line}” block comes out of order.")
            current = None
        else:
            raise SourceFormatError(f"Unexpected line among the project's blocks: {line!r}")
        position += 1
    raise SourceFormatError("The page has no “The project” facts box.")


def _next_block(last_index, line):
    if last_index + 1 >= len(BLOCKS):
        raise SourceFormatError(f"More bulleted blocks than expected, at {line!r}")
    return BLOCKS[last_index + 1]


def _read_facts(lines, position, page):
    """The facts box: labelled values on one site, bare values on the other, recognised by their form."""
    label = None
    while position < len(lines):
        line = lines[position]
        folded = line.casefold()
        position += 1
        if not line:
            continue
        if folded == SITE_CHROME_START:
            break
        if folded in FACT_LABELS:
            if folded in (PROJECT_NUMBER_LABEL, CATEGORIES_LABEL):
                label = folded
            elif folded not in CATEGORY_SUB_LABELS:
                label = None
            continue
        if folded in LINK_LABELS or line == _heading(page):
            continue
        if dates := DATE_RANGE.match(line):
            page.start = _day_month_year(dates, "1")
            page.end = _day_month_year(dates, "2")
        elif PROGRAMME.match(line):
            page.programme_wording = line
        elif EMAIL.match(line):
            page.contact_email = line
        elif WEBSITE.match(line):
            page.website = line
        elif label == PROJECT_NUMBER_LABEL and PROJECT_NUMBER.match(line):
            page.project_number = line
            label = None
        elif label == CATEGORIES_LABEL:
            if _key(line) not in {_key(category) for category in page.categories}:
                page.categories.append(line)  # "Unit: Migration" repeats the breadcrumb's category
        else:
            raise SourceFormatError(f"Unexpected line in the project facts: {line!r}")
    footer = next((line for line in reversed(lines[position:]) if line), "")
    if FOOTER_NAME.match(footer) and footer.casefold() not in LINK_LABELS:
        page.footer = footer


def _day_month_year(match, which):
    """Dates on these sites are day/month/year: 03/02/2020 is 3 February 2020."""
    try:
        return datetime.date(int(match[f"y{which}"]), int(match[f"m{which}"]), int(match[f"d{which}"]))
    except ValueError as error:
        raise SourceFormatError(f"Not a day/month/year date in {match.group(0)!r}: {error}") from None


# Merging the pages ---------------------------------------------------------


def _key(text):
    """Two bullets are the same whatever their spacing, case or kind of apostrophe."""
    return _clean(text).replace("\u2019", "'").casefold()


def union_in_order(*lists):
    """Every item of every list once, in the first list's order.

    An item a later list adds goes right after the item it follows there (so a
    resource one page lacks keeps its place), or at the end when it follows
    nothing already known (so the second page's category comes second).
    """
    merged = []
    for items in lists:
        anchor = None
        for item in items:
            keys = [_key(existing) for existing in merged]
            if _key(item) in keys:
                anchor = keys.index(_key(item))
            elif anchor is None:
                merged.append(item)
                anchor = len(merged) - 1
            else:
                anchor += 1
                merged.insert(anchor, item)
    return merged


def _agreed(name, values):
    """The one value the pages give (empty when none does); different values are a conflict."""
    given = [value for value in values if value not in ("", None)]
    distinct = list(dict.fromkeys(given))
    if len(distinct) > 1:
        raise SourceConflict(f"The pages disagree on the {name}: {' / '.join(map(str, distinct))}")
    return distinct[0] if distinct else type(values[0])() if isinstance(values[0], str) else None


def merge_pages(pages):
    """One record from the pages of the same project; the coordinator's page first."""
    if not pages:
        raise ValueError("No page to read.")
    programme_wording = _agreed("funding programme", [page.programme_wording for page in pages])
    return ProjectRecord(
        acronym=_agreed("acronym", [page.acronym for page in pages]),
        title=_agreed("title", [page.title for page in pages]),
        categories=union_in_order(*(page.categories for page in pages)),
        objectives=union_in_order(*(page.objectives for page in pages)),
        activities=[parse_activity(text) for text in union_in_order(*(page.activities for page in pages))],
        resources=union_in_order(*(page.resources for page in pages)),
        impact_targets=[parse_impact_target(text) for text in union_in_order(*(page.impact for page in pages))],
        partners=union_in_order(*(page.partners for page in pages)),
        project_number=_agreed("project number", [page.project_number for page in pages]),
        start=_agreed("start date", [page.start for page in pages]),
        end=_agreed("end date", [page.end for page in pages]),
        programme=parse_programme(programme_wording) if programme_wording else None,
        contact_email=_agreed("contact e-mail", [page.contact_email for page in pages]),
        website=_agreed("website", [page.website for page in pages]),
        coordinator=_agreed("coordinator", [coordinator_named_by(page) for page in pages]),
    )


def coordinator_named_by(page):
    """The page's publisher when the page itself shows it coordinates the project, else "".

    Two signals must agree: the publisher's name closing the page (CESIE's
    footer) and the project's contact address at that publisher's domain
    (daria.labarbera@cesie.org). A partner's page shows neither.
    """
    email = EMAIL.match(page.contact_email or "")
    if not page.footer or not email:
        return ""
    organisation = email.group("domain").split(".")[-2]
    return page.footer if organisation.casefold() == page.footer.casefold() else ""


# Reading one bullet --------------------------------------------------------


def parse_activity(text):
    """`Participatory study: a study …` is a name and what it is; without a colon, all name."""
    name, colon, description = text.partition(":")
    if not colon or not name.strip():
        return Activity(text.strip())
    return Activity(name.strip(), description.strip())


TARGET = re.compile(
    r"^(?:(?:at\s+least|over|more\s+than|up\s+to|about|around|some)\s+)?"
    r"(?P<number>\d{1,3}(?:[,\u202f ]\d{3})+|\d+)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# What is counted is the noun phrase before how it is reached: "community members | reached through …".
HOW_REACHED = re.compile(
    r"\s+(?:reached|attending|through|trained|involved|participating|taking\s+part|engaged|who|by)\b", re.IGNORECASE
)


def parse_impact_target(text):
    """`At least 500 community members reached through …` -> 500, "community members", the sentence."""
    match = TARGET.match(text.strip())
    if not match:
        raise SourceFormatError(f"An impact target without a number: {text!r}")
    number = int(re.sub(r"\D", "", match["number"]))
    if number <= 0:
        raise SourceFormatError(f"An impact target must count something: {text!r}")
    counts = HOW_REACHED.split(match["rest"], maxsplit=1)[0].strip(" ,.;")
    return ImpactTarget(number=number, counts=counts, wording=text.strip())


GRANT_KIND = re.compile(
    r"^(?P<call>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\s+(?P<kind>(?:action|operating)\s+grant)\b", re.IGNORECASE
)


def parse_programme(wording):
    """`DG JUST – REC-RACI Action Grant to …` -> "REC-RACI action grant (DG JUST)", directorate DG JUST."""
    match = PROGRAMME.match(wording)
    if not match:
        raise SourceFormatError(f"Not a funding programme: {wording!r}")
    directorate = match["directorate"]
    grant = GRANT_KIND.match(match["wording"])
    call = f"{grant['call']} {grant['kind'].lower()}" if grant else match["wording"].split(" to ")[0]
    name = f"{call} ({directorate})"
    return Programme(slug=slugify(name), name=name, directorate=directorate, full_wording=wording)


# The LIAISON pages ---------------------------------------------------------

# The coordinator's page first: its values lead where the pages agree.
LIAISON_PAGES = ["liaison-cesie.txt", "liaison-partner.txt"]
LIAISON_SOURCE_KEY = "liaison"

# Areas of intervention and tags (shared vocabulary slugs, fixtures/vocabulary.json)
# the pages' own words put the project in, each with the phrase that justifies
# it. The importer checks every phrase is still in the pages, so the
# classification cannot drift from them. Not "anti-rumours": LIAISON never
# calls itself an anti-rumours strategy.
LIAISON_AREAS = {
    "intercultural-dialogue": "work together to improve dialogue and mutual understanding",
    "human-rights-and-anti-discrimination": "raising awareness on its potential to prevent hatred",
    "social-and-political-participation": (
        "actively involve the aforementioned groups in the promotion of joint initiatives"
    ),
    "multilevel-governance": (
        "strengthen cooperation between CSOs, MAs and Muslim communities, community leaders and local authorities"
    ),
    "communication-and-public-awareness": "Awareness-raising campaigns",
}
LIAISON_TAGS = {"migrants": "migrant communities"}


def read_liaison(sources_directory):
    """The LIAISON record from the copies of its pages in `sources_directory` (coordinator's first)."""
    texts = [(Path(sources_directory) / name).read_text(encoding="utf-8") for name in LIAISON_PAGES]
    record = merge_pages([parse_page(text) for text in texts])
    record.key = LIAISON_SOURCE_KEY
    return record


def missing_evidence(texts, evidence):
    """The classification phrases no longer found in the pages (should be empty)."""
    joined = _key(" ".join(texts))
    return {slug: phrase for slug, phrase in evidence.items() if _key(phrase) not in joined}
