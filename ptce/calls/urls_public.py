from django.urls import path

from . import views_public

urlpatterns = [
    path("appels/", views_public.call_list, name="call_list"),
    path("appels/<slug:slug>/", views_public.call_detail, name="call_detail"),
]
