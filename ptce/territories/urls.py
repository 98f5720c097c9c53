from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "territories"

urlpatterns = [
    # /territoires/ has no page of its own yet: the commune search (query string kept).
    path(
        "",
        login_not_required(
            RedirectView.as_view(pattern_name="territories:commune_search", query_string=True)
        ),
        name="search",
    ),
    path("communes/", views.commune_search_page, name="commune_search"),
    path("communes/suggestions/", views.commune_autocomplete, name="commune_autocomplete"),
]
