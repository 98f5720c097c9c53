"""ECARTS routes, one sub-package per part: `referentiel` (the référentiel and its lexicon,
public), `evaluation` (evaluations, observation sheets, evidence files) and `results` (results,
evolution, exports, the public radar).

Each part lists its site-level paths in `urlpatterns` and, when it has any, the paths under a
pole's address in `pole_urlpatterns` (relative to `poles/<slug:slug>/`); they are prefixed
here, so the project URLconf may later mount them under the poles' own routes instead.
"""

from django.urls import include, path

from .evaluation import urls as evaluation_urls
from .referentiel import urls as referentiel_urls
from .results import urls as results_urls

app_name = "assessments"

POLE = "poles/<slug:slug>/"

pole_urlpatterns = [
    *evaluation_urls.pole_urlpatterns,
    *results_urls.pole_urlpatterns,
]

urlpatterns = [
    *referentiel_urls.urlpatterns,
    *evaluation_urls.urlpatterns,
    *results_urls.urlpatterns,
    path(POLE, include(pole_urlpatterns)),
]
