from django.urls import path

from . import views

# Mounted in the `core` namespace by the project URLconf (`core:dashboard`).
urlpatterns = [
    path("mon-espace/", views.dashboard, name="dashboard"),
]
