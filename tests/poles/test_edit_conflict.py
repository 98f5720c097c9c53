"""Two tabs of the same coordinator: the stale one is refused with a conflict page, nothing lost."""

from django.urls import reverse
from pytest_django.asserts import assertContains


def _profile(pole, **changes):
    data = {
        "name": pole.name,
        "stage": pole.stage,
        "sectors": [],
        "creation_year": pole.creation_year or "",
        "summary": pole.summary,
        "contact_phone": pole.contact_phone,
        "version": pole.version,
    }
    return {**data, **changes}


def test_a_stale_profile_tab_is_refused_and_the_other_save_is_kept(client, coordinator, pole):
    client.force_login(coordinator)
    url = reverse("poles:edit", args=[pole.slug])
    tab_a = _profile(pole, summary="Résumé écrit dans l’onglet A")
    tab_b = _profile(pole, contact_phone="05 61 00 00 00")

    assert client.post(url, tab_a).status_code == 302
    response = client.post(url, tab_b)

    assert response.status_code == 409
    assertContains(response, "Quelqu’un a modifié ces informations", status_code=409)
    assertContains(response, "Résumé écrit dans l’onglet A", status_code=409)
    pole.refresh_from_db()
    assert pole.summary == "Résumé écrit dans l’onglet A"
    assert pole.contact_phone == ""
    assert pole.version == 2


def test_the_conflict_page_reapplies_your_version_knowingly(client, coordinator, pole):
    client.force_login(coordinator)
    url = reverse("poles:edit", args=[pole.slug])
    stale = _profile(pole, summary="Ma version")
    client.post(url, _profile(pole, summary="Leur version"))

    conflict = client.post(url, stale)
    retry = conflict.context["form"].data.copy()
    assert int(retry["version"]) == 2
    assert client.post(url, retry).status_code == 302

    pole.refresh_from_db()
    assert pole.summary == "Ma version"
    assert pole.version == 3
