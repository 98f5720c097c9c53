"""The life of a pole: shared resources and their matches, meetings and their attachments, the
animation indicators, the cooperation network, and the instructors' animation summary."""

from django.urls import path

from . import views_life, views_life_meetings

POLE = "poles/<slug:slug>/"
MEETING = POLE + "reunions/<int:pk>/"

urlpatterns = [
    path(POLE + "ressources/", views_life.resources, name="resources"),
    path(POLE + "ressources/proposer/", views_life.resource_new, name="resource_create"),
    path(
        POLE + "ressources/correspondances/",
        views_life.resource_matches,
        name="resource_matches",
    ),
    path(POLE + "ressources/<int:pk>/modifier/", views_life.resource_edit, name="resource_edit"),
    path(
        POLE + "ressources/<int:pk>/desactiver/",
        views_life.resource_deactivate,
        name="resource_deactivate",
    ),
    path(
        POLE + "ressources/<int:pk>/reactiver/",
        views_life.resource_reactivate,
        name="resource_reactivate",
    ),
    path(POLE + "reunions/", views_life_meetings.meetings, name="meetings"),
    path(POLE + "reunions/ajouter/", views_life_meetings.meeting_new, name="meeting_create"),
    path(MEETING, views_life_meetings.meeting_detail, name="meeting_detail"),
    path(MEETING + "modifier/", views_life_meetings.meeting_edit, name="meeting_edit"),
    path(MEETING + "supprimer/", views_life_meetings.meeting_remove, name="meeting_delete"),
    path(
        MEETING + "pieces-jointes/",
        views_life_meetings.attachment_upload,
        name="attachment_upload",
    ),
    path(
        MEETING + "pieces-jointes/<int:attachment_pk>/",
        views_life_meetings.attachment_download,
        name="attachment_download",
    ),
    path(
        MEETING + "pieces-jointes/<int:attachment_pk>/supprimer/",
        views_life_meetings.attachment_remove,
        name="attachment_delete",
    ),
    path(POLE + "gerer/animation/", views_life_meetings.animation, name="animation"),
    path(POLE + "reseau/", views_life.cooperation_network, name="network"),
    path(
        "instruction/animation/",
        views_life_meetings.animation_summary,
        name="animation_summary",
    ),
]
