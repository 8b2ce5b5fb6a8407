import hashlib

from django.db import migrations


# A copy of vocabulary.tags.fallback_tag_slug as it was: migrations import no live code.
def fallback_tag_slug(name):
    code_points = "-".join(f"{ord(character):x}" for character in name.strip())
    slug = f"tag-{code_points}"
    if not code_points or len(slug) > 100:
        slug = f"tag-{hashlib.sha256(name.encode()).hexdigest()[:16]}"
    return slug


def give_empty_tag_slugs_a_fallback(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = fallback_tag_slug(tag.name)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0005_renames_retire_cached_reads"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_empty_tag_slugs_a_fallback, migrations.RunPython.noop)]
