"""Every tag has a slug, so every tag link filters.

taggit slugifies a new tag's name; a name with no letter or digit ("!!!",
"★") slugifies to "", and a link `?tag=` would show the unfiltered list.
Such a tag gets its name's code points instead: "★" becomes `tag-2605`.
"""

import hashlib

SLUG_MAX_LENGTH = 100  # taggit's Tag.slug


def fallback_tag_slug(name):
    code_points = "-".join(f"{ord(character):x}" for character in name.strip())
    slug = f"tag-{code_points}"
    if not code_points or len(slug) > SLUG_MAX_LENGTH:
        slug = f"tag-{hashlib.sha256(name.encode()).hexdigest()[:16]}"
    return slug


def give_an_empty_slug_a_fallback(sender, instance, **kwargs):
    """pre_save of taggit's Tag, a model we do not own: its save() has just slugified the name."""
    if not instance.slug:
        instance.slug = fallback_tag_slug(instance.name)
