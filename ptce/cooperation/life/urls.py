"""The life of a pole: shared resources and their matches, meetings and their attachments, the
animation indicators, the cooperation network, and the instructors' animation summary.

`urlpatterns` are site-level paths; `pole_urlpatterns` are relative to a pole's address
(`poles/<pole:slug>/`, mounted by `cooperation.urls`).
"""

from django.urls import path

from . import views, views_meetings

MEETING = "reunions/<int:pk>/"

urlpatterns = [
    path("instruction/animation/", views_meetings.animation_summary, name="animation_summary"),
]

pole_urlpatterns = [
    path("ressources/", views.resources, name="resources"),
    path("ressources/proposer/", views.resource_new, name="resource_create"),
    path("ressources/correspondances/", views.resource_matches, name="resource_matches"),
    path("ressources/<int:pk>/modifier/", views.resource_edit, name="resource_edit"),
    path("ressources/<int:pk>/desactiver/", views.resource_deactivate, name="resource_deactivate"),
    path("ressources/<int:pk>/reactiver/", views.resource_reactivate, name="resource_reactivate"),
    path("reunions/", views_meetings.meetings, name="meetings"),
    path("reunions/ajouter/", views_meetings.meeting_new, name="meeting_create"),
    path(MEETING, views_meetings.meeting_detail, name="meeting_detail"),
    path(MEETING + "modifier/", views_meetings.meeting_edit, name="meeting_edit"),
    path(MEETING + "supprimer/", views_meetings.meeting_remove, name="meeting_delete"),
    path(MEETING + "pieces-jointes/", views_meetings.attachment_upload, name="attachment_upload"),
    path(
        MEETING + "pieces-jointes/<int:attachment_pk>/",
        views_meetings.attachment_download,
        name="attachment_download",
    ),
    path(
        MEETING + "pieces-jointes/<int:attachment_pk>/supprimer/",
        views_meetings.attachment_remove,
        name="attachment_delete",
    ),
    path("gerer/animation/", views_meetings.animation, name="animation"),
    path("reseau/", views.cooperation_network, name="network"),
]
