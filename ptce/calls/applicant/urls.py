"""The applicant's URLs.

`pole_urlpatterns` are relative to a pole's address (`poles/<pole:slug>/candidatures/…`,
mounted by `ptce/calls/urls.py` with `ptce.poles.urls.pole_pages`). `urlpatterns` are the
application's own pages (`candidatures/<pk>/…`).
"""

from django.urls import path

from . import views

pole_urlpatterns = [
    path("candidatures/", views.pole_applications, name="pole_applications"),
    path(
        "candidatures/nouvelle/<int:phase_pk>/",
        views.application_create,
        name="application_create",
    ),
]

urlpatterns = [
    path("candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/modifier/", views.application_edit, name="application_edit"),
    path(
        "candidatures/<int:pk>/co-redacteurs/",
        views.application_coeditors,
        name="application_coeditors",
    ),
    path("candidatures/<int:pk>/deposer/", views.application_submit, name="application_submit"),
    path("candidatures/<int:pk>/retirer/", views.application_withdraw, name="application_withdraw"),
    path(
        "candidatures/<int:pk>/fichiers/<int:file_pk>/",
        views.application_file,
        name="application_file",
    ),
]
