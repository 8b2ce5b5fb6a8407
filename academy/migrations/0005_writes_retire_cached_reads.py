from django.db import migrations

TABLES = [
    "academy_course", "academy_module", "academy_module_areas", "academy_taggedmodule", "academy_quizquestion",
]  # fmt: skip

CREATE = "".join(
    f"CREATE TRIGGER {table}_retires_cached_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n"
    for table in TABLES
)
# A learner's answer only counts up `answer_count`, which no public page shows: it retires nothing.
# (A column list cannot name "every column but one", so the option's edited columns are listed.)
CREATE += (
    "CREATE TRIGGER academy_quizoption_retires_cached_reads AFTER INSERT OR DELETE OR TRUNCATE ON academy_quizoption "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n"
    "CREATE TRIGGER academy_quizoption_edit_retires_cached_reads "
    "AFTER UPDATE OF question_id, position, text, is_correct, feedback ON academy_quizoption "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_content_generation();\n"
)
DROP = "".join(f"DROP TRIGGER {table}_retires_cached_reads ON {table};\n" for table in TABLES)
DROP += (
    "DROP TRIGGER academy_quizoption_retires_cached_reads ON academy_quizoption;\n"
    "DROP TRIGGER academy_quizoption_edit_retires_cached_reads ON academy_quizoption;\n"
)


class Migration(migrations.Migration):
    dependencies = [("academy", "0004_archived_status"), ("browse", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
