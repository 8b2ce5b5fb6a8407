from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from vocabulary.models import Area, Country, PracticeType, PublicationStatus, Theme


class Level(models.TextChoices):
    LOCAL = "local", "Local"
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"
    EUROPEAN = "european", "European"


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def ongoing_on(self, day):
        """Practices running on `day`: flagged ongoing, or ending that month or later."""
        month_start = day.replace(day=1)
        return self.filter(
            models.Q(ongoing=True) | models.Q(end__gte=month_start),
            models.Q(start__isnull=True) | models.Q(start__lte=day),
        )


class TaggedPractice(TaggedItemBase):
    content_object = models.ForeignKey("Practice", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "tag"
        unique_together = [("content_object", "tag")]


class Practice(models.Model):
    """One entry of the compendium: a policy, project or activity somewhere in Europe."""

    title = models.CharField(max_length=300, help_text="Without the place or promoter prefix.")
    slug = models.SlugField(max_length=120, unique=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="practices")
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        help_text="Empty for a transnational organisation.",
    )
    place = models.CharField(max_length=200, blank=True, help_text="City or region as written.")
    level = models.CharField("level of government", max_length=10, choices=Level.choices)
    promoter = models.CharField(max_length=300, blank=True)

    types = models.ManyToManyField(PracticeType, blank=True, related_name="practices")
    type_text = models.CharField("type as written", max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="practices")
    area_text = models.CharField("area of intervention as written", max_length=500, blank=True)
    tags = TaggableManager(through=TaggedPractice, blank=True)

    duration_text = models.TextField("duration as written", blank=True)
    start = models.DateField(null=True, blank=True, help_text="First day of the starting month.")
    end = models.DateField(null=True, blank=True, help_text="First day of the ending month.")
    ongoing = models.BooleanField(default=False)

    purpose = models.TextField(blank=True, help_text="Markdown.")
    rationale = models.TextField("stimulus / rationale", blank=True, help_text="Markdown.")
    process = models.TextField(blank=True, help_text="Markdown.")
    impact = models.TextField("impact / outcomes", blank=True, help_text="Markdown.")
    further_information = models.TextField(blank=True, help_text="Markdown.")

    status = models.CharField(max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    # Where the entry came from, so a re-import updates it instead of adding a twin.
    source_key = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)
    source_position = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The values the last import wrote; a field that differs was changed by an editor.
    imported_values = models.JSONField(default=dict, blank=True, editable=False)
    is_synthetic = models.BooleanField(default=False, editable=False)

    search_vector = SearchVectorField(null=True, editable=False)
    # The title, place, promoter and country part of `search_vector` alone:
    # small enough to rank every match by without reading the long texts.
    heading_vector = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = [models.F("source_position").asc(nulls_last=True), "title", "id"]
        permissions = [("publish_practice", "Can publish and unpublish practices")]
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search_idx"),
            # The public list's orders, so a page is read off an index, not sorted.
            models.Index(
                models.F("source_position").asc(nulls_last=True), models.F("title"), models.F("id"),
                name="practice_published_order_idx", condition=models.Q(status="published"),
            ),
            models.Index(
                fields=["title", "id"], name="practice_published_title_idx", condition=models.Q(status="published")
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.place}: {self.title}" if self.place else self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class ReferenceLink(models.Model):
    """A reference document or web page cited by a practice, in the order given."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["practice", "position", "id"]

    def __str__(self):
        return self.label or self.url


class PracticeLinkSummary(models.Model):
    """Each practice's types, areas, tags and references as lists: a view, for exports.

    Aggregating the link tables once and joining the result is several times
    faster, for a full export, than one small subquery per practice and list.
    """

    practice = models.OneToOneField(
        Practice, primary_key=True, on_delete=models.DO_NOTHING, related_name="link_summary", db_column="practice_id"
    )
    type_names = ArrayField(models.TextField())
    area_names = ArrayField(models.TextField())
    tag_names = ArrayField(models.TextField())
    reference_texts = ArrayField(models.TextField())

    class Meta:
        managed = False
        db_table = "practices_link_summary"

    def __str__(self):
        return f"Links of practice {self.practice_id}"
