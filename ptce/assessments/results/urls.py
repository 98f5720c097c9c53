"""Results, evolution, exports, the public radar and the blank observation sheet.

`urlpatterns` are site-level paths; `pole_urlpatterns` are relative to a pole's address
(`poles/<pole:slug>/`, mounted by `assessments.urls`).
"""

from django.urls import path

from . import views

EVALUATION = "evaluations/<int:pk>/"

pole_urlpatterns = [
    path(f"{EVALUATION}resultats/", views.results, name="results"),
    path(f"{EVALUATION}resultats.pdf", views.results_pdf, name="results_pdf"),
    path(f"{EVALUATION}resultats.csv", views.results_csv, name="results_csv"),
    path(f"{EVALUATION}resultats.xlsx", views.results_xlsx, name="results_xlsx"),
    path("evaluations/evolution/", views.evolution, name="evolution"),
    path("evaluations/radar-public/", views.public_radar, name="public_radar"),
]

urlpatterns = [
    path(
        "referentiels/<slug:code>/feuille-vierge.pdf",
        views.blank_sheet_pdf_view,
        name="blank_sheet_pdf",
    ),
]
