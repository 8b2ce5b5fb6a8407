from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_archived_status"), ("bench", "0001_initial")]

    operations = [migrations.RemoveField(model_name="practice", name="is_synthetic")]
