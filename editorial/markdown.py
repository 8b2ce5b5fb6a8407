"""Editors write long texts in Markdown; readers get sanitised HTML."""

import html as html_lib

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

_EXTENSIONS = ["tables", "sane_lists"]
_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6", "sup", "sub", "hr",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text):
    """Markdown to HTML that cannot carry script, styles or event handlers."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


def markdown_to_plain_text(text):
    """The words of a Markdown text without its markup, for CSV cells and snippets."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=_EXTENSIONS, output_format="html")
    return html_lib.unescape(nh3.clean(html, tags=set())).strip()


def excerpt(markdown_text, words=40):
    """The first `words` words of a Markdown text, as plain text."""
    plain = " ".join(markdown_to_plain_text(markdown_text).split())
    parts = plain.split(" ")
    return plain if len(parts) <= words else " ".join(parts[:words]) + " …"
