from django.db import migrations, models

# Practices marked synthetic before the marker left the practice table become batches
# of consecutive ids (one per unbroken run), so a purge still removes exactly them.
RECORD_MARKED = """
INSERT INTO bench_syntheticbatch (first_id, last_id, created)
SELECT min(id), max(id), now() FROM (
    SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM practices_practice WHERE is_synthetic
) AS marked GROUP BY run;
"""


class Migration(migrations.Migration):
    initial = True

    dependencies = [("practices", "0007_archived_status")]

    operations = [
        migrations.CreateModel(
            name="SyntheticBatch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("first_id", models.BigIntegerField()),
                ("last_id", models.BigIntegerField()),
                ("seed", models.IntegerField(null=True)),
                ("created", models.DateTimeField(auto_now_add=True)),
            ],
            options={"verbose_name_plural": "synthetic batches"},
        ),
        migrations.RunSQL(RECORD_MARKED, migrations.RunSQL.noop),
    ]
