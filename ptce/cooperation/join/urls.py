"""Step 1, « réunir les volontaires »: the emerging poles, the public join form and the
coordinator's answers to join requests.

`urlpatterns` are site-level paths; `pole_urlpatterns` are relative to a pole's address
(`poles/<pole:slug>/`, mounted by `cooperation.urls`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("poles/emergents/", views.emerging, name="emerging_poles"),
]

pole_urlpatterns = [
    path("rejoindre/", views.join, name="join"),
    path("rejoindre/merci/", views.join_done, name="join_done"),
    path("gerer/demandes/", views.join_requests, name="join_requests"),
    path("gerer/demandes/<int:pk>/", views.join_request_detail, name="join_request"),
    path(
        "gerer/demandes/<int:pk>/refuser/",
        views.join_request_decline_view,
        name="join_request_decline",
    ),
]
