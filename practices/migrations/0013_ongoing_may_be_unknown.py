"""`ongoing` becomes yes, no or unknown: entries whose source gives no duration say neither."""

from django.db import migrations, models

UNKNOWN_WHERE_NOT_SAID = """
UPDATE practices_practice
   SET ongoing = NULL,
       imported_values = CASE WHEN imported_values ? 'ongoing'
                              THEN jsonb_set(imported_values, '{ongoing}', 'null'::jsonb)
                              ELSE imported_values END
 WHERE NOT ongoing AND start IS NULL AND "end" IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [("practices", "0012_contributed_by")]

    operations = [
        migrations.AlterField(
            model_name="practice",
            name="ongoing",
            field=models.BooleanField(
                blank=True,
                default=None,
                help_text="Yes, no, or unknown (empty) when the source does not say.",
                null=True,
            ),
        ),
        migrations.RunSQL(UNKNOWN_WHERE_NOT_SAID, migrations.RunSQL.noop),
    ]
