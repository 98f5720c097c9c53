from django.urls import path

from . import views, views_archive

# Mounted in the `poles` namespace under `poles/` by the project URLconf.
urlpatterns = [
    path("<pole:slug>/", views.detail, name="detail"),
    path("<pole:slug>/espace/", views.internal, name="internal"),
    path("<pole:slug>/gerer/", views.manage, name="manage"),
    path("<pole:slug>/verification/", views.verification, name="verification"),
    path("<pole:slug>/archivage/", views_archive.archive, name="archive"),
]
