from django.urls import path

from . import views

app_name = "sirene"

urlpatterns = [
    path("recherche/", views.search, name="search"),
]
