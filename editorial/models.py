"""What every kind of editors' content shares: a publication status, its timestamps, and where an import put it."""

from django.db import models
from django.utils import timezone
from taggit.models import TaggedItemBase


class PublicationStatus(models.TextChoices):
    """Only published content is public; drafts and archived content are for editors."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class Publishable(models.Model):
    """Content that editors publish, unpublish and archive."""

    status = models.CharField(max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class Imported(models.Model):
    """Content an import command may have written, and may write again."""

    # Where the item came from, so a re-import updates it instead of adding a twin.
    source_key = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)
    # The values the last import wrote; a field that differs was changed by an editor.
    imported_values = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class TaggedContent(TaggedItemBase):
    """An item's link to one of its tags; each kind of content adds `content_object`, the item."""

    class Meta:
        abstract = True
        verbose_name = "tag"
        unique_together = [("content_object", "tag")]
