"""Every text an editor can fill reaches readers as text: no script, no event handler, no javascript: link.

The fields come from the models themselves: every editable CharField, TextField,
URLField and EmailField of the content models, so a field added later is either
shown on a page checked here or listed in NOT_ON_ANY_PAGE, or this file fails.
All of them hold a hostile payload at once. Each public page is parsed: it must
carry no script but the site's own files, no event handler attribute, no
javascript: address and no injected image, while still showing, as text, each
field it is meant to show (the field's marker word, the payload's words after it).

Left out on purpose:
- slugs: a hostile value is not a slug (the admin refuses it, the URL patterns would not match it);
- fields with choices (level, status, format, kind): editors pick from a fixed list;
- Country.code: the two-letter primary key cannot hold a payload.
URL fields hold javascript: addresses written straight through the ORM (the admin's
form refuses them, an import or a script might not); a twin row or object with an
https address proves the page does make links of that field.
"""

import csv
import io
import itertools
import re
from functools import partial
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connection, models
from django.utils.html import escape
from taggit.models import Tag

from academy.models import Course, Module, QuizOption, QuizQuestion
from practices.models import Practice, ReferenceLink
from projects.models import (
    Activity,
    Category,
    FundingProgramme,
    ImpactTarget,
    Objective,
    Partner,
    Project,
    Resource,
    SocialLink,
)
from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as make_project
from vocabulary.models import Area, Country, PracticeType, Theme

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    Practice, ReferenceLink, Project, Objective, Activity, Resource, ImpactTarget, Partner, SocialLink,
    Category, FundingProgramme, Course, Module, QuizQuestion, QuizOption, Area, PracticeType, Theme, Country, Tag,
]  # fmt: skip


def editor_text_fields(model):
    """The text fields an editor fills on `model` (URL and e-mail fields are CharFields too)."""
    for field in model._meta.get_fields():
        if not isinstance(field, models.CharField | models.TextField) or not field.editable:
            continue
        if isinstance(field, models.SlugField) or field.choices or field.primary_key:
            continue
        yield field


FIELDS = {f"{model.__name__}.{field.name}": field for model in CONTENT_MODELS for field in editor_text_fields(model)}

# One word per field, so a page can be seen to show that very field. No "x" inside,
# so no marker can be read inside another.
MARKERS = {
    key: f"xx{first}{second}xx"
    for key, (first, second) in zip(FIELDS, itertools.product("abcdefghijklmnopqrstuvw", repeat=2), strict=False)
}

# Most telling first: fields too short for all of them keep the first ones that fit.
PIECES = [
    '" onmouseover="alert(5)',
    "<img src=x onerror=alert(1)>",
    "<script>alert('xss')</script>",
    "[click](javascript:alert(2))",
    '<a href="javascript:alert(3)" onclick="alert(4)">x</a>',
    "&lt;img src=x onerror=alert(6)&gt;",  # escaped in Markdown: must not come back as markup
]
FORMULA_STARTS = "=+-@"  # every payload starts like a spreadsheet formula, for the CSV exports
JAVASCRIPT_URLS = ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)"]


def _hostile_text(index, key):
    field = FIELDS[key]
    text = FORMULA_STARTS[index % len(FORMULA_STARTS)] + MARKERS[key]
    for piece in PIECES:
        if field.max_length is None or len(text) + 1 + len(piece) <= field.max_length:
            text += " " + piece
    return text


HOSTILE = {
    key: JAVASCRIPT_URLS[index % len(JAVASCRIPT_URLS)]
    if isinstance(field, models.URLField)
    else _hostile_text(index, key)
    for index, (key, field) in enumerate(FIELDS.items())
}
# A followable address carrying the field's marker; a YouTube address so a module's video plays in its player.
SAFE_URL = "https://www.youtube.com/watch?v={}"


def texts(model, *, safe_urls=False):
    """{field name: hostile value} for every editor text field of `model`; `safe_urls`: https addresses instead."""
    values = {}
    for key, field in FIELDS.items():
        if key.startswith(f"{model.__name__}."):
            safe = safe_urls and isinstance(field, models.URLField)
            values[field.name] = SAFE_URL.format(MARKERS[key]) if safe else HOSTILE[key]
    return values


