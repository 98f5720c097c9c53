"""Evaluations of a pole (coordinator pages), observation sheets and evidence files."""

from django.urls import path

from . import views_consolidation, views_evaluation, views_sheet

POLE = "poles/<slug:slug>/evaluations/"
EVALUATION = POLE + "<int:pk>/"

urlpatterns = [
    path(POLE, views_evaluation.evaluation_list, name="evaluation_list"),
    path(POLE + "nouvelle/", views_evaluation.evaluation_create, name="evaluation_create"),
    path(EVALUATION, views_evaluation.evaluation_detail, name="evaluation_detail"),
    path(EVALUATION + "modifier/", views_evaluation.evaluation_edit, name="evaluation_edit"),
    path(
        EVALUATION + "etat/", views_evaluation.evaluation_transition, name="evaluation_transition"
    ),
    path(EVALUATION + "supprimer/", views_evaluation.evaluation_delete, name="evaluation_delete"),
    path(
        EVALUATION + "publication/", views_evaluation.evaluation_publish, name="evaluation_publish"
    ),
    path(EVALUATION + "evaluateurs/ajouter/", views_evaluation.rater_add, name="rater_add"),
    path(EVALUATION + "evaluateurs/inviter/", views_evaluation.rater_invite, name="rater_invite"),
    path(
        EVALUATION + "evaluateurs/<int:rater_pk>/",
        views_evaluation.rater_sheet,
        name="rater_sheet",
    ),
    path(
        EVALUATION + "evaluateurs/<int:rater_pk>/retirer/",
        views_evaluation.rater_remove,
        name="rater_remove",
    ),
    path(
        EVALUATION + "evaluateurs/<int:rater_pk>/renvoyer/",
        views_evaluation.rater_resend,
        name="rater_resend",
    ),
    path(EVALUATION + "feuille-papier/", views_evaluation.paper_sheet, name="paper_sheet"),
    path(EVALUATION + "consolidation/", views_consolidation.consolidation, name="consolidation"),
    path("evaluations/<int:pk>/ma-feuille/", views_sheet.my_sheet, name="my_sheet"),
    path("evaluations/feuille/<str:token>/", views_sheet.external_sheet, name="external_sheet"),
    path(
        "evaluations/feuille/<str:token>/preuves/<int:pk>/",
        views_sheet.external_evidence_download,
        name="external_evidence_download",
    ),
    path("evaluations/preuves/<int:pk>/", views_sheet.evidence_download, name="evidence_download"),
]
