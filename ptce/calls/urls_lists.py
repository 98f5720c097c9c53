from django.urls import path

from . import views_lists

urlpatterns = [
    path("instruction/candidatures/", views_lists.instruction_list, name="instruction_list"),
    path("instruction/candidatures/export.csv", views_lists.export_csv, name="export_csv"),
    path("instruction/candidatures/export.xlsx", views_lists.export_xlsx, name="export_xlsx"),
    path("candidatures/<int:pk>/pdf/", views_lists.application_pdf, name="application_pdf"),
    path(
        "instruction/appels/<slug:slug>/chiffres/",
        views_lists.call_figures,
        name="call_figures",
    ),
]
