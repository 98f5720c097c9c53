from django.contrib import admin
from django.urls import include, path

from ptce.core import urls as core_urls
from ptce.poles import urls as poles_urls
from ptce.public.api import api
from ptce.www.dashboard import urls as dashboard_urls
from ptce.www.poles import urls as pole_pages_urls

admin.site.site_header = "Administration PTCE"
admin.site.site_title = "Administration PTCE"

urlpatterns = [
    path("", include("ptce.public.urls")),
    # The web layer's pages join their domain's namespace: `core:dashboard`, `poles:detail`…
    path("", include((core_urls.urlpatterns + dashboard_urls.urlpatterns, "core"))),
    # Each app mounts its pole pages under poles/<pole:slug>/ (`ptce.poles.urls.pole_pages`).
    path("", include("ptce.assessments.urls")),
    path("", include("ptce.cooperation.urls")),
    path("", include("ptce.calls.urls")),
    path("", include("ptce.awards.urls")),
    path("", include("ptce.imports.urls")),
    path("poles/", include((poles_urls.urlpatterns + pole_pages_urls.urlpatterns, "poles"))),
    path("organisations/", include("ptce.www.organisations.urls")),
    path("territoires/", include("ptce.territories.urls")),
    path("sirene/", include("ptce.sirene.urls")),
    path("compte/", include("ptce.privacy.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "ptce.core.errors.bad_request"
