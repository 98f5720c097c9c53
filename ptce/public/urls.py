from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("carte/", views.map_view, name="map"),
    path("chiffres/", views.figures, name="figures"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:slug>/", views.guide, name="guide_page"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
]
