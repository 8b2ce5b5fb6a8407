import django.utils.timezone
from django.db import migrations, models

# Each move of the generation also draws a new token and notes the time: keys built on the token
# never meet again, even when a restored database counts from an older number; the time is when
# content last changed (Last-Modified), never earlier than the last time: two writers wait for each other
# on this row, and the later one may have started first. The row is made again if a flush took it away.
REPLACE = """
CREATE OR REPLACE FUNCTION bump_content_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO content_generation (id, number, token, changed)
    VALUES (1, 1, md5(random()::text || clock_timestamp()::text), clock_timestamp())
    ON CONFLICT (id) DO UPDATE
    SET number = content_generation.number + 1, token = EXCLUDED.token,
        changed = GREATEST(content_generation.changed, EXCLUDED.changed);
    RETURN NULL;
END $$;
UPDATE content_generation SET token = md5(random()::text || clock_timestamp()::text), changed = now();
"""
RESTORE = """
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
            model_name="contentgeneration", name="token", field=models.CharField(default="", max_length=32)
        ),
        migrations.AddField(
            model_name="contentgeneration",
            name="changed",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunSQL(REPLACE, RESTORE),
    ]
