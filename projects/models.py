import calendar
import datetime

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from editorial.models import Imported, Publishable, PublishedQuerySet, TaggedContent
from editorial.translation import french_twin
from vocabulary.models import Area, Country, VocabularyTerm


class Category(VocabularyTerm):
    """A category projects are filed under on their publishers' sites (Migration, …)."""

    vocabulary_kind = "categories"

    class Meta(VocabularyTerm.Meta):
        verbose_name_plural = "categories"


class FundingProgramme(models.Model):
    """The funding line a project answers to, e.g. DG JUST's REC-RACI action grants."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField("short name", max_length=120, unique=True)
    directorate = models.CharField("DG of reference", max_length=60, blank=True)
    full_wording = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RunningStatus(models.TextChoices):
    """Where a project stands on a given day, from its dates."""

    ACTIVE = "active", _("Active")
    FINISHED = "finished", _("Finished")
    NOT_STARTED = "not started", _("Not started")


def months_between(start, end):
    """Whole months from `start` to `end`, both days included, to the nearest month.

    3 February 2020 to 2 April 2022 is 26 months.
    """
    after = end + datetime.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    reached = _add_months(start, months)
    next_month = _add_months(start, months + 1)
    if (after - reached) * 2 >= next_month - reached:
        months += 1
    return months


def _add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ProjectQuerySet(PublishedQuerySet):
    # A project with no end runs on (as in with_running_status); one with no dates at all has
    # no period, so it runs in no year.
    def running_after(self, day):
        """Projects whose period reaches `day` or later."""
        return self.filter(models.Q(end__gte=day) | models.Q(end__isnull=True, start__isnull=False))

    def running_before(self, day):
        """Projects whose period starts on `day` or earlier."""
        return self.filter(models.Q(start__lte=day) | models.Q(start__isnull=True, end__isnull=False))

    def with_running_status(self, day):
        """Each project's RunningStatus on `day`, as `running_status`: the one definition of it.

        A project ends after its last day; an unknown end never finishes, an unknown start has begun.
        """
        return self.annotate(
            running_status=models.Case(
                models.When(end__lt=day, then=models.Value(RunningStatus.FINISHED.value)),
                models.When(start__gt=day, then=models.Value(RunningStatus.NOT_STARTED.value)),
                default=models.Value(RunningStatus.ACTIVE.value),
                output_field=models.CharField(),
            )
        )


class TaggedProject(TaggedContent):
    content_object = models.ForeignKey("Project", on_delete=models.CASCADE, related_name="tagged_items")


class Project(Publishable, Imported):
    acronym = models.CharField(max_length=40)
    title = models.CharField("full title", max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(blank=True, help_text="Markdown.")
    project_number = models.CharField(max_length=60, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="projects")
    areas = models.ManyToManyField(Area, blank=True, related_name="projects")
    tags = TaggableManager(through=TaggedProject, blank=True)
    coordinator = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    # In French, written by editors beside the English (editorial/translation.py).
    title_fr = french_twin(title, "full title")
    summary_fr = french_twin(summary, "summary")
    translated_fields = ("title", "summary")

    search_vector = SearchVectorField(null=True, editable=False)
    # What French pages search: the French texts where written, else the English (projects' migration 0006).
    search_vector_fr = SearchVectorField(null=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        permissions = [("publish_project", "Can publish and unpublish projects")]
        indexes = [
            GinIndex(fields=["search_vector"], name="project_search_idx"),
            GinIndex(fields=["search_vector_fr"], name="project_search_fr_idx"),
        ]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    @property
    def duration_in_months(self):
        """Months from the first to the last day, or None without both dates."""
        if self.start and self.end and self.end >= self.start:
            return months_between(self.start, self.end)
        return None

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end date cannot be before the start date."})


class ProjectChild(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class Objective(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField()
    text_fr = french_twin(text, "text")
    translated_fields = ("text",)

    def __str__(self):
        return self.text[:80]


class Activity(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    name_fr = french_twin(name, "name")
    description_fr = french_twin(description, "description")
    translated_fields = ("name", "description")

    class Meta(ProjectChild.Meta):
        verbose_name_plural = "activities"

    def __str__(self):
        return self.name


class Resource(ProjectChild):
    """A deliverable the project publishes."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)

    def __str__(self):
        return self.title


class ImpactTarget(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="impact_targets")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    counts = models.CharField("what it counts", max_length=300)
    wording = models.TextField("wording as published")
    achieved = models.PositiveIntegerField(null=True, blank=True)
    achieved_source = models.CharField("source of the achieved figure", max_length=300, blank=True)

    class Meta(ProjectChild.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(number__gt=0), name="impact_target_positive")]

    def __str__(self):
        return self.wording[:80]


class Partner(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(max_length=300)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=120, blank=True, help_text="Coordinator, partner, associate, …")

    def __str__(self):
        return self.organisation


class SocialLink(ProjectChild):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=100)
    url = models.URLField(max_length=500)

    def __str__(self):
        return self.label
