"""The decision letter of an application."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "candidatures/<int:pk>/lettre-de-decision/",
        views.decision_letter,
        name="decision_letter",
    ),
]
