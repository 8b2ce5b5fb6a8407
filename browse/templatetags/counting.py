"""How many items a list shows, in the page's language.

`{{ listing|counted:total }}` ("3 practices"), `{{ listing|matching:total }}` ("3 practices match").
"""

from django import template

register = template.Library()


@register.filter
def counted(listing, count):
    """ "3 practices", "2 000 pratiques": the list's words, in the count's plural form, the number grouped."""
    return listing.counted(count)


@register.filter
def matching(listing, count):
    """ "3 practices match", "1 pratique correspond"."""
    return listing.counted(count, matching=True)
