"""Results, evolution, exports, the blank observation sheet and the public radar."""

from django.urls import path

from . import views_results as views

EVALUATION = "poles/<slug:slug>/evaluations/<int:pk>/"

urlpatterns = [
    path(f"{EVALUATION}resultats/", views.results, name="results"),
    path(f"{EVALUATION}resultats.pdf", views.results_pdf, name="results_pdf"),
    path(f"{EVALUATION}resultats.csv", views.results_csv, name="results_csv"),
    path(f"{EVALUATION}resultats.xlsx", views.results_xlsx, name="results_xlsx"),
    path("poles/<slug:slug>/evaluations/evolution/", views.evolution, name="evolution"),
    path("poles/<slug:slug>/evaluations/radar-public/", views.public_radar, name="public_radar"),
    path(
        "referentiels/<slug:code>/feuille-vierge.pdf",
        views.blank_sheet_pdf_view,
        name="blank_sheet_pdf",
    ),
]
