from django.urls import path

from . import views_search

urlpatterns = [
    path("recherche/", views_search.search, name="search"),
]
