"""The French search vector compressed with lz4 where the server has it, as migration 0003 does the English one.

Added after 0003, it kept the default pglz, which on a vector mostly fails to
compress, and slowly: lz4 finds that out several times faster, on every write.
"""

from django.db import migrations

LZ4 = """
DO $$ BEGIN
    ALTER TABLE practices_practice ALTER COLUMN search_vector_fr SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server; keeping pglz';
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("practices", "0019_plain_texts_kept_by_a_trigger")]

    operations = [
        migrations.RunSQL(LZ4, "ALTER TABLE practices_practice ALTER COLUMN search_vector_fr SET COMPRESSION default;")
    ]
