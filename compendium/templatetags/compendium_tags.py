from django import template

from compendium.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render an editor's Markdown as sanitised HTML."""
    return render_markdown(text)
