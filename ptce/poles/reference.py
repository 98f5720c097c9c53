"""The curated list of filières: reference data, loaded by a data migration."""

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


def sectors_load(sector_model) -> None:
    """Idempotent; takes the model so that the data migration can pass its historical one."""
    for position, (slug, name) in enumerate(SECTORS):
        sector_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
