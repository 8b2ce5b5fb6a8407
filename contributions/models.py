"""Practices proposed by contributors, their review by editors, and what a review leaves behind.

A submission holds the compendium's template as the contributor last saved
it. Each time it is sent for review its fields are kept as a version, never
changed again; every change of state is a transition (who, when, why); editors'
comments are on the whole submission or on one field, and the contributor
answers them.
"""

from django.conf import settings
from django.contrib.auth.models import User, UserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from practices.models import Level, Practice
from vocabulary.models import Area, Country, PracticeType, Theme


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class WrittenIn(models.TextChoices):
    """The language a contributor wrote the practice in: accepting it fills that language's columns."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


# The states in which the contributor may change what they wrote.
EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED)


class SubmissionQuerySet(models.QuerySet):
    def of(self, user):
        """The submissions `user` wrote: all a contributor may ever see."""
        return self.filter(contributor=user)


class Submission(models.Model):
    """One practice proposed in the compendium's template, and where its review stands."""

    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    state_changed = models.DateTimeField(default=timezone.now, help_text="When it entered its state.")
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    # The compendium's template, in its order. Everything may be empty in a draft;
    # sending it for review checks it (contributions.forms).
    language = models.CharField(
        _("language you write in"), max_length=2, choices=WrittenIn.choices, default=WrittenIn.ENGLISH
    )
    title = models.CharField(max_length=300, blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions")
    place = models.CharField(_("city or region"), max_length=200, blank=True)
    level = models.CharField(_("level of government"), max_length=10, choices=Level.choices, blank=True)
    areas = models.ManyToManyField(
        Area, blank=True, related_name="submissions", verbose_name=_("areas of intervention")
    )
    area_other = models.CharField(_("other area, in your words"), max_length=500, blank=True)
    types = models.ManyToManyField(
        PracticeType, blank=True, related_name="submissions", verbose_name=_("type of practice")
    )
    type_other = models.CharField(_("other type, in your words"), max_length=300, blank=True)
    duration_text = models.CharField(_("duration, as you would say it"), max_length=300, blank=True)
    start = models.DateField(_("start month"), null=True, blank=True, help_text="First day of the month.")
    end = models.DateField(_("end month"), null=True, blank=True, help_text="First day of the month.")
    ongoing = models.BooleanField(_("still running"), default=False)
    purpose = models.TextField(blank=True)
    rationale = models.TextField(_("stimulus and rationale"), blank=True)
    process = models.TextField(blank=True)
    impact = models.TextField(_("impact and outcomes"), blank=True)
    further_information = models.TextField(_("further information"), blank=True)
    # [{"label": …, "url": …}] in the contributor's order.
    references = models.JSONField(_("reference links"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    # Checked as an address when the submission is sent, so a draft keeps whatever was typed.
    contact_email = models.CharField(_("contact e-mail address"), max_length=254, blank=True)
    consent = models.BooleanField(_("consent to publication"), default=False)

    practice = models.ForeignKey(
        Practice, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="submissions"
    )

    objects = SubmissionQuerySet.as_manager()

    # The template's fields, in its order: what a version keeps and editors comment on.
    TEMPLATE_FIELDS = (
        "language", "title", "theme", "country", "place", "level", "areas", "area_other", "types", "type_other",
        "duration_text", "start", "end", "ongoing", "purpose", "rationale", "process", "impact",
        "further_information", "references", "contact_name", "contact_organisation", "contact_email", "consent",
    )  # fmt: skip

    class Meta:
        ordering = ["-updated", "-id"]
        indexes = [models.Index(fields=["state", "state_changed"], name="submission_queue_idx")]

    def __str__(self):
        return self.title or gettext("Untitled submission %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("contributions:detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.state in EDITABLE_STATES

    @classmethod
    def field_label(cls, name):
        return cls._meta.get_field(name).verbose_name


class SubmissionVersion(models.Model):
    """A submission's template fields as they were sent for review (number 1, 2, …); never changed."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sent = models.DateTimeField(default=timezone.now)
    # {field name: value as shown}: text, a list of names, or a list of [label, url].
    fields = models.JSONField()

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="one_version_number_each")]

    def __str__(self):
        return f"Version {self.number} of submission {self.submission_id}"


class Transition(models.Model):
    """A change of a submission's state: who made it, when, and what they said."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    # The version sent last when it happened: what the editor read, or what was sent.
    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["submission", "to_state", "at"], name="transition_lookup_idx")]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class ReviewComment(models.Model):
    """An editor's comment on a whole submission (`field` empty) or on one field, and the contributor's answer.

    The contributor sees it once a transition shares it (`shared_by`): until
    then it is the editor's note in progress.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    field = models.CharField(max_length=40, blank=True, help_text="Empty: on the whole submission.")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    shared_by = models.ForeignKey(Transition, on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    answer = models.TextField(blank=True)
    answered = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"Comment on {self.field or 'the submission'}: {self.text[:40]}"

    @property
    def field_label(self):
        return Submission.field_label(self.field) if self.field else gettext("The whole submission")


# Membership makes an account a contributor's (contributions.accounts).
CONTRIBUTORS_GROUP = "Contributors"


class ContributorManager(UserManager):
    use_in_migrations = False  # migrations never import the project's code

    def get_queryset(self):
        return super().get_queryset().filter(groups__name=CONTRIBUTORS_GROUP)


class Contributor(User):
    """A user in the Contributors group: what editors see of accounts, and where they invite one."""

    objects = ContributorManager()

    class Meta:
        proxy = True
        ordering = ["email"]
