from django.urls import path

from . import views

urlpatterns = [
    path("carte/", views.map_view, name="map"),
]
