"""The official French geography (COG), loaded from the data files in `data/`."""

from django.db import models


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    other_names = models.CharField(
        "autres noms",
        max_length=300,
        blank=True,
        help_text="Anciennes régions (avant 2016) et sigles, séparés par « | ».",
    )
    # "|midi pyrenees|languedoc roussillon|": each name normalized, so that a prefix matches
    # with `contains("|" + prefix)`.
    search_other_names = models.CharField(max_length=400, blank=True, editable=False)
    # Where a pole placed at région level stands on the map: the mean point of the région's
    # communes, computed by `territories_load` (not in the data files).
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    code = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    nature = models.CharField("nature juridique", max_length=10, blank=True)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    postal_codes = models.CharField(
        "codes postaux", max_length=200, blank=True, help_text="Séparés par des espaces."
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name", "code"]

    def __str__(self):
        return f"{self.name} ({self.departement_id})"