# Reading a page as a browser would ---------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}
C0_AND_SPACE = "".join(map(chr, range(0x21)))


class Page(HTMLParser):
    """The elements (tag, [(attribute, value)]) of an HTML text and its text outside script and style."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self._texts, self._hidden = [], [], None
        self.feed(html)
        self.close()
        self.text = "".join(self._texts)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag in ("script", "style"):
            self._hidden = tag

    def handle_endtag(self, tag):
        if tag == self._hidden:
            self._hidden = None

    def handle_data(self, data):
        if not self._hidden:
            self._texts.append(data)


def is_javascript_url(value):
    """As a browser reads an address: tabs and newlines dropped, leading controls and spaces ignored."""
    cleaned = "".join(character for character in value or "" if character not in "\t\n\r").lstrip(C0_AND_SPACE)
    return cleaned.lower().startswith(("javascript:", "vbscript:"))


def unsafe_markup(page):
    """What in the page could run script: [(what, tag, attributes)]."""
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    problems = []
    for tag, attrs in page.elements:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith(static_url):
            problems.append(("script element", tag, attrs))
        if tag == "img" and values.get("src") == "x":
            problems.append(("injected image", tag, attrs))
        for name, value in attrs:
            if name.startswith(("on", "hx-on")):
                problems.append(("event handler", tag, attrs))
            if name in URL_ATTRIBUTES and is_javascript_url(value):
                problems.append(("javascript: address", tag, attrs))
    return problems


def shows(page, key):
    """Whether the page shows this field: its address as a link, or its marker as text with the payload's words."""
    marker = MARKERS[key]
    if isinstance(FIELDS[key], models.URLField):
        return any(marker in (value or "") for _, attrs in page.elements for name, value in attrs if name == "href")
    words = " ".join(page.text.split())
    following = (words[found.end() : found.end() + 80] for found in re.finditer(marker, words))
    return any("alert" in text or "click" in text for text in following)


# The hostile site ---------------------------------------------------------------------------------


@pytest.fixture
def site():
    theme = Theme.objects.create(slug="hostile-theme", position=900, **texts(Theme))
    country = make.country(code="ZZ", **texts(Country))
    area = make.area(slug="hostile-area", **texts(Area))
    practice_type = make.practice_type(slug="hostile-type", **texts(PracticeType))
    tag = texts(Tag)["name"]
    vocabulary = {"areas": [area], "tags": [tag]}

    references = [texts(ReferenceLink), texts(ReferenceLink, safe_urls=True)]
    practice = make.practice(
        **texts(Practice), slug="hostile-practice", theme=theme, country=country, types=[practice_type],
        references=[(reference["label"], reference["url"]) for reference in references], **vocabulary,
    )  # fmt: skip
    # Transnational (no country), so the list shows its promoter; related to the first by tag and area.
    other = make.practice(**texts(Practice), slug="transnational-practice", theme=theme, country=None, **vocabulary)

    category = make_project.category(slug="hostile-category", **texts(Category))
    programme = make_project.programme(slug="hostile-programme", **texts(FundingProgramme))

    def project(slug, safe_urls):
        activity, target, partner = texts(Activity), texts(ImpactTarget), texts(Partner)
        resources = [texts(Resource), texts(Resource, safe_urls=True)]
        created = make_project.project(
            **texts(Project, safe_urls=safe_urls), slug=slug, programme=programme, categories=[category],
            objectives=[texts(Objective)["text"]], activities=[(activity["name"], activity["description"])],
            resources=[(resource["title"], resource["url"]) for resource in resources],
            targets=[(40, target["counts"], target["wording"])],
            partners=[(partner["organisation"], country, partner["role"])], **vocabulary,
        )  # fmt: skip
        ImpactTarget.objects.filter(project=created).update(achieved=12, achieved_source=target["achieved_source"])
        for position, links in enumerate([texts(SocialLink), texts(SocialLink, safe_urls=True)]):
            SocialLink.objects.create(project=created, position=position, **links)
        return created

    hostile_project = project("hostile-project", safe_urls=False)
    twin_project = project("twin-project", safe_urls=True)  # its website is an https address

    course = build.course(**texts(Course), slug="hostile-course")
    core = build.module(course, **texts(Module), slug="core", day=1, **vocabulary)
    # An elective without a day (the course page's electives), with a video the page can play.
    elective = build.module(course, **texts(Module, safe_urls=True), slug="elective", kind="elective", **vocabulary)
    option = texts(QuizOption)
    options = [(option["text"], is_correct, option["feedback"]) for is_correct in (True, False)]
    question = build.question(core, texts(QuizQuestion)["text"], options=options)

    # The builders write the English texts of a project's and a quiz's children; their French ones too.
    for model in (Objective, Activity, QuizQuestion, QuizOption):
        model.objects.update(**{name: value for name, value in texts(model).items() if name.endswith("_fr")})
    for model in CONTENT_MODELS:  # the builders left no editor text empty or harmless
        fields = [name for name in texts(model) if not isinstance(model._meta.get_field(name), models.URLField)]
        for row in model.objects.values(*fields):
            assert row == {name: texts(model)[name] for name in fields}, model
    return {
        "practice": practice, "other": other, "project": hostile_project, "twin_project": twin_project,
        "course": course, "core": core, "elective": elective, "question": question,
    }  # fmt: skip


