from django.db import migrations

from ptce.poles.reference import sectors_load


def load(apps, schema_editor):
    sectors_load(apps.get_model("poles", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("poles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
