from django.db import models


class RequestCount(models.Model):
    """How many times one client (or everyone) asked for one limited thing within one window."""

    rate = models.CharField(max_length=40)
    who = models.CharField(max_length=64, help_text="A client address, or 'everyone'.")
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rate", "who", "window_start"], name="request_count_once_per_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="request_count_window_idx")]

    def __str__(self):
        return f"{self.count} × {self.rate} by {self.who} from {self.window_start:%Y-%m-%d %H:%M}"
