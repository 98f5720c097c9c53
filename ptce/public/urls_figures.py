from django.urls import path

from . import views

urlpatterns = [
    path("chiffres/", views.figures, name="figures"),
]
