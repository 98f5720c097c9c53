from django.db import migrations

# The curated list of filières (reference data, not demo data).
SECTORS = [
    ("alimentation", "Alimentation et circuits courts"),
    ("reemploi-economie-circulaire", "Réemploi et économie circulaire"),
    ("mobilite", "Mobilité"),
    ("habitat", "Habitat et construction"),
    ("energie", "Énergie"),
    ("numerique", "Numérique"),
    ("culture", "Culture"),
    ("tourisme", "Tourisme"),
    ("services-personne-autonomie", "Services à la personne et autonomie"),
    ("iae", "Insertion par l’activité économique"),
    ("textile", "Textile"),
    ("bois", "Bois et forêt"),
    ("agriculture", "Agriculture"),
    ("sante", "Santé et médico-social"),
    ("environnement", "Environnement et biodiversité"),
    ("education-formation", "Éducation et formation"),
    ("multi-filieres", "Toutes filières"),
]


def load(apps, schema_editor):
    Sector = apps.get_model("poles", "Sector")
    for position, (slug, name) in enumerate(SECTORS):
        Sector.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("poles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
