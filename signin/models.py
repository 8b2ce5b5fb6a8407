from django.db import models


class Scope(models.TextChoices):
    ACCOUNT = "account", "One account, from any address"
    ADDRESS = "address", "One address, against any account"
    PAIR = "pair", "One account from one address"


class FailedSignIns(models.Model):
    """Failed sign-ins counted for one account or one address, and when the last one was."""

    scope = models.CharField(max_length=10, choices=Scope.choices)
    key = models.CharField(max_length=255, help_text="The username, the address, or both.")
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField()

    class Meta:
        verbose_name_plural = "failed sign-ins"
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="failed_sign_ins_once_per_key")]

    def __str__(self):
        return f"{self.failures} failed sign-ins for {self.scope} {self.key}"
