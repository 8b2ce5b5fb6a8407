"""`{% facet_value facet value %}`: one value of a facet, drawn in Python.

A list draws a hundred values or more (every country, area, type, tag): as an
included template each cost about 0.15 ms, half the time of a page's template.
"""

from functools import cache

from django import template
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()


@register.simple_tag
def facet_value(facet, value):
    """A toggle link drawn as a checkbox (a filter whose values add up) or a radio button (one value at a time);
    a value with nothing to show and not selected is plain text."""
    words = _words(get_language())
    box = format_html(
        '<span class="facet__box facet__box--{}" aria-hidden="true"></span>', "check" if facet.multiple else "radio"
    )
    if not (value.count or value.selected):
        return format_html(
            '<li><span class="facet__zero"><span>{}{}</span> <span class="count">(0<span class="visually-hidden"> {}'
            "</span>)</span></span></li>",
            box, value.label, words.items,
        )  # fmt: skip
    selected = ""
    if value.selected:
        selected = format_html('<span class="visually-hidden"> {}</span>', words.remove)
    return format_html(
        '<li><a id="facet-{}-{}" href="{}" class="facet__value{}" rel="nofollow"><span>{}{}{}</span> '
        '<span class="count">({}<span class="visually-hidden"> {}</span>)</span></a></li>',
        facet.key, slugify(value.value), value.url, " is-selected" if value.selected else "", box,
        value.label, selected, value.count, words.counted(value.count),
    )  # fmt: skip


class _Words:
    """A language's words of facet values, looked up once: a list draws a hundred values or more, and each
    lookup walks the translation catalogues."""

    def __init__(self):
        self.items = gettext("items")
        self.remove = gettext("(selected: remove this filter)")
        self._counted = {}

    def counted(self, count):
        if count not in self._counted:
            self._counted[count] = ngettext("item", "items", count)
        return self._counted[count]


@cache
def _words(language):
    """`_Words` of `language`, made in it (the active language when first asked)."""
    return _Words()
