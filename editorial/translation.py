"""Editors' texts in English and French: the one rule deciding which text a reader sees.

Each translated field has a French twin beside it, `<field>_fr`; the English
column stays the source of truth that imports, search triggers, the plain-text
columns and the exports read, and imports never write a `_fr` column. A reader
sees the text in the page's language when an editor wrote it, otherwise the
text in the other language, marked with its own `lang` so that a screen reader
speaks it right, and the page says once that parts of it are not translated.
"""

from dataclasses import dataclass, replace

from django.db.models import F, Func, TextField

from editorial.markdown import excerpt
from vocabulary.names import ENGLISH, page_language

FRENCH = "fr"
# The languages texts are written in; the English columns carry no suffix.
TEXT_LANGUAGES = (ENGLISH, FRENCH)


def column(field, language):
    """The column holding `field` in `language`: `title` in English, `title_fr` in French."""
    return field if language == ENGLISH else f"{field}_{language}"


def columns(fields, languages=TEXT_LANGUAGES):
    """Every language's column of each of `fields`, for querysets that load only some columns."""
    return [column(field, language) for field in fields for language in languages]


def french_twin(field, label):
    """The French column beside an English field: the same kind of field, optional, empty by default."""
    size = {"max_length": field.max_length} if field.max_length else {}
    return type(field)(f"{label} (French)", blank=True, default="", db_default="", help_text=field.help_text, **size)


@dataclass(frozen=True)
class ShownText:
    """A text as a reader sees it: its words and the language they are in, on a page in `page_language`."""

    text: str
    language: str
    page_language: str

    @property
    def is_other_language(self):
        """Shown in a language other than the page's (not yet translated): to be marked with its `lang`."""
        return bool(self.text) and self.language != self.page_language

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def shown_text(item, field, language=None):
    """The text of `item`'s `field` a reader sees: in the page's language if written, else in the other one."""
    language = language or page_language()
    order = (language, *(other for other in TEXT_LANGUAGES if other != language))
    for candidate in order:
        text = getattr(item, column(field, candidate), "") or ""
        if text:
            return ShownText(text, candidate, language)
    return ShownText("", language, language)


def translated_fields(item):
    """The fields of `item` written in both languages (declared by its model as `translated_fields`)."""
    return getattr(type(item), "translated_fields", ())


def untranslated(*shown, language=None):
    """Whether any text `shown` would be in a language other than the page's.

    Each of `shown` is an item, all of whose translated fields the page shows, or a ShownText.
    """
    language = language or page_language()
    return any(
        text.is_other_language
        for item in shown
        for text in ([item] if isinstance(item, ShownText) else
                     (shown_text(item, field, language) for field in translated_fields(item)))
    )  # fmt: skip


def shown_excerpt(item, field, words=40):
    """The first `words` words of `item`'s Markdown `field` as the reader sees it, as plain text (a ShownText)."""
    text = shown_text(item, field)
    return replace(text, text=excerpt(text.text, words))


def untranslated_titles(items, language=None):
    """Whether any of `items`' titles (a list's result lines) is shown in a language other than the page's."""
    language = language or page_language()
    return any(shown_text(item, "title", language).is_other_language for item in items)


def in_page_language(field):
    """The rule above in SQL, for search snippets: `field`'s French where written, else its English, on French pages.

    `in_french` is the SQL function of vocabulary's migration 0007, which the French search vectors use too.
    """
    if page_language() == ENGLISH:
        return F(field)
    return Func(F(column(field, FRENCH)), F(field), function="in_french", output_field=TextField())
