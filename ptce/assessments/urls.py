"""ECARTS routes, one sub-package per part: `referentiel` (the référentiel and its lexicon,
public), `evaluation` (evaluations, observation sheets, evidence files) and `results` (results,
evolution, exports, the public radar).

Each part lists its site-level paths in `urlpatterns` and, when it has any, the paths under a
pole's address in `pole_urlpatterns`, which `ptce.poles.urls.pole_pages` mounts under
`poles/<pole:slug>/`.
"""

from ptce.poles.urls import pole_pages

from .evaluation import urls as evaluation_urls
from .referentiel import urls as referentiel_urls
from .results import urls as results_urls

app_name = "assessments"

pole_urlpatterns = [
    *evaluation_urls.pole_urlpatterns,
    *results_urls.pole_urlpatterns,
]

urlpatterns = [
    *referentiel_urls.urlpatterns,
    *evaluation_urls.urlpatterns,
    *results_urls.urlpatterns,
    pole_pages(pole_urlpatterns),
]
