"""Evaluations of a pole (coordinator pages), observation sheets and evidence files.

`urlpatterns` are site-level paths; `pole_urlpatterns` are relative to a pole's address
(`poles/<pole:slug>/`, mounted by `assessments.urls`).
"""

from django.urls import path

from . import views, views_consolidation, views_sheet

EVALUATION = "evaluations/<int:pk>/"

pole_urlpatterns = [
    path("evaluations/", views.evaluation_list, name="evaluation_list"),
    path("evaluations/nouvelle/", views.evaluation_create, name="evaluation_create"),
    path(EVALUATION, views.evaluation_detail, name="evaluation_detail"),
    path(EVALUATION + "modifier/", views.evaluation_edit, name="evaluation_edit"),
    path(EVALUATION + "etat/", views.evaluation_transition, name="evaluation_transition"),
    path(EVALUATION + "supprimer/", views.evaluation_delete, name="evaluation_delete"),
    path(EVALUATION + "publication/", views.evaluation_publish, name="evaluation_publish"),
    path(EVALUATION + "evaluateurs/ajouter/", views.rater_add, name="rater_add"),
    path(EVALUATION + "evaluateurs/inviter/", views.rater_invite, name="rater_invite"),
    path(EVALUATION + "evaluateurs/<int:rater_pk>/", views.rater_sheet, name="rater_sheet"),
    path(
        EVALUATION + "evaluateurs/<int:rater_pk>/retirer/", views.rater_remove, name="rater_remove"
    ),
    path(
        EVALUATION + "evaluateurs/<int:rater_pk>/renvoyer/",
        views.rater_resend,
        name="rater_resend",
    ),
    path(EVALUATION + "feuille-papier/", views.paper_sheet, name="paper_sheet"),
    path(EVALUATION + "consolidation/", views_consolidation.consolidation, name="consolidation"),
]

urlpatterns = [
    path("evaluations/<int:pk>/ma-feuille/", views_sheet.my_sheet, name="my_sheet"),
    path("evaluations/feuille/<str:token>/", views_sheet.external_sheet, name="external_sheet"),
    path(
        "evaluations/feuille/<str:token>/preuves/<int:pk>/",
        views_sheet.external_evidence_download,
        name="external_evidence_download",
    ),
    path("evaluations/preuves/<int:pk>/", views_sheet.evidence_download, name="evidence_download"),
]
