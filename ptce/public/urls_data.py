from django.urls import path

from . import views_data

urlpatterns = [
    path("donnees/", views_data.data_page, name="data"),
    path("donnees/poles.csv", views_data.poles_csv, name="data_poles_csv"),
    path("donnees/poles.geojson", views_data.poles_geojson, name="data_poles_geojson"),
    path("donnees/poles.json", views_data.poles_json, name="data_poles_json"),
    path("donnees/organisations.csv", views_data.organisations_csv, name="data_organisations_csv"),
    path("donnees/schemas/<slug:name>.json", views_data.data_schema, name="data_schema"),
]
