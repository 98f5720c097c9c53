"""The instruction of one application (regional then national decision), the expert's personal
link and the message thread."""

from django.urls import path

from . import expert, messages, views

BASE = "instruction/candidatures/<int:pk>/"

urlpatterns = [
    path(BASE, views.instruction, name="instruction"),
    path(BASE + "affectation/", views.assign, name="instruction_assign"),
    path(
        BASE + "affectation/<int:user_pk>/retirer/",
        views.unassign,
        name="instruction_unassign",
    ),
    path(BASE + "annotations/", views.annotate, name="instruction_annotate"),
    path(BASE + "avis/", views.opinion_request, name="instruction_opinion_request"),
    path(
        BASE + "avis/<int:opinion_pk>/relance/",
        views.opinion_remind,
        name="instruction_opinion_remind",
    ),
    path(
        BASE + "avis/<int:opinion_pk>/revocation/",
        views.opinion_revoke,
        name="instruction_opinion_revoke",
    ),
    path(BASE + "notes/", views.scores, name="instruction_scores"),
    path(BASE + "proposition/", views.proposal, name="instruction_proposal"),
    path(BASE + "region/", views.region_move, name="instruction_region_move"),
    path(
        BASE + "transition/<str:name>/",
        views.transition,
        name="instruction_transition",
    ),
    path("avis/<str:token>/", expert.opinion, name="opinion"),
    path(
        "avis/<str:token>/fichiers/<int:file_pk>/",
        expert.opinion_file,
        name="opinion_file",
    ),
    path("candidatures/<int:pk>/messages/", messages.messages, name="messages"),
]
