from django.apps import AppConfig


class VocabularyConfig(AppConfig):
    name = "vocabulary"
    # The app was first called "compendium": the label keeps its tables, migrations,
    # permissions and content types (and so every revision that refers to them).
    label = "compendium"
    verbose_name = "Shared vocabulary"
