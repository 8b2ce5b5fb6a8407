"""The shared vocabulary (themes, countries, areas, practice types, tag rules) and how raw text maps onto it.

`fixtures/vocabulary.json` is the one place the controlled terms live; every
importer (compendium, projects, academy) calls `load_vocabulary()` first, which
writes the terms idempotently. `Vocabulary` answers which terms a text as
submitted ("Anti-discrimination / anti-racism", "policy and project") names.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from taggit.models import Tag

from vocabulary.models import Area, Country, PracticeType, Theme

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
VOCABULARY_FILE = FIXTURES / "vocabulary.json"
COUNTRIES_FILE = FIXTURES / "countries.json"


@dataclass(frozen=True)
class TermRule:
    slug: str
    name: str
    patterns: tuple

    def matches(self, text):
        return any(re.search(pattern, text, re.IGNORECASE) for pattern in self.patterns)


@dataclass(frozen=True)
class TagRule:
    tag: str
    pattern: str
    fields: tuple

    def matches(self, texts_by_field):
        return any(re.search(self.pattern, texts_by_field.get(name) or "", re.IGNORECASE) for name in self.fields)


@dataclass(frozen=True)
class Vocabulary:
    themes: tuple  # ({"slug", "title"}, ...) in the compendium's order
    areas: tuple  # (TermRule, ...)
    practice_types: tuple
    tag_rules: tuple

    @classmethod
    def from_file(cls, path=VOCABULARY_FILE):
        data = json.loads(Path(path).read_text(encoding="utf-8"))

        def terms(key):
            return tuple(TermRule(t["slug"], t["name"], tuple(t["patterns"])) for t in data[key])

        return cls(
            themes=tuple(data["themes"]),
            areas=terms("areas"),
            practice_types=terms("practice_types"),
            tag_rules=tuple(TagRule(r["tag"], r["pattern"], tuple(r["fields"])) for r in data["tag_rules"]),
        )

    def area_slugs(self, text):
        """The areas of intervention a raw `Area of intervention:` text names, sorted."""
        return sorted(rule.slug for rule in self.areas if rule.matches(text or ""))

    def type_slugs(self, text):
        """The practice types a raw `Type:` text names, sorted."""
        return sorted(rule.slug for rule in self.practice_types if rule.matches(text or ""))

    def tag_names(self, texts_by_field):
        """The tags whose rule matches one of its fields in {field name: text}, sorted."""
        return sorted(rule.tag for rule in self.tag_rules if rule.matches(texts_by_field))

    @property
    def tag_slugs(self):
        return {rule.tag for rule in self.tag_rules}


def read_countries(path=COUNTRIES_FILE):
    """[{"code", "name"}] for every ISO 3166-1 country."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@dataclass
class VocabularyReport:
    created: int = 0

    def __str__(self):
        return f"Vocabulary: {self.created} terms created."


def load_vocabulary(vocabulary=None, countries=None):
    """Create the terms of the shared vocabulary that are missing; returns a VocabularyReport.

    Existing terms are left as they are (editors may have renamed one) and none
    is deleted, so a second call writes nothing.
    """
    vocabulary = vocabulary or Vocabulary.from_file()
    countries = countries if countries is not None else read_countries()
    report = VocabularyReport()
    existing_themes = set(Theme.objects.values_list("slug", flat=True))
    taken_positions = set(Theme.objects.values_list("position", flat=True))
    for position, theme in enumerate(vocabulary.themes, start=1):
        if theme["slug"] in existing_themes:
            continue
        while position in taken_positions:
            position += 100  # a theme added by hand holds the place; it is never moved
        Theme.objects.create(slug=theme["slug"], title=theme["title"], position=position)
        taken_positions.add(position)
        report.created += 1
    for country in countries:
        report.created += Country.objects.get_or_create(code=country["code"], defaults={"name": country["name"]})[1]
    for model, rules in ((Area, vocabulary.areas), (PracticeType, vocabulary.practice_types)):
        for rule in rules:
            report.created += model.objects.get_or_create(slug=rule.slug, defaults={"name": rule.name})[1]
    for tag in sorted(vocabulary.tag_slugs):
        report.created += Tag.objects.get_or_create(slug=tag, defaults={"name": tag})[1]
    return report
