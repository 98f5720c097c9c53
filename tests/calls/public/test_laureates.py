"""The laureates on the public call pages: the first few on the call's page, all of them, a page
at a time, on the phase's laureates page; the cost of either page does not grow with them."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.calls.models import ApplicationState
from ptce.calls.public import laureates
from tests.calls.factories import CallFactory, PhaseFactory
from tests.calls.factories.lists import filed

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return CallFactory(name="AMI PTCE 2022", slug="ami-2022", year=2022)


@pytest.fixture
def phase(call):
    return PhaseFactory(call=call, number=1, name="Reconnaissance")


def crown(phase, count, *, start=0, **pole_fields):
    """`count` laureates « Pôle 000 »…, filed in a shuffled order."""
    numbers = list(range(start, start + count))
    random.Random(count).shuffle(numbers)
    for n in numbers:
        filed(phase, state=ApplicationState.LAUREATE, name=f"Pôle {n:03}", **pole_fields)


def detail(call):
    return reverse("calls:call_detail", args=[call.slug])


def laureates_page(call, number=1, page=None):
    url = reverse("calls:call_phase_laureates", args=[call.slug, number])
    return f"{url}?page={page}" if page is not None else url


def named(html):
    return [line.split(">")[-1] for line in html.split("</a>") if ">Pôle " in line]


def test_the_call_page_names_the_first_laureates_and_links_to_the_others(client, phase, call):
    crown(phase, laureates.SHOWN_PER_PHASE + 5)
    crown(phase, 2, start=900, is_published=False)
    html = client.get(detail(call)).content.decode()
    assert named(html) == [f"Pôle {n:03}" for n in range(laureates.SHOWN_PER_PHASE)]
    total = laureates.SHOWN_PER_PHASE + 5
    assert f">Voir les {total} lauréats de la phase</a>" in html
    assert f'href="{laureates_page(call)}"' in html
    assert "2 lauréats ne sont pas nommés ici" in html


def test_the_call_page_has_no_link_when_every_laureate_is_shown(client, phase, call):
    crown(phase, 3)
    crown(phase, 4, start=900, is_published=False)
    html = client.get(detail(call)).content.decode()
    assert named(html) == ["Pôle 000", "Pôle 001", "Pôle 002"]
    assert "Voir les" not in html
    assert "4 lauréats ne sont pas nommés ici" in html


def test_the_phase_page_lists_its_laureates_a_page_at_a_time(client, phase, call, monkeypatch):
    monkeypatch.setattr(laureates, "PAGE_SIZE", 4)
    crown(phase, 6)
    crown(phase, 1, start=900, is_published=False)
    filed(PhaseFactory(call=call, number=2), state=ApplicationState.LAUREATE, name="Pôle autre")
    filed(phase, state=ApplicationState.REJECTED, name="Pôle recalé")

    first = client.get(laureates_page(call)).content.decode()
    assert named(first) == ["Pôle 000", "Pôle 001", "Pôle 002", "Pôle 003"]
    assert "6 pôles lauréats nommés, par ordre alphabétique." in first
    assert "Page 1 sur 2" in first
    assert "1 lauréat n’est pas nommé ici" in first

    second = client.get(laureates_page(call, page=2)).content.decode()
    assert named(second) == ["Pôle 004", "Pôle 005"]
    assert "Pôle recalé" not in first + second
    assert "Pôle autre" not in first + second


@pytest.mark.parametrize(("page", "shown"), [("abc", "Pôle 000"), ("99", "Pôle 004")])
def test_a_bad_page_number_shows_the_first_or_last_page(
    client, phase, call, monkeypatch, page, shown
):
    monkeypatch.setattr(laureates, "PAGE_SIZE", 4)
    crown(phase, 6)
    response = client.get(laureates_page(call, page=page))
    assert response.status_code == 200
    assert named(response.content.decode())[0] == shown


def test_a_phase_without_named_laureates_says_so(client, phase, call):
    crown(phase, 1, is_published=False)
    html = client.get(laureates_page(call)).content.decode()
    assert "Aucun pôle lauréat n’est nommé pour cette phase." in html
    assert "1 lauréat n’est pas nommé ici" in html


def test_an_unknown_phase_or_call_is_a_404(client, phase, call):
    assert client.get(laureates_page(call, number=2)).status_code == 404
    other = reverse("calls:call_phase_laureates", args=["appel-inconnu", 1])
    assert client.get(other).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("anonymous", 404), ("admin_user", 200)])
def test_an_unpublished_call_s_laureates_are_for_the_admins_only(
    client_as, phase, call, role, status
):
    call.is_published = False
    call.save()
    assert client_as(role).get(laureates_page(call)).status_code == status


def test_the_laureates_page_renders_without_undefined_variables(
    client_as, phase, call, strict_templates
):
    crown(phase, 2)
    html = client_as("coordinator").get(laureates_page(call)).content.decode()
    assert "VARIABLE-INDEFINIE" not in html


@pytest.mark.parametrize("page", [detail, laureates_page])
def test_both_pages_make_as_many_queries_for_3_or_40_laureates(
    client_as, call, phase, page, django_assert_num_queries
):
    second = PhaseFactory(call=call, number=2)
    coordinator = client_as("coordinator")  # logged in: never served from the page cache
    crown(phase, 3)
    crown(second, 1, start=500, is_published=False)
    with CaptureQueriesContext(connection) as few:
        coordinator.get(page(call))
    crown(phase, 37, start=3)
    crown(second, 40, start=600)
    crown(phase, 5, start=900, is_published=False)
    with django_assert_num_queries(len(few)):
        html = coordinator.get(page(call)).content.decode()
    assert "Pôle 000" in html
    if page is detail:
        # Both phases, 30 each at most, and the totals of the links from the counts.
        assert len(named(html)) == 2 * laureates.SHOWN_PER_PHASE
        assert ">Voir les 40 lauréats de la phase</a>" in html
        assert "5 lauréats ne sont pas nommés ici" in html
    else:
        assert len(named(html)) == 40
