from django.db import migrations, models
from django.db.models.functions import Now

# The trigger function every content table calls after each statement, now also
# noting when (never earlier than the last time: two writers wait for each other
# on this row, and the later one may have started first). It inserts the row when
# it is missing (a test's flush truncates it), so the generation can never stop moving.
BUMP = """
CREATE OR REPLACE FUNCTION bump_content_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO content_generation (id, number, changed) VALUES (1, 1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET number = content_generation.number + 1,
        changed = GREATEST(content_generation.changed, clock_timestamp());
    RETURN NULL;
END $$;
"""
PREVIOUS_BUMP = """
CREATE OR REPLACE FUNCTION bump_content_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_generation SET number = number + 1 WHERE id = 1;
    RETURN NULL;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("browse", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="contentgeneration",
            name="changed",
            field=models.DateTimeField(db_default=Now()),
        ),
        migrations.RunSQL(BUMP, PREVIOUS_BUMP),
    ]
