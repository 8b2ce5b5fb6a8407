"""The two academy source documents, read into plain records (no database here).

`fixtures/sources/intercultural-integration-academy.txt` is the page of the
5-day Intercultural Integration Academy; `fixtures/sources/online-course-step-by-step.txt`
is the landing page of the online course on the guide *The intercultural city
step by step*. Everything a record holds is the sources' own wording, with sentence case
for the Academy's upper-case day headings; how modules join the shared
vocabulary (areas, tags) is an editorial choice kept in `academy/curation.py`.

A source that no longer has the expected shape raises `SourceFormatError`
naming what is missing, rather than importing something half-read.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

SOURCES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
ACADEMY_SOURCE = SOURCES_DIR / "intercultural-integration-academy.txt"
ONLINE_COURSE_SOURCE = SOURCES_DIR / "online-course-step-by-step.txt"

IN_PERSON_INTENSIVE = "in-person-intensive"
ONLINE_SELF_PACED = "online-self-paced"
CORE, ELECTIVE = "core", "elective"

# The Module fields a ModuleRecord carries, in the order the importer writes them.
MODULE_FIELDS = ("position", "day", "title", "slug", "kind", "summary")
# The Course fields a CourseRecord carries (its modules and key aside).
COURSE_FIELDS = (
    "title", "slug", "format", "position", "summary", "rationale", "audience", "length", "cost", "certificate",
    "anonymity", "practical_notes", "quiz_instructions", "electives_heading", "electives_introduction",
    "rationale_heading", "based_on",
)  # fmt: skip

# Share buttons scraped along with the Academy page; not part of its text.
PAGE_NOISE = re.compile(r"^(?:Social media\s*)+$")


class SourceFormatError(ValueError):
    """The source document does not have the shape this reader knows."""


@dataclass(frozen=True)
class ModuleRecord:
    key: str
    position: int
    title: str
    slug: str
    kind: str
    day: int | None = None
    summary: str = ""


@dataclass(frozen=True)
class CourseRecord:
    key: str
    position: int
    title: str
    slug: str
    format: str
    summary: str
    rationale: str = ""
    rationale_heading: str = ""  # as the source heads it; none where the source gives none
    based_on: str = ""  # the title of the publication the course follows
    audience: str = ""
    length: str = ""
    cost: str = ""
    certificate: str = ""
    anonymity: str = ""
    practical_notes: str = ""
    electives_heading: str = ""
    electives_introduction: str = ""
    quiz_instructions: str = ""
    modules: tuple = field(default_factory=tuple)

    def fields(self):
        """{Course field: value} for everything the source says about the course."""
        return {name: getattr(self, name) for name in COURSE_FIELDS}


def paragraphs(text):
    """The non-empty lines of a source, stripped (non-breaking spaces included), noise dropped."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line and not PAGE_NOISE.match(line)]


def sentence_case(heading):
    """`CULTURAL COMPETENCE TRAINING` -> `Cultural competence training`."""
    lowered = heading.strip().lower()
    return lowered[:1].upper() + lowered[1:]


def _index_of(items, wanted, what):
    try:
        return items.index(wanted)
    except ValueError:
        raise SourceFormatError(f"The source has no “{wanted}” ({what}).") from None


# The Intercultural Integration Academy ---------------------------------------------

ACADEMY_KEY = "academy:intercultural-integration-academy"
DAY_HEADING = re.compile(r"^DAY (\d) [–-] (.+)$")
DAYS_HEADING = re.compile(r"^DAY (\d) and (\d) [–-] (.+)$")
ELECTIVES_SENTENCE = re.compile(r"covering topics as (?P<names>.+?) and many more\.$")
LENGTH_IN_DAYS = re.compile(r"conceived as a (\d+) days? intensive")


