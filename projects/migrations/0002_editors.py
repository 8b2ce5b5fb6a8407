from django.db import migrations


# Editors' permissions were granted here; they are now declared in editorial/editors.py and
# applied after every migrate, so migrations import no live code.
class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial"), ("compendium", "0002_search_configuration_and_editors")]

    operations = []
