"""An "Edit" link on public pages, for the signed-in staff who may change what the page shows."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def edit_link(context, item):
    """A link to the admin's change form of `item`, or nothing (anonymous readers cost no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return ""
    meta = item._meta
    if not user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        return ""
    try:
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""
    return format_html('<p class="edit-link"><a href="{}">Edit this {} in the admin</a></p>', url, meta.verbose_name)
