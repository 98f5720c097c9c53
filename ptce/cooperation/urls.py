"""Cooperation routes, one sub-package per part: `join` (step 1), `plan` (steps 2 and 3, the
stage tracker), `life` (resources, meetings, animation, network) and `searches` (the saved
searches of the directory and their alerts).

Each part lists its site-level paths in `urlpatterns` and the paths under a pole's address in
`pole_urlpatterns`, which `ptce.poles.urls.pole_pages` mounts under `poles/<pole:slug>/`.
"""

from ptce.poles.urls import pole_pages

from .join import urls as join_urls
from .life import urls as life_urls
from .plan import urls as plan_urls
from .searches import urls as searches_urls

app_name = "cooperation"

pole_urlpatterns = [
    *join_urls.pole_urlpatterns,
    *plan_urls.pole_urlpatterns,
    *life_urls.pole_urlpatterns,
]

urlpatterns = [
    *join_urls.urlpatterns,
    *life_urls.urlpatterns,
    *searches_urls.urlpatterns,
    pole_pages(pole_urlpatterns),
]
