from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from editorial.models import Imported, PublicationStatus, Publishable, PublishedQuerySet, TaggedContent
from editorial.translation import french_twin, shown_text
from vocabulary.models import Area


class CourseFormat(models.TextChoices):
    IN_PERSON_INTENSIVE = "in-person-intensive", _("In-person intensive")
    ONLINE_SELF_PACED = "online-self-paced", _("Online self-paced")


class ModuleKind(models.TextChoices):
    CORE = "core", _("Core")
    ELECTIVE = "elective", _("Elective")


class CourseQuerySet(PublishedQuerySet):
    pass


class Course(Publishable, Imported):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    format = models.CharField(max_length=30, choices=CourseFormat.choices)
    position = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField(help_text="Markdown.")
    rationale = models.TextField("why it exists", blank=True, help_text="Markdown.")
    rationale_heading = models.CharField(
        "heading of why it exists", max_length=200, blank=True,
        help_text="As the source heads it (“Why take this course?”); empty: the text follows the summary.",
    )  # fmt: skip
    based_on = models.CharField(
        "based on", max_length=300, blank=True, help_text="The title of the guide or publication the course follows."
    )
    audience = models.TextField("who should take part", blank=True, help_text="Markdown.")
    length = models.CharField(max_length=120, blank=True, help_text="5 days; 30 to 120 minutes per module; …")
    cost = models.CharField(max_length=120, blank=True)
    certificate = models.CharField(max_length=200, blank=True)
    anonymity = models.CharField(max_length=200, blank=True)
    practical_notes = models.TextField(blank=True, help_text="Markdown.")
    quiz_instructions = models.TextField(
        "how the quizzes work", blank=True, help_text="Markdown, shown above each module's quiz."
    )
    electives_heading = models.CharField(
        "heading of the elective modules",
        max_length=200,
        blank=True,
        help_text="Where the course page lists the elective modules, e.g. Days 4 and 5: focus on specific areas.",
    )
    electives_introduction = models.TextField(
        "introduction to the elective modules", blank=True, help_text="Markdown, shown above the elective modules."
    )
    # In French, written by editors beside the English (editorial/translation.py).
    title_fr = french_twin(title, "title")
    summary_fr = french_twin(summary, "summary")
    rationale_heading_fr = french_twin(rationale_heading, "heading of why it exists")
    rationale_fr = french_twin(rationale, "why it exists")
    audience_fr = french_twin(audience, "who should take part")
    length_fr = french_twin(length, "length")
    cost_fr = french_twin(cost, "cost")
    certificate_fr = french_twin(certificate, "certificate")
    anonymity_fr = french_twin(anonymity, "anonymity")
    practical_notes_fr = french_twin(practical_notes, "practical notes")
    quiz_instructions_fr = french_twin(quiz_instructions, "how the quizzes work")
    electives_heading_fr = french_twin(electives_heading, "heading of the elective modules")
    electives_introduction_fr = french_twin(electives_introduction, "introduction to the elective modules")
    translated_fields = (
        "title", "summary", "rationale_heading", "rationale", "audience", "length", "cost", "certificate",
        "anonymity", "practical_notes", "quiz_instructions", "electives_heading", "electives_introduction",
    )  # fmt: skip
    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        permissions = [("publish_course", "Can publish and unpublish courses")]

    def __str__(self):
        return shown_text(self, "title").text  # as the page's reader sees it (editorial/translation.py)

    def get_absolute_url(self):
        return reverse("academy:course", args=[self.slug])


class ModuleQuerySet(PublishedQuerySet):
    def published(self):
        return super().published().filter(course__status=PublicationStatus.PUBLISHED)


class TaggedModule(TaggedContent):
    content_object = models.ForeignKey("Module", on_delete=models.CASCADE, related_name="tagged_items")


class Module(Publishable, Imported):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(default=0)
    day = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 to 5, for the Academy.",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=10, choices=ModuleKind.choices, default=ModuleKind.CORE)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="Markdown.")
    video_url = models.URLField(max_length=500, blank=True)
    guide_section = models.CharField("section of the guide", max_length=200, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="modules")
    tags = TaggableManager(through=TaggedModule, blank=True)
    # In French, written by editors beside the English (editorial/translation.py).
    title_fr = french_twin(title, "title")
    summary_fr = french_twin(summary, "summary")
    translated_fields = ("title", "summary")

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="module_slug_unique_in_course"),
            models.CheckConstraint(
                condition=models.Q(day__gte=1, day__lte=5) | models.Q(day__isnull=True), name="module_day_1_to_5"
            ),
        ]

    def __str__(self):
        return shown_text(self, "title").text  # as the page's reader sees it (editorial/translation.py)

    def get_absolute_url(self):
        return reverse("academy:module", args=[self.course.slug, self.slug])

    @property
    def is_published(self):
        """Readers see a module when it and its course are both published."""
        return super().is_published and self.course.is_published


class QuizQuestionQuerySet(models.QuerySet):
    def ready(self):
        """Questions a learner can answer: one correct option and at least one other to choose from."""
        options = QuizOption.objects.filter(question=models.OuterRef("pk"))
        return self.filter(
            models.Exists(options.filter(is_correct=True)), models.Exists(options.filter(is_correct=False))
        )


class QuizQuestion(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    text_fr = french_twin(text, "text")
    translated_fields = ("text",)

    objects = QuizQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["module", "position", "id"]

    def __str__(self):
        return self.text[:80]

    # Set by a form that edits the options on the same page and checks their
    # submitted state itself (the admin's option formset): the stored options
    # are about to be replaced, so checking them would judge the old state.
    options_checked_by_form = False

    def clean(self):
        if self.pk is None or self.options_checked_by_form:
            return
        problem = correct_option_problem(self.options.filter(is_correct=True).count())
        if problem:
            raise ValidationError(problem)


def correct_option_problem(correct_count):
    """Why a question with this many correct options cannot be asked, or None."""
    if correct_count == 1:
        return None
    return f"A question needs exactly one correct option; this one has {correct_count}."


class QuizOption(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField("correct", default=False)
    feedback = models.TextField(blank=True)
    text_fr = french_twin(text, "text")
    feedback_fr = french_twin(feedback, "feedback")
    translated_fields = ("text", "feedback")
    # How many times learners chose this option; no one's identity is kept.
    answer_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(is_correct=True),
                name="quiz_one_correct_option",
                violation_error_message="A question can have only one correct option.",
            )
        ]

    def __str__(self):
        return self.text
