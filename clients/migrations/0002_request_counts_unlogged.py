"""Request counts live a few minutes and are re-counted from zero after a crash: an unlogged table spares every
limited request (each API request) a write-ahead-log flush. The counts are read only on the primary."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE clients_requestcount SET UNLOGGED", reverse_sql="ALTER TABLE clients_requestcount SET LOGGED"
        ),
    ]
