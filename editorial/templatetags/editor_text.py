from urllib.parse import urlsplit

from django import template
from django.utils.html import conditional_escape, format_html

from editorial.markdown import marked_address_links, render_markdown
from editorial.translation import ENGLISH, ShownText, page_language, shown_text, untranslated

register = template.Library()

_LINK_SCHEMES = {"http", "https"}


@register.filter(name="markdown")
def markdown_filter(text):
    """Render an editor's Markdown as sanitised HTML (links written as their address marked for print)."""
    return marked_address_links(render_markdown(text))


@register.filter
def web_address(url):
    """`url` when a reader may follow it as a link (http or https); empty for javascript:, data: and the like."""
    if url and urlsplit(url).scheme.lower() in _LINK_SCHEMES:
        return url
    return ""


# Texts written in English and French (editorial/translation.py): the page's language when written, else the other
# language, marked with its `lang`.


@register.filter
def shown(item, field):
    """`item`'s `field` as the reader sees it, escaped; in a `<span lang>` when not in the page's language."""
    return marked(shown_text(item, field))


@register.filter
def marked(text):
    """A ShownText escaped, in a `<span lang>` when not in the page's language; any other text escaped."""
    if isinstance(text, ShownText) and text.is_other_language:
        return format_html('<span lang="{}">{}</span>', text.language, text.text)
    return conditional_escape(str(text))


@register.filter
def shown_plain(item, field):
    """`item`'s `field` as the reader sees it, as plain text (a page's title, a description, an attribute)."""
    return shown_text(item, field).text


@register.filter
def shown_markdown(item, field):
    """`item`'s Markdown `field` rendered as the reader sees it; in a `<div lang>` when not in the page's language."""
    return in_its_language(shown_text(item, field), markdown_filter)


def in_its_language(text, render=None):
    """`text` (a ShownText) rendered by `render` (escaped when None), wrapped in its `lang` when not the page's."""
    html = render(text.text) if render else conditional_escape(text.text)
    if text.is_other_language:
        return format_html('<div lang="{}">{}</div>', text.language, html)
    return html


@register.inclusion_tag("partials/untranslated_note.html")
def untranslated_note(item=None, also=(), shown_elsewhere=False):
    """The note, once near a page's top, that parts of it are shown in the other language.

    `item` and `also` are the items whose texts the page shows (a course and its modules);
    `shown_elsewhere` is true when the page already knows one of its texts is in the other
    language (a list's results).
    """
    language = page_language()
    items = [*([item] if item is not None else []), *also]
    return {"untranslated": shown_elsewhere or untranslated(*items, language=language), "english": language == ENGLISH}