def parse_academy(text):
    """The Academy: its rationale, participants, and the programme day by day."""
    items = paragraphs(text)
    participants = _index_of(items, "Participants", "heading")
    activities = _index_of(items, "Activities", "heading")
    rationale = items[:participants]
    if len(rationale) != 3:
        raise SourceFormatError(f"Expected three opening paragraphs before “Participants”, found {len(rationale)}.")
    audience = items[participants + 1 : activities]
    if len(audience) != 1:
        raise SourceFormatError("Expected one paragraph of participants.")
    length = LENGTH_IN_DAYS.search(rationale[2])
    if not length:
        raise SourceFormatError("The Academy's length in days is not stated where expected.")

    programme = items[activities + 1 :]
    introduction = programme[0]
    if not introduction.endswith(":") or DAY_HEADING.match(introduction):
        raise SourceFormatError("The programme should open with a sentence introducing the days.")

    modules, electives_heading, electives_intro = [], "", []
    current = None
    for item in programme[1:]:
        days = DAYS_HEADING.match(item)
        day = DAY_HEADING.match(item)
        if days:
            first, last, title = days.groups()
            electives_heading = f"Days {first} and {last}: {title.lower()}"
            current = "electives"
        elif day:
            title = sentence_case(day.group(2))
            modules.append({"day": int(day.group(1)), "title": title, "kind": CORE, "summary": []})
            current = modules[-1]
        elif current == "electives":
            electives_intro.append(item)
        elif current is not None:
            current["summary"].append(item)
        else:
            raise SourceFormatError(f"Unexpected text before the first day: {item[:60]!r}")

    if [module["day"] for module in modules] != [1, 2, 3]:
        raise SourceFormatError("Expected core modules for days 1, 2 and 3.")
    if not electives_intro:
        raise SourceFormatError("The days 4 and 5 section has no text.")
    names = ELECTIVES_SENTENCE.search(electives_intro[-1])
    if not names:
        raise SourceFormatError("The list of elective modules (“… and many more.”) was not found.")
    elective_titles = [name.strip() for name in names.group("names").split(",") if name.strip()]

    records = []
    for module in modules:
        records.append((module["title"], module["kind"], module["day"], "\n\n".join(module["summary"])))
    for title in elective_titles:
        records.append((title, ELECTIVE, None, ""))
    module_records = []
    for position, (title, kind, day, summary) in enumerate(records, start=1):
        slug = slugify(title)
        module_records.append(
            ModuleRecord(
                key=f"{ACADEMY_KEY}/{slug}", position=position, title=title, slug=slug, kind=kind, day=day,
                summary=summary,
            )
        )  # fmt: skip

    return CourseRecord(
        key=ACADEMY_KEY,
        position=1,
        title="Intercultural Integration Academy",
        slug="intercultural-integration-academy",
        format=IN_PERSON_INTENSIVE,
        # The programme's opening sentence, its closing colon made a full stop.
        summary=introduction[:-1].rstrip() + ".",
        rationale="\n\n".join(rationale),
        audience=participant_list(audience[0]),
        length=f"{length.group(1)} days",
        electives_heading=electives_heading,
        electives_introduction="\n\n".join(electives_intro),
        modules=tuple(module_records),
    )


def participant_list(paragraph):
    """The participants paragraph as a Markdown list, one group per item, wording and punctuation kept."""
    groups = [group.strip() for group in paragraph.split(";")]
    items = [f"- {group};" for group in groups[:-1]] + [f"- {groups[-1]}"]
    return "\n".join(items)


# The online course on the guide "The intercultural city step by step" -------------

ONLINE_COURSE_KEY = "academy:online-course-step-by-step"
WHY_HEADING = "Why take this course?"
PRACTICAL_HEADING = "Practical elements"
MINUTES_RANGE = re.compile(r"vary in length from (\d+) to (\d+) minutes")
INTENDED_FOR = re.compile(r"It is intended primarily for [^.]+\.")
BASED_ON = re.compile(r"This course is based on the guide (?P<title>.+?) as well as")


def parse_online_course(text):
    """The online course: welcome, why, practical elements and the quiz rules; it names no modules."""
    items = paragraphs(text)
    why = _index_of(items, WHY_HEADING, "heading")
    practical = _index_of(items, PRACTICAL_HEADING, "heading")
    welcome = items[:why]
    reasons = items[why + 1 : practical]
    practical_items = items[practical + 1 :]
    if not welcome or not welcome[0].startswith("Welcome"):
        raise SourceFormatError("The course should open with its welcome.")
    if len(reasons) != 1:
        raise SourceFormatError(f"Expected one paragraph under “{WHY_HEADING}”, found {len(reasons)}.")

    quiz = [item for item in practical_items if item.startswith("In each quiz")]
    if len(quiz) != 1:
        raise SourceFormatError("The paragraph on how quizzes work (“In each quiz …”) was not found.")
    conditions = practical_items[-1]
    minutes = MINUTES_RANGE.search(" ".join(practical_items))
    audience = INTENDED_FOR.search(reasons[0])
    based_on = BASED_ON.search(" ".join(welcome))
    if not minutes or not audience or not based_on:
        raise SourceFormatError(
            "The modules' length, the course's audience or the guide it follows is not stated where expected."
        )
    for needed in ("anonymous", "participation is free", "There is no certificate of completion"):
        if needed not in conditions:
            raise SourceFormatError(f"The closing conditions no longer say “{needed}”.")

    return CourseRecord(
        key=ONLINE_COURSE_KEY,
        position=2,
        title="The intercultural city step by step: online course",
        slug="the-intercultural-city-step-by-step-online-course",
        format=ONLINE_SELF_PACED,
        summary="\n\n".join(welcome),
        rationale=reasons[0],
        rationale_heading=WHY_HEADING,
        based_on=based_on["title"],
        # Who it is for is said under "Why take this course?": kept for the list, not repeated on the page.
        audience=audience.group(0),
        length=f"{minutes.group(1)} to {minutes.group(2)} minutes per module",
        cost="Free",
        certificate="No certificate of completion",
        anonymity="Anonymous",
        practical_notes="\n\n".join(item for item in practical_items if item not in quiz),
        quiz_instructions=quiz[0],
        modules=(),
    )


def load_sources(academy_path=ACADEMY_SOURCE, online_course_path=ONLINE_COURSE_SOURCE):
    """Both courses, read from the copies of their sources in fixtures/sources/."""
    return [
        parse_academy(Path(academy_path).read_text(encoding="utf-8")),
        parse_online_course(Path(online_course_path).read_text(encoding="utf-8")),
    ]
