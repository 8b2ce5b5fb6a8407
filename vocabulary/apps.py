from django.apps import AppConfig
from django.db.models.signals import pre_save


class VocabularyConfig(AppConfig):
    name = "vocabulary"
    # The app was first called "compendium": the label keeps its tables, migrations,
    # permissions and content types (and so every revision that refers to them).
    label = "compendium"
    verbose_name = "Shared vocabulary"

    def ready(self):
        from taggit.models import Tag

        from vocabulary.tags import give_an_empty_slug_a_fallback

        # A signal because Tag is taggit's: every tag, however created (editors' tag
        # fields, importers, the generator), passes through its save().
        pre_save.connect(give_an_empty_slug_a_fallback, sender=Tag, dispatch_uid="tag-slug-never-empty")
