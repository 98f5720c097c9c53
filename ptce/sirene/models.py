"""A compact local copy of the SIRENE register: one row per legal unit (unité légale), with
its head office's address, loaded from INSEE's stock files by `manage.py sirene_load`.

Only units whose `statutDiffusionUniteLegale` is « O » (diffusible) are stored: a partially
diffusible unit (« P ») or a non-diffusible one (« N ») is never written, and one that becomes
so is deleted by the next load, so that nothing here can show it.
"""

from django.db import models


class SireneUnit(models.Model):
    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    siret = models.CharField("SIRET du siège", max_length=14, blank=True, db_index=True)
    name = models.CharField("dénomination", max_length=250)
    # `ptce.territories.text.search_key` of the name and the acronym: prefix search on an index.
    search_name = models.CharField(max_length=250, db_index=True, editable=False)
    acronym = models.CharField("sigle", max_length=60, blank=True)
    legal_form = models.CharField("catégorie juridique INSEE", max_length=4, blank=True)
    naf_code = models.CharField("activité principale (NAF)", max_length=6, blank=True)
    ess = models.BooleanField("appartient au champ de l’ESS", default=False)
    headcount_band = models.CharField("tranche d’effectif salarié", max_length=2, blank=True)
    rna = models.CharField("identifiant d’association", max_length=10, blank=True)
    active = models.BooleanField("active", default=True)
    address = models.CharField("adresse du siège", max_length=250, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune_code = models.CharField("code commune INSEE", max_length=5, blank=True)
    commune_name = models.CharField("commune", max_length=100, blank=True)
    # dateDernierTraitementUniteLegale: the « état au » of what is shown.
    updated_on = models.DateField("dernier traitement SIRENE", null=True, blank=True)
    # A digest of the fields above, so that a reload only rewrites what changed.
    fingerprint = models.CharField(max_length=32, editable=False)

    class Meta:
        verbose_name = "unité légale SIRENE"
        verbose_name_plural = "unités légales SIRENE"
        ordering = ["search_name", "siren"]

    def __str__(self):
        return f"{self.name} ({self.siren})"


class SireneToken(models.Model):
    """One word (3 letters or more, not a stop word) of a unit's name: a name is found by any of
    its words, not only by its first ones, with an index lookup rather than a full scan."""

    token = models.CharField(max_length=40)
    unit = models.ForeignKey(SireneUnit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "mot d’une dénomination SIRENE"
        # On PostgreSQL the migration adds the same two indexes in the "C" collation, which the
        # searches use (`selectors._binary`): byte order, as SQLite's, so the same results.
        indexes = [models.Index(fields=["token", "unit"], name="sirene_token_unit")]

    def __str__(self):
        return self.token
