"""Editors write long texts in Markdown; readers get sanitised HTML."""

import html as html_lib
import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe
from django.utils.text import slugify

_EXTENSIONS = ["tables", "sane_lists"]
_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6", "sup", "sub", "hr",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}

# Building a converter registers every extension's pieces anew (most of a short text's time), so each
# thread keeps one and resets it between texts.
_converters = threading.local()


def _markdown_html(text):
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = _converters.converter = markdown_lib.Markdown(extensions=_EXTENSIONS, output_format="html")
    return converter.reset().convert(text)


def render_markdown(text):
    """Markdown to HTML that cannot carry script, styles or event handlers."""
    if not text:
        return ""
    html = _markdown_html(text)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


_SUBHEADING = re.compile(r"<h([3-6])>(.*?)</h\1>", re.DOTALL)
_ADDRESS_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<rest>[^>]*)>(?P<text>[^<]*)</a>')


def render_markdown_with_anchors(text, prefix):
    """(HTML, [(anchor, heading text)]): `render_markdown`, each sub-heading given an id a contents list links to.

    Ids are added to the sanitised HTML (nh3 drops ids an editor writes), made
    from `prefix` and the heading's words, unique within the text.
    """
    html = render_markdown(text)
    headings, used = [], set()

    def anchor(match):
        words = html_lib.unescape(re.sub(r"<[^>]+>", "", match[2])).strip()
        base = f"{prefix}-{slugify(words) or 'part'}"
        ident, number = base, 2
        while ident in used:
            ident, number = f"{base}-{number}", number + 1
        used.add(ident)
        headings.append((ident, words))
        return f'<h{match[1]} id="{ident}">{match[2]}</h{match[1]}>'

    return mark_safe(_SUBHEADING.sub(anchor, html)), headings  # noqa: S308 - ids are slugs


def marked_address_links(html):
    """Sanitised HTML with links whose words are their own address marked, so a printout writes it once."""

    def mark(match):
        text = html_lib.unescape(match["text"]).strip()
        href = html_lib.unescape(match["href"])
        if text.rstrip("/") in (href.rstrip("/"), href.split("://", 1)[-1].rstrip("/")):
            return f'<a href="{match["href"]}"{match["rest"]} class="address-link">{match["text"]}</a>'
        return match[0]

    return mark_safe(_ADDRESS_LINK.sub(mark, html))  # noqa: S308 - adds a fixed class to sanitised HTML


def markdown_to_plain_text(text):
    """The words of a Markdown text without its markup, for CSV cells and snippets."""
    if not text:
        return ""
    html = _markdown_html(text)
    return html_lib.unescape(nh3.clean(html, tags=set())).strip()


# How much of a text an excerpt converts first: whole paragraphs up to about this many characters, which hold
# an excerpt's forty words; converting a long text whole was most of a list's time.
EXCERPT_CHARACTERS = 600


def excerpt(markdown_text, words=40):
    """The first `words` words of a Markdown text, as plain text."""
    cut = markdown_text.find("\n\n", EXCERPT_CHARACTERS)
    head = markdown_text if cut < 0 else markdown_text[:cut]
    parts = markdown_to_plain_text(head).split()
    if len(parts) <= words and head != markdown_text:
        parts = markdown_to_plain_text(markdown_text).split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"
