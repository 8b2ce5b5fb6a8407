"""The vocabulary shared by practices, projects and the academy."""

from django.db import models

from vocabulary.names import country_name, term_name


class Theme(models.Model):
    """A thematic section of the compendium, in the compendium's order."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        """Its title in the page's language."""
        return term_name("themes", self.slug, self.title)


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code."""

    code = models.CharField("ISO code", max_length=2, primary_key=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        """Its name in the page's language (CLDR's)."""
        return country_name(self.code, self.name)


class VocabularyTerm(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)

    # Where its names in other languages are kept (vocabulary/names.py).
    vocabulary_kind = ""

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        """Its name in the page's language."""
        return term_name(self.vocabulary_kind, self.slug, self.name)


class Area(VocabularyTerm):
    """An area of intervention (education, public space, …)."""

    vocabulary_kind = "areas"

    class Meta(VocabularyTerm.Meta):
        verbose_name = "area of intervention"
        verbose_name_plural = "areas of intervention"


class PracticeType(VocabularyTerm):
    """What kind of thing a practice is (project, policy, network, …)."""

    vocabulary_kind = "practice_types"

    class Meta(VocabularyTerm.Meta):
        verbose_name = "practice type"
