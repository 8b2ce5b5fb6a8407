from urllib.parse import urlsplit

from django import template

from editorial.markdown import marked_address_links, render_markdown

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
