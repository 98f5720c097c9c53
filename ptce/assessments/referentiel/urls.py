"""Public pages of the référentiel and its lexicon (no login)."""

from django.urls import path

from . import views

urlpatterns = [
    path("referentiels/", views.referentiel_list_view, name="referentiel_list"),
    path("referentiels/<slug:code>/", views.referentiel_detail, name="referentiel_detail"),
    path("referentiels/<slug:code>/lexique/", views.lexicon, name="lexicon"),
    path("lexique/", views.lexicon_default, name="lexicon_default"),
]
