import pytest
from django.urls import reverse

from tests.poles.factories import MembershipFactory, PlaceFactory
from tests.poles.test_views_roles import MANAGE_VIEWS

pytestmark = pytest.mark.django_db

POLE_PAGES = ["poles:detail", "poles:internal", *MANAGE_VIEWS]


@pytest.mark.parametrize("view", POLE_PAGES)
def test_pole_pages_use_no_undefined_template_variable(
    strict_templates, client, coordinator, pole, view
):
    MembershipFactory(pole=pole)
    PlaceFactory(pole=pole)
    client.force_login(coordinator)
    response = client.get(reverse(view, args=[pole.slug]), {"recherche": "organisation"})
    assert response.status_code == 200
    assert "VARIABLE-INDEFINIE" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["poles:directory", "poles:create", "core:dashboard", "core:login"]
)
def test_site_pages_use_no_undefined_template_variable(
    strict_templates, client, coordinator, pole, url_name
):
    client.force_login(coordinator)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "VARIABLE-INDEFINIE" not in response.content.decode()
