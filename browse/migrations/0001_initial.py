from django.db import migrations, models

# The one row, and the trigger function every content table calls after each statement.
CREATE = """
INSERT INTO content_generation (id, number) VALUES (1, 1);
CREATE FUNCTION bump_content_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_generation SET number = number + 1 WHERE id = 1;
    RETURN NULL;
END $$;

-- Rows whose search vectors depend on the changed rows are "touched" (updated to
-- themselves), so their own BEFORE UPDATE trigger computes the vectors again.
-- Arguments: the table to touch, its column to match, the changed rows' column
-- holding the value; optionally a link table, its column pointing at the touched
-- table and its column pointing at the changed rows, when the two meet through it.
CREATE FUNCTION touch_dependent_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text;
    matching text;
BEGIN
    IF current_setting('compendium.bulk_load', true) = 'on' THEN
        RETURN NULL;  -- a bulk loader computes the vectors itself
    END IF;
    changed := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT %I FROM new_rows', TG_ARGV[2])
        WHEN 'DELETE' THEN format('SELECT %I FROM old_rows', TG_ARGV[2])
        ELSE format('SELECT %1$I FROM new_rows UNION SELECT %1$I FROM old_rows', TG_ARGV[2])
    END;
    IF TG_NARGS > 3 THEN
        changed := format('SELECT %I FROM %I WHERE %I IN (%s)', TG_ARGV[4], TG_ARGV[3], TG_ARGV[5], changed);
    END IF;
    matching := format('UPDATE %I SET id = id WHERE %I IN (%s)', TG_ARGV[0], TG_ARGV[1], changed);
    EXECUTE matching;
    RETURN NULL;
END $$;
"""
DROP = "DROP FUNCTION touch_dependent_rows(); DROP FUNCTION bump_content_generation(); DELETE FROM content_generation;"


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField()),
            ],
            options={"db_table": "content_generation"},
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
