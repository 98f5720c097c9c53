from django.contrib import admin

from ptce.core.admin import PublicDataAdmin

from .models import Commune, Departement, Epci, Region


@admin.register(Region)
class RegionAdmin(PublicDataAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "other_names"]
    search_fields = ["name", "code", "other_names"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "nature", "population"]
    search_fields = ["name", "code"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "postal_codes", "departement", "population"]
    search_fields = ["name", "code", "postal_codes"]
    list_select_related = ["departement"]
    raw_id_fields = ["departement", "region", "epci"]
