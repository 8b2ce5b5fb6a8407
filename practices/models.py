from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from editorial.models import Imported, Publishable, PublishedQuerySet, TaggedContent
from editorial.translation import french_twin, shown_text
from practices.durations import period_label
from vocabulary.models import Area, Country, PracticeType, Theme


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    EUROPEAN = "european", _("European")


class PracticeQuerySet(PublishedQuerySet):
    # The one definition of a practice's period, which the year filters, "Ongoing" and the
    # status facet all read: an ongoing practice runs to today, from its start or, when the
    # source gives no date, from this month (all that is known is that it runs now); any other
    # practice with no dates at all has no period, so it runs in no year.
    def _with_period(self):
        today = timezone.localdate()
        return self.alias(
            period_start=models.Case(
                models.When(ongoing=True, start=None, end=None, then=models.Value(today.replace(day=1))),
                default=Coalesce("start", "end"),
                output_field=models.DateField(),
            ),
            period_end=models.Case(
                models.When(ongoing=True, then=models.Value(today)),
                default=Coalesce("end", "start"),
                output_field=models.DateField(),
            ),
        )

    def running_after(self, day):
        """Practices whose period reaches `day` or later."""
        return self._with_period().filter(period_end__gte=day)

    def running_before(self, day):
        """Practices whose period starts on `day` or earlier."""
        return self._with_period().filter(period_start__lte=day)

    def current(self):
        """Practices running today (the "Ongoing" filter): what `running_after` and `running_before` say of today.

        Month precision: a period ending this month still runs.
        """
        today = timezone.localdate()
        return self.running_after(today.replace(day=1)).running_before(today)

    def dated(self):
        """Practices with a start: those a timeline places."""
        return self.filter(start__isnull=False)

    def placed(self):
        """Practices with a place (a city or region) written."""
        return self.exclude(place="")


def plain_text_of(field_name):
    """A stored plain-text rendering of a Markdown field, computed by PostgreSQL on every write.

    Whatever writes the Markdown (a service, a plain `save()`, SQL), the database
    rewrites the plain text in the same statement, so it is never stale.
    `markdown_plain` is the SQL function of browse's migration 0003. In the
    database a row trigger keeps the column (practices' migration 0019), so the
    synthetic-practice loader may supply it; declared generated, so the ORM
    never writes it and reads it back after an insert.
    """
    return models.GeneratedField(
        expression=models.Func(models.F(field_name), function="markdown_plain", output_field=models.TextField()),
        output_field=models.TextField(),
        db_persist=True,
    )


class TaggedPractice(TaggedContent):
    content_object = models.ForeignKey("Practice", on_delete=models.CASCADE, related_name="tagged_items")


