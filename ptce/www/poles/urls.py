from django.urls import path

from . import views

# Mounted in the `poles` namespace under `poles/` by the project URLconf.
urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/espace/", views.internal, name="internal"),
    path("<slug:slug>/gerer/", views.manage, name="manage"),
]
