"""A pole's laureate badges: the calls and phases it won, shown on its public page."""

import pytest
from django.template.loader import render_to_string

from ptce.calls.models import ApplicationState
from ptce.calls.public.selectors import laureate_badges
from tests.calls.factories import CallFactory, PhaseFactory
from tests.calls.factories.lists import filed

pytestmark = pytest.mark.django_db


@pytest.fixture
def won(pole):
    ami_2021 = PhaseFactory(call=CallFactory(name="AMI PTCE 2021", year=2021), name="Bouquet")
    ami_2022 = CallFactory(name="AMI PTCE 2022", year=2022)
    first = PhaseFactory(call=ami_2022, number=1, name="Reconnaissance")
    second = PhaseFactory(call=ami_2022, number=2, name="Soutien financier")
    filed(second, pole=pole, state=ApplicationState.LAUREATE)
    filed(ami_2021, pole=pole, state=ApplicationState.LAUREATE)
    filed(first, pole=pole, state=ApplicationState.REJECTED)
    hidden = PhaseFactory(call=CallFactory(name="AMI brouillon", is_published=False))
    filed(hidden, pole=pole, state=ApplicationState.LAUREATE)


def test_the_badges_list_the_phases_won_in_published_calls_oldest_first(
    won, pole, django_assert_num_queries
):
    with django_assert_num_queries(1):
        badges = laureate_badges(pole)
    assert badges == [
        ("AMI PTCE 2021", 2021, "Bouquet"),
        ("AMI PTCE 2022", 2022, "Soutien financier"),
    ]


def test_a_pole_that_won_nothing_has_no_badge(won, other_pole):
    assert laureate_badges(other_pole) == []
    assert (
        render_to_string("calls/public/laureate_badges.html", {"laureate_badges": []}).strip() == ""
    )


def test_the_partial_shows_dsfr_success_badges(won, pole):
    html = render_to_string(
        "calls/public/laureate_badges.html", {"laureate_badges": laureate_badges(pole)}
    )
    assert '<p class="fr-badge fr-badge--success">Lauréat AMI PTCE 2021 — Bouquet</p>' in html
    assert "Soutien financier" in html
    assert "AMI brouillon" not in html
