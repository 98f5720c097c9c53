from django.contrib import admin
from django.urls import include, path

from ptce.public.api import api

admin.site.site_header = "Administration PTCE"
admin.site.site_title = "Administration PTCE"

urlpatterns = [
    path("", include("ptce.public.urls")),
    path("", include("ptce.core.urls")),
    # Before poles/: these also define poles/<slug>/… and poles/emergents/.
    path("", include("ptce.assessments.urls")),
    path("", include("ptce.cooperation.urls")),
    path("", include("ptce.calls.urls")),
    path("poles/", include("ptce.poles.urls")),
    path("organisations/", include("ptce.organisations.urls")),
    path("territoires/", include("ptce.territories.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
