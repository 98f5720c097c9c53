"""The calls' URLs, one list per sub-package (every name is `calls:…`):

- `appels/…`: public call pages → `public/urls.py`;
- `poles/<pole:slug>/candidatures/…` (pole-level) and `candidatures/<pk>/…`: the applicant →
  `applicant/urls.py` (`pole_urlpatterns`, `urlpatterns`); except `candidatures/<pk>/messages/`
  (the thread with the instruction) → `instruction/urls.py` and `candidatures/<pk>/pdf/` →
  `lists/urls.py`;
- `instruction/candidatures/<pk>/…` and the expert's link `avis/<token>/…` →
  `instruction/urls.py`;
- `instruction/candidatures/` (list, exports), `instruction/classement/…` (national ranking),
  `instruction/appels/<slug>/chiffres/` → `lists/urls.py`;
- `candidatures/<pk>/lettre-de-decision/` (the decision letter) → `decision/urls.py`.
- `gestion-des-appels/…`: the national cell's call editor and instructor accounts →
  `editor/urls.py`.
"""

from django.urls import include, path

from ptce.poles.urls import pole_pages

from .applicant import urls as applicant_urls

app_name = "calls"

urlpatterns = [
    path("", include("ptce.calls.public.urls")),
    pole_pages(applicant_urls.pole_urlpatterns),
    path("", include("ptce.calls.applicant.urls")),
    path("", include("ptce.calls.instruction.urls")),
    path("", include("ptce.calls.lists.urls")),
    path("", include("ptce.calls.decision.urls")),
    path("", include("ptce.calls.editor.urls")),
]
