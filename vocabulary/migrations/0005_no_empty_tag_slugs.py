from django.db import migrations

from vocabulary.tags import fallback_tag_slug


def give_empty_tag_slugs_a_fallback(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = fallback_tag_slug(tag.name)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("compendium", "0004_csv_cell_function"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_empty_tag_slugs_a_fallback, migrations.RunPython.noop)]