def answer_wrongly(client, site):
    wrong = site["question"].options.get(is_correct=False)
    answer = {"question": site["question"].pk, "option": wrong.pk}
    return client.post(site["core"].get_absolute_url(), answer, headers={"Origin": "http://testserver"})


PAGES = {
    "home": lambda client, site: client.get("/"),
    "practice list": lambda client, site: client.get("/practices/"),
    "practice search": lambda client, site: client.get("/practices/", {"q": MARKERS["Practice.impact"]}),
    "practice": lambda client, site: client.get(site["practice"].get_absolute_url()),
    "project list": lambda client, site: client.get("/projects/"),
    "project search": lambda client, site: client.get("/projects/", {"q": MARKERS["Activity.description"]}),
    "project": lambda client, site: client.get(site["project"].get_absolute_url()),
    "twin project": lambda client, site: client.get(site["twin_project"].get_absolute_url()),
    "academy": lambda client, site: client.get("/academy/"),
    "course": lambda client, site: client.get(site["course"].get_absolute_url()),
    "module": lambda client, site: client.get(site["core"].get_absolute_url()),
    "elective module": lambda client, site: client.get(site["elective"].get_absolute_url()),
    "quiz answer": answer_wrongly,
}


class FrenchClient:
    """A test client asking for the French address of each page, a search for the French twin's marker."""

    def __init__(self, client):
        self.client = client

    def get(self, path, data=None):
        if data and "q" in data:
            data = {"q": MARKERS[FRENCH_SEARCHES[data["q"]]]}
        return self.client.get(in_french_address(path), data)

    def post(self, path, data, **kwargs):
        return self.client.post(in_french_address(path), data, **kwargs)


def in_french_address(path):
    """The French page's address (an address reversed after a French request is one already)."""
    return path if path.startswith("/fr/") else "/fr" + path


def in_french_page(visit, client, site):
    return visit(FrenchClient(client), site)


# The same pages in French (editorial/translation.py): each shows the French texts instead.
PAGES |= {f"{name} in French": partial(in_french_page, visit) for name, visit in PAGES.items() if name != "home"}

