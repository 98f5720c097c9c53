"""« Besoins, sujets et plan d'action » keeps the coordinator in their own side menu; members
get the members' one."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["cooperation:plan", "cooperation:needs", "cooperation:topics", "cooperation:matrix"]
)
def test_the_coordinator_keeps_the_management_menu_on_the_plan_pages(client_as, pole, name):
    html = client_as("coordinator").get(reverse(name, args=[pole.slug])).content.decode()
    assert 'id="menu-gestion"' in html
    assert 'id="menu-plan"' not in html
    assert "Tableau de bord" in html
    assert "Besoins du territoire" in html
    assert 'aria-current="page"' in html


def test_a_member_gets_the_members_menu_on_the_plan(client_as, pole):
    html = client_as("member").get(reverse("cooperation:plan", args=[pole.slug])).content.decode()
    assert 'id="menu-plan"' in html
    assert 'id="menu-gestion"' not in html
