"""The public call pages (no login)."""

from django.urls import path

from . import views

urlpatterns = [
    path("appels/", views.call_list, name="call_list"),
    path("appels/<slug:slug>/", views.call_detail, name="call_detail"),
    path(
        "appels/<slug:slug>/phases/<int:number>/laureats/",
        views.phase_laureates,
        name="call_phase_laureates",
    ),
]
