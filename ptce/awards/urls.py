"""The awards' URLs (`awards:…`): the coordinator's space `poles/<pole:slug>/convention/`, the
instruction's `instruction/conventions/…` and « créer la convention » on an application, the
open data `donnees/subventions.csv`."""

from django.urls import path

from ptce.poles.urls import pole_pages

from . import (
    editor_bouquet,
    editor_reports,
    views,
    views_data,
    views_export,
    views_final,
    views_pole,
    views_reports,
)

app_name = "awards"

BASE = "instruction/conventions/<int:pk>/"

pole_urlpatterns = [
    path("convention/", views_pole.pole_agreements, name="pole_agreements"),
]

urlpatterns = [
    pole_pages(pole_urlpatterns),
    path(
        "instruction/candidatures/<int:pk>/convention/",
        views.agreement_create,
        name="agreement_create",
    ),
    path("instruction/conventions/", views.follow_up_list, name="list"),
    path("instruction/conventions/export.csv", views_export.follow_up_export, name="list_export"),
    path(BASE, views.agreement_page, name="agreement"),
    path(BASE + "modifier/", views.agreement_edit, name="agreement_edit"),
    path(BASE + "convention-signee/", views.convention_upload, name="convention_upload"),
    path(BASE + "etat/<str:name>/", views.agreement_transition, name="agreement_transition"),
    path(BASE + "versements/", views.instalment_add, name="instalment_add"),
    path(
        BASE + "versements/<int:instalment_pk>/condition/",
        views.instalment_condition,
        name="instalment_condition",
    ),
    path(
        BASE + "versements/<int:instalment_pk>/<str:name>/",
        views.instalment_transition,
        name="instalment_transition",
    ),
    path(BASE + "comites/", views.committee_add, name="committee_add"),
    path(BASE + "services/", views.delivery_add, name="delivery_add"),
    path(BASE + "bilan/", views_final.closing_report, name="closing_report"),
    path(
        BASE + "evaluation-finale/",
        views_final.final_evaluation_request,
        name="final_evaluation_request",
    ),
    path("evaluation-finale/<str:token>/", views_final.final_evaluation, name="final_evaluation"),
    path("conventions/<int:pk>/fichiers/<int:file_pk>/", views.file_download, name="file"),
    path(BASE + "rapports/", views_reports.report_schedule, name="report_schedule"),
    path("conventions/rapports/<int:pk>/", views_reports.report_page, name="report"),
    path("conventions/rapports/<int:pk>/modifier/", views_reports.report_edit, name="report_edit"),
    path(
        "conventions/rapports/<int:pk>/<str:name>/",
        views_reports.report_transition,
        name="report_transition",
    ),
    path("donnees/subventions.csv", views_data.subventions_csv, name="subventions_csv"),
    path("donnees/subventions.json", views_data.subventions_json, name="subventions_json"),
    path(
        "donnees/subventions.schema.json", views_data.subventions_schema, name="subventions_schema"
    ),
    # The call editor's bouquet of services (the rest of the editor: `calls:editor_*`).
    path(
        "gestion-des-appels/<int:call_pk>/bouquet/",
        editor_bouquet.service_list,
        name="editor_services",
    ),
    path(
        "gestion-des-appels/<int:call_pk>/bouquet/nouveau/",
        editor_bouquet.service_create,
        name="editor_service_create",
    ),
    path(
        "gestion-des-appels/bouquet/<int:item_pk>/",
        editor_bouquet.service_edit,
        name="editor_service",
    ),
    path(
        "gestion-des-appels/bouquet/<int:item_pk>/suppression/",
        editor_bouquet.service_delete,
        name="editor_service_delete",
    ),
    path(
        "gestion-des-appels/<int:call_pk>/rapports/",
        editor_reports.question_list,
        name="editor_report_questions",
    ),
    path(
        "gestion-des-appels/<int:call_pk>/rapports/nouvelle/",
        editor_reports.question_create,
        name="editor_report_question_create",
    ),
    path(
        "gestion-des-appels/rapports/<int:report_question_pk>/",
        editor_reports.question_edit,
        name="editor_report_question",
    ),
    path(
        "gestion-des-appels/rapports/<int:report_question_pk>/suppression/",
        editor_reports.question_delete,
        name="editor_report_question_delete",
    ),
]
