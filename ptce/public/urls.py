from django.urls import include, path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:slug>/", views.guide, name="guide_page"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    # One file per part of the public face: map, figures, open data, search.
    path("", include("ptce.public.urls_map")),
    path("", include("ptce.public.urls_figures")),
    path("", include("ptce.public.urls_data")),
    path("", include("ptce.public.urls_search")),
]
