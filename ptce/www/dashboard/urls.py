from django.urls import path

from . import exports, views

# Mounted in the `core` namespace by the project URLconf (`core:dashboard`).
urlpatterns = [
    path("mon-espace/", views.dashboard, name="dashboard"),
    path("mon-espace/compteur/", views.todo_link, name="todo_link"),
    path("mon-espace/exports/", exports.export_list, name="export_list"),
    path("mon-espace/exports/<int:pk>/", exports.export_run, name="export_run"),
    path("mon-espace/exports/<int:pk>/fichier/", exports.export_file, name="export_file"),
]
