"""The instruction (regional then national), the expert's page and the message thread."""

from django.urls import path

from . import views_expert, views_instruction, views_messages

BASE = "instruction/candidatures/<int:pk>/"

urlpatterns = [
    path(BASE, views_instruction.instruction, name="instruction"),
    path(BASE + "affectation/", views_instruction.assign, name="instruction_assign"),
    path(
        BASE + "affectation/<int:user_pk>/retirer/",
        views_instruction.unassign,
        name="instruction_unassign",
    ),
    path(BASE + "annotations/", views_instruction.annotate, name="instruction_annotate"),
    path(BASE + "avis/", views_instruction.opinion_request, name="instruction_opinion_request"),
    path(
        BASE + "avis/<int:opinion_pk>/relance/",
        views_instruction.opinion_remind,
        name="instruction_opinion_remind",
    ),
    path(
        BASE + "avis/<int:opinion_pk>/revocation/",
        views_instruction.opinion_revoke,
        name="instruction_opinion_revoke",
    ),
    path(BASE + "notes/", views_instruction.scores, name="instruction_scores"),
    path(BASE + "proposition/", views_instruction.proposal, name="instruction_proposal"),
    path(
        BASE + "transition/<str:name>/",
        views_instruction.transition,
        name="instruction_transition",
    ),
    path("instruction/classement/<int:phase_pk>/", views_instruction.ranking, name="ranking"),
    path("avis/<str:token>/", views_expert.opinion, name="opinion"),
    path(
        "avis/<str:token>/fichiers/<int:file_pk>/",
        views_expert.opinion_file,
        name="opinion_file",
    ),
    path("candidatures/<int:pk>/messages/", views_messages.messages, name="messages"),
]
