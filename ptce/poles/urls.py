from django.urls import path

from . import views

app_name = "poles"

urlpatterns = [
    path("", views.directory, name="directory"),
]
