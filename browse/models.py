from django.db import models
from django.utils import timezone


class ContentGeneration(models.Model):
    """One row: a number that moves on with every write to editors' content, and when it last did.

    Database triggers on every content and vocabulary table (see each app's
    migrations) add one to it in the writing transaction, so every way of
    writing (the admin, an import, a script, plain SQL) retires what was cached
    under the old number, and readers see the new number exactly when they can
    see the new data. `changed` never goes back in time (the API's Last-Modified).
    """

    number = models.BigIntegerField()
    # Drawn afresh at every move: cache keys use it, so they never meet again, even after a restore.
    token = models.CharField(max_length=32, default="")
    # When content last changed.
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "content_generation"

    def __str__(self):
        return f"Content generation {self.number}"


class KeptCounts(models.Model):
    """A list's counts without any filter, as counted for one content generation on one day.

    The unfiltered list is the page most readers open first and the costliest to
    count; it is counted once after each change to content (and once a day, as
    "ongoing" depends on the date), then read as one row, with or without a shared cache.
    A row under another token or day is simply counted again; each release of the code
    keeps its own rows (the key ends with it), so a deploy counts afresh, and the next
    deploy's migration removes them (`browse.cache.kept_read`).
    """

    key = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=32)
    day = models.DateField()
    counts = models.JSONField()

    class Meta:
        db_table = "browse_kept_counts"

    def __str__(self):
        return f"{self.key} counts of {self.day}"
