"""The call editor of the national cell (`gestion-des-appels/…`)."""

from django.urls import path

from . import views, views_documents, views_form

P = "gestion-des-appels/"

urlpatterns = [
    path(P, views.call_list, name="editor_calls"),
    path(f"{P}nouveau/", views.call_create, name="editor_call_create"),
    path(f"{P}<int:call_pk>/", views.call_edit, name="editor_call"),
    path(f"{P}<int:call_pk>/publier/", views.call_publish, name="editor_call_publish"),
    path(f"{P}<int:call_pk>/retirer/", views.call_unpublish, name="editor_call_unpublish"),
    path(f"{P}<int:call_pk>/suppression/", views.call_delete, name="editor_call_delete"),
    path(f"{P}<int:call_pk>/phases/nouvelle/", views.phase_create, name="editor_phase_create"),
    path(f"{P}phases/<int:phase_pk>/", views.phase_edit, name="editor_phase"),
    path(f"{P}phases/<int:phase_pk>/suppression/", views.phase_delete, name="editor_phase_delete"),
    path(
        f"{P}<int:call_pk>/documents/nouveau/",
        views_documents.document_create,
        name="editor_document_create",
    ),
    path(f"{P}documents/<int:document_pk>/", views_documents.document_edit, name="editor_document"),
    path(
        f"{P}documents/<int:document_pk>/suppression/",
        views_documents.document_delete,
        name="editor_document_delete",
    ),
    path(f"{P}phases/<int:phase_pk>/formulaire/", views_form.form_page, name="editor_form"),
    path(
        f"{P}phases/<int:phase_pk>/formulaire/sections/nouvelle/",
        views_form.section_create,
        name="editor_section_create",
    ),
    path(f"{P}sections/<int:section_pk>/", views_form.section_edit, name="editor_section"),
    path(
        f"{P}sections/<int:section_pk>/suppression/",
        views_form.section_delete,
        name="editor_section_delete",
    ),
    path(
        f"{P}sections/<int:section_pk>/questions/nouvelle/",
        views_form.question_create,
        name="editor_question_create",
    ),
    path(f"{P}questions/<int:question_pk>/", views_form.question_edit, name="editor_question"),
    path(
        f"{P}questions/<int:question_pk>/suppression/",
        views_form.question_delete,
        name="editor_question_delete",
    ),
    path(f"{P}phases/<int:phase_pk>/grille/", views_form.grid_page, name="editor_grid"),
    path(
        f"{P}phases/<int:phase_pk>/grille/nouveau/",
        views_form.criterion_create,
        name="editor_criterion_create",
    ),
    path(f"{P}criteres/<int:criterion_pk>/", views_form.criterion_edit, name="editor_criterion"),
    path(
        f"{P}criteres/<int:criterion_pk>/suppression/",
        views_form.criterion_delete,
        name="editor_criterion_delete",
    ),
    path(f"{P}instructeurs/", views.instructor_list, name="editor_instructors"),
    path(
        f"{P}instructeurs/<int:user_pk>/retrait/",
        views.instructor_remove,
        name="editor_instructor_remove",
    ),
]
