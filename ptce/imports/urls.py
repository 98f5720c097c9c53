"""`imports:…`: the national cell's imports under `imports/`, a pole's members' import under
`poles/<pole:slug>/gerer/membres/import/`."""

from django.urls import path

from ptce.poles.urls import pole_pages

from . import views

app_name = "imports"

pole_urlpatterns = [
    path("gerer/membres/import/", views.pole_members_upload, name="pole_members"),
]

urlpatterns = [
    pole_pages(pole_urlpatterns),
    path("imports/", views.index, name="index"),
    path("imports/poles/", views.poles_upload, name="poles"),
    path("imports/organisations/", views.organisations_upload, name="organisations"),
    path("imports/modele/<str:kind>.csv", views.template, name="template"),
    path("imports/<int:pk>/", views.run_page, name="run"),
    path("imports/<int:pk>/abandonner/", views.cancel, name="cancel"),
    path("imports/<int:pk>/lignes-a-reprendre.csv", views.rejected, name="rejected"),
]
