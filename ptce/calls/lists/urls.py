"""The instructors' list and its exports, the national ranking, an application's PDF, a call's
figures, following a file."""

from django.urls import path

from . import bulk_views, follow, saved_filter_views, views

urlpatterns = [
    path("instruction/candidatures/", views.instruction_list, name="instruction_list"),
    path("instruction/candidatures/export.csv", views.export_csv, name="export_csv"),
    path("instruction/candidatures/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("instruction/classement/<int:phase_pk>/", views.ranking, name="ranking"),
    path("candidatures/<int:pk>/pdf/", views.application_pdf, name="application_pdf"),
    path(
        "instruction/appels/<slug:slug>/chiffres/",
        views.call_figures,
        name="call_figures",
    ),
    path("instruction/candidatures/<int:pk>/suivre/", follow.follow, name="instruction_follow"),
    path(
        "instruction/candidatures/<int:pk>/ne-plus-suivre/",
        follow.unfollow,
        name="instruction_unfollow",
    ),
    path(
        "instruction/candidatures/filtres/",
        saved_filter_views.saved_filter_create,
        name="saved_filter_create",
    ),
    path(
        "instruction/candidatures/filtres/<int:filter_pk>/",
        saved_filter_views.saved_filter_edit,
        name="saved_filter_edit",
    ),
    path(
        "instruction/candidatures/filtres/<int:filter_pk>/supprimer/",
        saved_filter_views.saved_filter_delete,
        name="saved_filter_delete",
    ),
    path(
        "instruction/candidatures/lot/<slug:action>/",
        bulk_views.bulk_action,
        name="bulk_action",
    ),
]
