"""The network page, and every page of the life of a pole without undefined variables nor
inline styles."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ptce.cooperation.life.services import attachment_add
from tests.conftest import ROLES
from tests.cooperation.factories import (
    CooperationActionFactory,
    MeetingFactory,
    SharedResourceFactory,
)
from tests.cooperation.life.helpers import INTERNAL_ACCESS, member_of

pytestmark = pytest.mark.django_db


def network_url(pole):
    return reverse("cooperation:network", args=[pole.slug])


@pytest.mark.parametrize("role", ROLES)
def test_the_network_is_for_the_internal_space(client_as, role, pole):
    assert client_as(role).get(network_url(pole)).status_code == INTERNAL_ACCESS[role]


def test_the_network_page_draws_the_graph_and_lists_the_links(client_as, pole):
    scic = member_of(pole, "SCIC Bois Local", "ess")
    mairie = member_of(pole, "Mairie de Muret", "collectivite")
    member_of(pole, "Labo Agro", "recherche_formation")
    CooperationActionFactory(pole=pole, participants=[scic, mairie])
    CooperationActionFactory(pole=pole, participants=[scic, mairie])

    # with the member's own organisation: four members, one link out of six possible
    html = client_as("member").get(network_url(pole)).content.decode()

    assert "<svg" in html
    assert "<polygon" in html
    assert "<circle" in html
    assert re.search(
        r"<td>Mairie de Muret <span[^>]*>\(Collectivités et groupements\)</span></td>\s*"
        r"<td>SCIC Bois Local <span[^>]*>\(Entreprises de l’ESS\)</span></td>\s*<td>2</td>",
        html,
    )
    assert "Liens décloisonnés&nbsp;: 100 %" in html
    assert "Densité&nbsp;: 17 %" in html
    assert "Membres isolés&nbsp;: 2" in html
    assert "style=" not in html
    assert "<style" not in html


@pytest.mark.parametrize("count", [5, 40])
def test_the_network_page_runs_a_fixed_number_of_queries(
    client_as, pole, django_assert_num_queries, count
):
    members = [
        member_of(pole, family=["ess", "entreprise", "collectivite"][n % 3]) for n in range(count)
    ]
    for n in range(0, count - 1, 2):
        CooperationActionFactory(pole=pole, participants=members[n : n + 3])
    client = client_as("member")

    # session, user, savepoints (2), pole, role, memberships, participants
    with django_assert_num_queries(8):
        response = client.get(network_url(pole))

    assert response.status_code == 200


@pytest.fixture
def pages(pole, member, private_media):
    own = member.pole_roles.get().membership
    other = member_of(pole, "Atelier vélo", "entreprise")
    resource = SharedResourceFactory(pole=pole, membership=own, kind="offre")
    SharedResourceFactory(pole=pole, membership=other, kind="demande")
    meeting = MeetingFactory(pole=pole, attendees=[own, other], minutes="Relevé")
    attachment_add(meeting=meeting, uploaded_file=SimpleUploadedFile("cr.pdf", b"%PDF-1.4\n"))
    CooperationActionFactory(pole=pole, participants=[own, other])
    names = [
        ("resources", []),
        ("resource_create", []),
        ("resource_edit", [resource.pk]),
        ("resource_matches", []),
        ("meetings", []),
        ("meeting_create", []),
        ("meeting_detail", [meeting.pk]),
        ("meeting_edit", [meeting.pk]),
        ("network", []),
        ("animation", []),
    ]
    return [reverse(f"cooperation:{name}", args=[pole.slug, *args]) for name, args in names] + [
        reverse("cooperation:animation_summary")
    ]


@pytest.mark.parametrize("role", ["member", "coordinator", "instructor", "admin_user"])
def test_no_page_uses_an_undefined_variable_or_an_inline_style(
    client_as, strict_templates, pages, role
):
    client = client_as(role)
    for url in pages:
        response = client.get(url)
        if response.status_code == 403:
            continue
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "VARIABLE-INDEFINIE" not in html, url
        assert "style=" not in html, url


def test_bad_input_pages_render_without_undefined_variables(client_as, strict_templates, pole):
    client = client_as("coordinator")

    resource = client.post(reverse("cooperation:resource_create", args=[pole.slug]), {})
    meeting = client.post(reverse("cooperation:meeting_create", args=[pole.slug]), {})

    for response in (resource, meeting):
        assert response.status_code == 200
        assert "VARIABLE-INDEFINIE" not in response.content.decode()


def test_a_big_network_draws_its_strongest_links_and_paginates_its_table(
    client_as, pole, monkeypatch
):
    from ptce.cooperation.life import network

    monkeypatch.setattr(network, "DRAWN_LINKS", 3)
    monkeypatch.setattr(network, "LINKS_PER_PAGE", 4)
    members = [member_of(pole, f"Membre {n:02d}") for n in range(4)]
    CooperationActionFactory(pole=pole, participants=members)  # six links
    CooperationActionFactory(pole=pole, participants=members[:2])  # the strongest
    client = client_as("member")

    html = client.get(network_url(pole)).content.decode()
    assert html.count("<line ") == 3
    assert "3 liens plus faibles ne sont pas dessinés" in html
    assert 'href="?liens=tous"' in html
    assert "Page 1 sur 2" in html

    everything = client.get(network_url(pole), {"liens": "tous", "page": 2}).content.decode()
    assert everything.count("<line ") == 6
    assert "Page 2 sur 2" in everything
