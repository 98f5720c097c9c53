"""The to-do counter next to « Mon espace » in the header: the count of the to-do space, with
an accessible label, read from the shared cache (the same queries for one file or twenty, none
on a hit), renewed as soon as someone writes."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ptce.calls.models import ApplicationState
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in
from tests.cooperation.factories import JoinRequestFactory
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("calls:call_list")  # any page with the header
LINK = reverse("core:todo_link")
BADGE = re.compile(r'aria-label="Mon espace, ([^"]+)">Mon espace <span[^>]*ptce-todo-count[^>]*>')


def label_in(response):
    found = BADGE.search(response.content.decode())
    return found.group(1) if found else None


def header_label(client, path=PAGE):
    """The label of « Mon espace » once the page has asked for its count, as a browser does."""
    client.get(LINK, {"ici": path})
    return label_in(client.get(path))


@pytest.fixture
def phase():
    return PhaseFactory()


def to_decide(phase, region, count):
    return [
        application_in(PoleFactory(region=region), phase=phase, proposal=ApplicationState.LAUREATE)
        for _ in range(count)
    ]


def test_the_national_cell_reads_its_count_next_to_mon_espace(client_as, phase, region):
    to_decide(phase, region, 3)
    client = client_as("national_instructor")
    link = client.get(LINK, {"ici": PAGE}).content.decode()
    assert 'aria-label="Mon espace, 3 choses à faire"' in link
    assert 'aria-hidden="true">3</span>' in link
    assert 'aria-label="Mon espace, 3 choses à faire"' in client.get(PAGE).content.decode()


def test_a_page_whose_count_is_not_known_asks_for_it_once_loaded(client_as, phase, region):
    to_decide(phase, region, 1)
    html = client_as("national_instructor").get(PAGE).content.decode()
    assert f'hx-get="{LINK}?ici=/appels/" hx-trigger="load" hx-swap="outerHTML"' in html
    assert "chose à faire" not in html


def test_one_thing_to_do_is_said_in_the_singular(client_as, coordinator, pole):
    JoinRequestFactory(pole=pole)
    assert header_label(client_as("coordinator")) == "1 chose à faire"


def test_nothing_to_do_shows_no_badge(client_as, outsider):
    client = client_as("outsider")
    assert ">Mon espace</a>" in client.get(LINK).content.decode()
    html = client.get(PAGE).content.decode()
    assert ">Mon espace</a>" in html
    assert "hx-get" not in html.split("Mon espace</a>")[0].rsplit("<a", 1)[-1]


def test_an_anonymous_visitor_gets_no_badge(client):
    html = client.get(PAGE).content.decode()
    assert ">Mon espace</a>" in html
    assert LINK not in html


def test_the_link_is_current_on_mon_espace(client_as, phase, region):
    to_decide(phase, region, 1)
    link = client_as("national_instructor").get(LINK, {"ici": "/mon-espace/"}).content.decode()
    assert 'aria-current="page" aria-label="Mon espace, 1 chose à faire"' in link


def test_the_header_and_the_to_do_space_give_the_same_count(client_as, phase, region):
    to_decide(phase, region, 2)
    client = client_as("national_instructor")
    response = client.get(reverse("core:dashboard"))
    assert response.context["todo_count"] == 2
    assert label_in(response) == "2 choses à faire"  # counted once, for both
    assert label_in(client.get(PAGE)) == "2 choses à faire"


def test_a_decision_lowers_the_count_on_the_next_page(client_as, phase, region):
    first, _ = to_decide(phase, region, 2)
    client = client_as("national_instructor")
    assert header_label(client) == "2 choses à faire"
    url = reverse("calls:instruction_transition", args=[first.pk, "decide_laureate"])
    response = client.post(url, {"decide_laureate-motivation": "Oui.", FIELD: VALUE})
    assert response.status_code == 302
    assert label_in(client.get(PAGE)) is None  # no stale count: it is asked for again
    assert header_label(client) == "1 chose à faire"


def test_the_count_costs_the_same_queries_for_one_file_or_twenty_and_pages_none(
    client_as, phase, region, django_assert_num_queries
):
    to_decide(phase, region, 1)
    client = client_as("national_instructor")
    client.get(PAGE)  # the session, the scope

    def queries(path, **params):
        with CaptureQueriesContext(connection) as captured:
            client.get(path, params)
        return len(captured.captured_queries)

    page_unknown = queries(PAGE)
    link_cold = queries(LINK)
    page_known = queries(PAGE)
    assert page_known == page_unknown  # a page never computes the count
    to_decide(phase, region, 19)
    cache.clear()
    with django_assert_num_queries(link_cold):
        response = client.get(LINK)
    assert 'aria-label="Mon espace, 20 choses à faire"' in response.content.decode()
    with django_assert_num_queries(page_known):
        client.get(PAGE)