class Practice(Publishable, Imported):
    """One entry of the compendium: a policy, project or activity somewhere in Europe."""

    # Required in one language at least (`clean`): a practice contributed in French may have no English title yet.
    title = models.CharField(max_length=300, blank=True, help_text="Without the place or promoter prefix.")
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
    level = models.CharField(_("level of government"), max_length=10, choices=Level.choices)
    promoter = models.CharField(max_length=300, blank=True)

    types = models.ManyToManyField(PracticeType, blank=True, related_name="practices")
    type_text = models.CharField("type as written", max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="practices")
    area_text = models.CharField("area of intervention as written", max_length=500, blank=True)
    tags = TaggableManager(through=TaggedPractice, blank=True)

    duration_text = models.TextField("duration as written", blank=True)
    start = models.DateField(null=True, blank=True, help_text="First day of the starting month.")
    end = models.DateField(null=True, blank=True, help_text="First day of the ending month.")
    ongoing = models.BooleanField(
        null=True, blank=True, default=None, help_text="Yes, no, or unknown (empty) when the source does not say."
    )

    purpose = models.TextField(blank=True, help_text="Markdown.")
    rationale = models.TextField("stimulus / rationale", blank=True, help_text="Markdown.")
    process = models.TextField(blank=True, help_text="Markdown.")
    impact = models.TextField("impact / outcomes", blank=True, help_text="Markdown.")
    further_information = models.TextField(blank=True, help_text="Markdown.")
    # The texts in French, written by editors beside the English (editorial/translation.py).
    title_fr = french_twin(title, "title")
    duration_text_fr = french_twin(duration_text, "duration as written")
    purpose_fr = french_twin(purpose, "purpose")
    rationale_fr = french_twin(rationale, "stimulus / rationale")
    process_fr = french_twin(process, "process")
    impact_fr = french_twin(impact, "impact / outcomes")
    further_information_fr = french_twin(further_information, "further information")
    translated_fields = ("title", "duration_text", "purpose", "rationale", "process", "impact", "further_information")
    # The long texts as plain text, for the CSV and search snippets.
    purpose_plain = plain_text_of("purpose")
    rationale_plain = plain_text_of("rationale")
    process_plain = plain_text_of("process")
    impact_plain = plain_text_of("impact")
    further_information_plain = plain_text_of("further_information")

    # Set by an editor who checked the whole entry ("mark as reviewed"), not by every save.
    last_reviewed = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # The organisation that proposed the practice at /contribute/ (contributions.services.accept).
    contributed_by = models.CharField(max_length=300, blank=True, default="", db_default="", editable=False)

    # Where the entry stands in the compendium, for the compendium's order.
    source_position = models.PositiveIntegerField(null=True, blank=True, editable=False)

    search_vector = SearchVectorField(null=True, editable=False)
    # The title, place, promoter and country part of `search_vector` alone:
    # small enough to rank every match by without reading the long texts.
    heading_vector = SearchVectorField(null=True, editable=False)
    # What French pages search: the French texts where written, else the English (the `french_unaccent`
    # configuration, practices' migration 0016), kept by the same trigger.
    search_vector_fr = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = [models.F("source_position").asc(nulls_last=True), "title", "id"]
        permissions = [("publish_practice", "Can publish and unpublish practices")]
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search_idx"),
            GinIndex(fields=["search_vector_fr"], name="practice_search_fr_idx"),
            # The public list's orders, so a page is read off an index, not sorted.
            models.Index(
                models.F("source_position").asc(nulls_last=True), models.F("title"), models.F("id"),
                name="practice_published_order_idx", condition=models.Q(status="published"),
            ),
            models.Index(
                fields=["title", "id"], name="practice_published_title_idx", condition=models.Q(status="published")
            ),
            models.Index(
                models.F("created").desc(), models.F("id").desc(),
                name="practice_published_newest_idx", condition=models.Q(status="published"),
            ),
        ]  # fmt: skip

    def __str__(self):
        # The title as the page's reader sees it (editorial/translation.py); the admin is English.
        title = shown_text(self, "title").text
        return f"{self.place}: {title}" if self.place else title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.slug])

    def clean(self):
        if not (self.title.strip() or self.title_fr.strip()):
            raise ValidationError({"title": "Give the practice a title, in English or in French."})

    @property
    def period(self):
        """The period read from the duration, written one way for every practice ("2022 – ongoing")."""
        return period_label(self.start, self.end, self.ongoing)

    # What `whereabouts` reads, for querysets that load only that.
    WHEREABOUTS = ("title", "slug", "place", "promoter", "country__name")

    @property
    def whereabouts(self):
        """Where the practice is (place, country), or who promotes a practice that has no country."""
        if self.country_id is None:
            return self.place or self.promoter
        return ", ".join(part for part in (self.place, str(self.country)) if part)


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


class BrokenLink(ReferenceLink):
    """A reference link whose address answered badly, or not at all, at the last check (the admin's list)."""

    class Meta:
        proxy = True
        verbose_name = "broken link"
        ordering = ["practice", "position", "id"]


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(models.Q(status__gte=400) | models.Q(status__isnull=True))


class LinkCheck(models.Model):
    """What the last `manage.py check_links` found at one web address, whichever practices cite it.

    Kept by address, not on the link rows: an editor who rewrites a practice's
    links keeps the results for the addresses still cited, and a check writes
    nothing an editor wrote (no revision, no search vector, no cache to retire).
    """

    url = models.URLField(max_length=500, unique=True)
    # The final answer's HTTP status, after redirects; None when no answer came.
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=200, blank=True, help_text="Why no answer came.")
    moved_to = models.URLField(max_length=500, blank=True, help_text="Where a permanent redirect points.")
    checked = models.DateTimeField()

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return f"{self.url}: {self.outcome}"

    @property
    def is_broken(self):
        return self.status is None or self.status >= 400

    @property
    def outcome(self):
        if self.status is None:
            return self.problem or "no answer"
        if self.moved_to:
            return f"{self.status}, moved permanently to {self.moved_to}"
        return str(self.status)


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
