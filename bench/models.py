from django.db import models


class SyntheticBatch(models.Model):
    """A block of consecutive practice ids that `generate_practices` filled, so a purge removes exactly those."""

    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    seed = models.IntegerField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "synthetic batches"

    def __str__(self):
        return f"Synthetic practices {self.first_id}–{self.last_id}"
