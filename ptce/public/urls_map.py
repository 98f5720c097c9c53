from django.urls import path

from . import views_map

urlpatterns = [
    path("carte/", views_map.map_view, name="map"),
    path("carte/donnees.json", views_map.map_data_view, name="map_data"),
    path("carte/departements.geojson", views_map.map_outlines, name="map_outlines"),
    path("carte/embed/", views_map.map_embed, name="map_embed"),
    path("carte/lieux.json", views_map.map_places_view, name="map_places"),
]
