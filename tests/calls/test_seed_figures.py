"""The seed's scenario, as the State announces it: 76 applications received, 3 of them withdrawn,
16 laureates → « 16 lauréats parmi 76 candidatures réceptionnées (21 %) » on every figure: the
public call page, `/chiffres/` (page and CSV), the API and the instructors' figures page."""

import pytest
from django.urls import reverse

from ptce.calls.models import ApplicationState
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import filed

pytestmark = pytest.mark.django_db
S = ApplicationState
SEED = "16 lauréats parmi 76 candidatures réceptionnées (21 %)"


@pytest.fixture
def seed(region):
    phase = PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022", call__year=2022)
    for index in range(76):
        if index < 16:
            state = S.LAUREATE
        elif index < 19:
            state = S.WITHDRAWN
        else:
            state = S.REJECTED
        filed(phase, state=state, region=region, is_published=index != 0)
    return phase


def test_the_public_call_page_reads_the_seed_figure_and_the_withdrawn_apart(client, seed):
    html = client.get(reverse("calls:call_detail", args=[seed.call.slug])).content.decode()
    assert SEED in html
    assert "dont 3 retirées" in html


def test_the_public_laureates_list_says_how_many_are_not_named(client, seed):
    html = client.get(reverse("calls:call_detail", args=[seed.call.slug])).content.decode()
    assert "1 lauréat n’est pas nommé ici" in html


def test_the_key_figures_page_and_its_csv_read_the_seed_figure(client, seed):
    assert SEED in client.get(reverse("public:figures")).content.decode()
    csv = b"".join(client.get(reverse("public:figures_csv", args=["appels"]))).decode("utf-8-sig")
    assert SEED in csv
    assert ";76;16;21;3;" in csv or ",76,16,21,3," in csv


def test_the_api_reads_the_seed_figure(client, seed):
    (row,) = client.get("/api/v1/chiffres").json()["calls"]
    assert row["label"] == SEED
    assert (row["applications"], row["withdrawn"], row["laureates"]) == (76, 3, 16)
    assert row["withdrawn_label"] == "dont 3 retirées"


def test_the_instructors_figures_page_reads_the_seed_figure(client_as, seed):
    html = (
        client_as("national_instructor")
        .get(reverse("calls:call_figures", args=[seed.call.slug]))
        .content.decode()
    )
    assert SEED in html
    assert "dont 3 retirées" in html