PRACTICE_VOCABULARY = ["Theme.title", "Country.name", "Area.name", "PracticeType.name", "Tag.name"]
# A result line shows the period read from the duration; the practice's page the duration as written.
PRACTICE_LINE = ["Practice.title", "Practice.place", "Practice.promoter", *PRACTICE_VOCABULARY]
PROJECT_LINE = ["Project.acronym", "Project.title", "FundingProgramme.name", "Category.name", "Area.name"]
PROJECT = [
    *PROJECT_LINE, "Project.summary", "Project.project_number", "Project.coordinator", "Project.contact_email",
    "Objective.text", "Activity.name", "Activity.description", "Resource.title", "Resource.url", "ImpactTarget.counts",
    "ImpactTarget.wording", "ImpactTarget.achieved_source", "Partner.organisation", "Partner.role", "Country.name",
    "FundingProgramme.full_wording", "Tag.name", "SocialLink.label", "SocialLink.url", "Practice.title",
    "Practice.place", "Module.title", "Course.title",
]  # fmt: skip
MODULE = [
    "Module.title", "Module.summary", "Module.guide_section", "Course.title", "Area.name", "Tag.name",
    "Practice.title", "Practice.place", "Country.name", "Project.acronym", "Project.title",
]  # fmt: skip
QUIZ = ["Course.quiz_instructions", "QuizQuestion.text", "QuizOption.text"]
# What each page shows; a search shows a snippet around the match instead of the excerpt.
PAGE_FIELDS = {
    "home": ["Theme.title", "Country.name"],
    "practice list": [*PRACTICE_LINE, "Practice.purpose"],
    "practice search": [*PRACTICE_LINE, "Practice.impact"],
    "practice": [
        *PRACTICE_LINE, "Practice.duration_text", "Practice.type_text", "Practice.area_text", "Practice.purpose",
        "Practice.rationale",
        "Practice.process", "Practice.impact", "Practice.further_information", "ReferenceLink.label",
        "ReferenceLink.url",
    ],
    "project list": [*PROJECT_LINE, "Project.summary"],
    "project search": [*PROJECT_LINE, "Activity.name", "Activity.description"],
    "project": PROJECT,
    "twin project": [*PROJECT, "Project.website"],
    "academy": ["Course.title", "Course.length", "Course.audience", "Area.name"],
    "course": [
        "Course.title", "Course.summary", "Course.rationale", "Course.audience", "Course.length", "Course.cost",
        "Course.certificate", "Course.anonymity", "Course.practical_notes", "Course.quiz_instructions",
        "Course.electives_heading", "Course.electives_introduction", "Course.rationale_heading", "Course.based_on",
        "Module.title", "Module.summary",
    ],
    "module": [*MODULE, *QUIZ],
    "elective module": [*MODULE, "Module.video_url", "Course.electives_heading"],
    "quiz answer": [*MODULE, *QUIZ, "QuizOption.feedback"],
}  # fmt: skip
# What a French search looks for: the French twin of the English one's field.
FRENCH_SEARCHES = {
    MARKERS["Practice.impact"]: "Practice.impact_fr",
    MARKERS["Activity.description"]: "Activity.description_fr",
}


def in_french(keys):
    """The French twins of the fields a page shows (editorial/translation.py): what its French page shows."""
    return [f"{key}_fr" for key in keys if f"{key}_fr" in FIELDS]


PAGE_FIELDS |= {f"{name} in French": in_french(keys) for name, keys in PAGE_FIELDS.items() if name != "home"}
NOT_ON_ANY_PAGE = {
    "Theme.description": "no public page shows a theme's description",
    "FundingProgramme.directorate": "only the admin shows a programme's directorate",
}


def test_every_editor_text_field_is_checked_on_some_page():
    checked = {key for keys in PAGE_FIELDS.values() for key in keys} | set(NOT_ON_ANY_PAGE)
    assert set(FIELDS) - checked == set()
    assert checked - set(FIELDS) == set()
    assert len(FIELDS) >= 60


@pytest.mark.parametrize(
    "snippet",
    [
        "<p>Hello</p><img src=x onerror=alert(1)>",
        "<script>alert('xss')</script>",
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#9;script:alert(1)">x</a>',
        '<a href="#" onclick="alert(4)">x</a>',
        '<div hx-on:click="alert(1)">x</div>',
        '<script src="https://evil.example/x.js"></script>',
    ],
)
def test_the_checker_catches_unsafe_markup(snippet):
    assert unsafe_markup(Page(snippet)) != []


