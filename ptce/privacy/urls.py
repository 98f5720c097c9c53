from django.urls import path

from . import views

app_name = "privacy"

# Login required (the project's default): each person sees their own data only.
urlpatterns = [
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
]
