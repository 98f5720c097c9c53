from django.urls import path

from . import views_figures

urlpatterns = [
    path("chiffres/", views_figures.figures, name="figures"),
    path("chiffres/<slug:chart>.csv", views_figures.figures_csv, name="figures_csv"),
]