def test_the_checker_lets_the_sites_own_scripts_and_escaped_text_through():
    page = Page(
        f'<script src="/{settings.STATIC_URL.lstrip("/")}js/browse.js" defer></script>'
        f'<p title="{escape(HOSTILE["Practice.title"])}">{escape(HOSTILE["Practice.title"])}</p>'
        '<a href="https://example.org/">x</a>'
    )
    assert unsafe_markup(page) == []
    assert shows(page, "Practice.title")
    assert not shows(page, "Practice.place")


@pytest.mark.parametrize("name", PAGE_FIELDS)
def test_each_page_shows_editor_text_as_text_and_nothing_that_runs(client, site, name):
    response = PAGES[name](client, site)
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert unsafe_markup(page) == []
    assert [key for key in PAGE_FIELDS[name] if not shows(page, key)] == []
    # Escaped, not dropped: the reader sees the script tag an editor typed, as words.
    assert "<script>alert('xss')</script>" in page.text


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_gives_readers_text_not_markup(client, site):
    response = client.get("/practices/feed/")
    assert response.status_code == 200
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 - our own feed
    assert len(entries) == 2
    for entry in entries:
        title, summary = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")
        assert title.get("type", "text") == "text"  # a feed reader shows it as it is
        assert MARKERS["Practice.title"] in title.text
        assert "<script>alert('xss')</script>" in title.text
        # type="html": the reader renders the summary as HTML, so it is checked as a page.
        shown = Page(summary.text if summary.get("type") == "html" else escape(summary.text))
        assert unsafe_markup(shown) == []
        assert shows(shown, "Practice.purpose")
        assert not is_javascript_url(entry.find(f"{ATOM}link").get("href"))


EXPORTS = {
    "/practices/export.csv": {
        "title": "Practice.title", "country": "Country.name", "place": "Practice.place", "theme": "Theme.title",
        "types": "PracticeType.name", "areas": "Area.name", "tags": "Tag.name", "promoter": "Practice.promoter",
        "duration": "Practice.duration_text", "purpose": "Practice.purpose", "rationale": "Practice.rationale",
        "process": "Practice.process", "impact": "Practice.impact",
        "further_information": "Practice.further_information", "type_as_submitted": "Practice.type_text",
        "area_as_submitted": "Practice.area_text",
    },
    "/projects/export.csv": {
        "acronym": "Project.acronym", "title": "Project.title", "programme": "FundingProgramme.name",
        "categories": "Category.name", "areas": "Area.name", "objectives": "Objective.text",
        "contact_email": "Project.contact_email",
    },
    "/academy/export.csv": {
        "course": "Course.title", "module": "Module.title", "summary": "Module.summary",
        "guide_section": "Module.guide_section", "areas": "Area.name", "tags": "Tag.name",
        "questions": "QuizQuestion.text",
    },
}  # fmt: skip
EXPORTED_OBJECT = {
    "/practices/export.csv": "practice",
    "/projects/export.csv": "project",
    "/academy/export.csv": "core",
}


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_carry_editor_text_as_text_with_formulas_neutralised(client, site, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")  # never read as HTML
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode().removeprefix("\ufeff"))))
    assert len(rows) == 2
    for row in rows:
        assert [cell for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")] == []
    path = site[EXPORTED_OBJECT[url]].get_absolute_url()
    (row,) = [row for row in rows if row["url"].endswith(path)]
    for column, key in EXPORTS[url].items():
        assert HOSTILE[key][0] in FORMULA_STARTS
        assert row[column] == "'" + as_exported(url, column, HOSTILE[key]), column


# The practices' long texts are exported as plain text: their Markdown links as "label (address)".
PLAIN_TEXT_COLUMNS = {("/practices/export.csv", name) for name in (
    "purpose", "rationale", "process", "impact", "further_information")}  # fmt: skip


def as_exported(url, column, text):
    if (url, column) not in PLAIN_TEXT_COLUMNS:
        return text
    with connection.cursor() as cursor:
        cursor.execute("SELECT markdown_plain(%s)", [text])
        return cursor.fetchone()[0]
