"""The import pages: upload, preview with each problem next to its cell, apply (all or
nothing, rows excluded by the person), report, rows to take up, and who may do what."""

import pytest
from django.urls import reverse

from ptce.imports.models import ImportRun, ImportState
from ptce.poles.models import Membership, Pole
from tests.imports.helpers import csv_bytes, upload, xlsx_bytes
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

POLES = reverse("imports:poles")


def _rows(n=3, bad=True):
    rows = [["Nom", "Région", "Remarques"]]
    rows += [[f"Pôle n° {i}", "Occitanie", ""] for i in range(1, n + 1)]
    if bad:
        rows.append(["Pôle perdu", "Atlantide", "à vérifier"])
    return rows


@pytest.fixture
def bretagne(other_region):
    return other_region


def _upload(client, rows=None, url=POLES, name="liste.csv", data=None, **extra):
    data = data or csv_bytes(rows or _rows(), encoding="cp1252")
    return client.post(url, {"file": upload(name, data), **extra})


def test_the_national_cell_sees_the_preview_with_each_problem_next_to_its_cell(
    client, national_instructor, region
):
    client.force_login(national_instructor)
    response = _upload(client)
    run = ImportRun.objects.get()
    assert response.url == reverse("imports:run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Fichier lu comme&nbsp;: CSV, Windows-1252, séparateur «\xa0;\xa0»." in page
    assert "Colonnes ignorées (inconnues de l’import)\xa0: «\xa0Remarques\xa0»." in page
    assert (
        "À créer&nbsp;: 3 · à compléter&nbsp;: 0 · inchangées&nbsp;: 0 · en erreur&nbsp;: 1" in page
    )
    assert "Erreur&nbsp;: «\xa0Atlantide\xa0» n’est pas une région connue." in page
    assert "Placé au niveau de la région Occitanie\xa0: territoire à préciser." in page
    assert Pole.objects.count() == 0


def test_applying_with_an_error_left_in_writes_nothing_and_says_which_line(
    client, national_instructor, region
):
    client.force_login(national_instructor)
    run_url = _upload(client).url
    page = client.post(run_url, {"exclure": ["2"]}, follow=True).content.decode()
    assert "1 ligne garde une erreur bloquante (5)" in page
    assert 'value="2" id="exclure-2" checked' in page  # the choice is shown again
    assert Pole.objects.count() == 0
    assert ImportRun.objects.get().state == ImportState.PENDING


def test_excluding_the_rows_in_error_applies_the_rest_and_reports(
    client, national_instructor, region
):
    client.force_login(national_instructor)
    run_url = _upload(client).url
    response = client.post(run_url, {"exclure": ["3"], "exclure_erreurs": "on"}, follow=True)
    page = response.content.decode()
    assert "L’import est appliqué." in page
    assert "Créations&nbsp;: 2" in page
    assert "Exclues&nbsp;: 2" in page
    assert sorted(Pole.objects.values_list("name", flat=True)) == ["Pôle n° 1", "Pôle n° 3"]
    rejected = client.get(reverse("imports:rejected", args=[ImportRun.objects.get().pk]))
    text = b"".join(rejected.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        "Nom;Région;Ligne d’origine;Problèmes",
        "Pôle n° 2;Occitanie;3;ligne\xa0: Placé au niveau de la région Occitanie\xa0: territoire à "
        "préciser.",
        "Pôle perdu;Atlantide;5;Région\xa0: «\xa0Atlantide\xa0» n’est pas une région connue.",
    ]


def test_the_rejected_rows_fixed_and_imported_again_complete_the_import(
    client, national_instructor, region, bretagne
):
    client.force_login(national_instructor)
    client.post(_upload(client).url, {"exclure_erreurs": "on"})
    fixed = [["Nom", "Région", "Ligne d’origine", "Problèmes"]]
    fixed += [["Pôle n° 1", "Occitanie", "2", ""], ["Pôle perdu", "Bretagne", "5", "…"]]
    run_url = _upload(client, fixed).url
    assert "À créer&nbsp;: 1 · à compléter&nbsp;: 0 · inchangées&nbsp;: 1 · en erreur&nbsp;: 0" in (
        client.get(run_url).content.decode()
    )
    client.post(run_url)
    assert Pole.objects.count() == 4


def test_the_preview_costs_the_same_queries_for_three_rows_or_thirty(
    client, national_instructor, region, django_assert_num_queries
):
    client.force_login(national_instructor)
    small = _upload(client, _rows(3)).url
    large = _upload(client, _rows(30)).url
    client.get(small)
    with django_assert_num_queries(5):  # the rows are read from the run, not queried
        client.get(small)
    with django_assert_num_queries(5):
        client.get(large)


def test_the_list_of_imports_costs_the_same_queries_whatever_their_number(
    client, national_instructor, region, django_assert_num_queries
):
    client.force_login(national_instructor)
    _upload(client)
    client.get(reverse("imports:index"))
    with django_assert_num_queries(5):
        page = client.get(reverse("imports:index"))
    for _ in range(3):
        _upload(client)
    with django_assert_num_queries(5):
        page = client.get(reverse("imports:index"))
    assert page.content.decode().count("liste.csv") == 4


def test_a_large_file_is_applied_by_a_job_with_its_progress_shown(
    client, national_instructor, region, settings, django_capture_on_commit_callbacks
):
    settings.PTCE_IMPORT_JOB_ROWS = 3
    client.force_login(national_instructor)
    run_url = _upload(client, _rows(4, bad=False)).url
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(run_url)
    page = client.get(run_url).content.decode()
    assert "Lignes traitées&nbsp;: 0 sur 4" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert Pole.objects.count() == 0
    for callback in callbacks:
        callback()  # the job, run at once (HUEY_IMMEDIATE under pytest)
    assert ImportRun.objects.get().state == ImportState.APPLIED
    assert Pole.objects.count() == 4
    assert "Créations&nbsp;: 4" in client.get(run_url).content.decode()


def test_a_double_click_on_upload_keeps_one_import(client, national_instructor, region):
    client.force_login(national_instructor)
    page = client.get(POLES).content.decode()
    token = page.split('name="once" value="')[1].split('"')[0]
    first = _upload(client, once=token)
    second = _upload(client, once=token)
    assert ImportRun.objects.count() == 1
    assert second.url == first.url


def test_applying_twice_does_nothing_the_second_time(client, national_instructor, region):
    client.force_login(national_instructor)
    run_url = _upload(client, _rows(bad=False)).url
    client.post(run_url)
    page = client.post(run_url, follow=True).content.decode()
    assert "Cet import est déjà appliqué\xa0: rien n’a été refait." in page
    assert Pole.objects.count() == 3


def test_abandoning_an_import_writes_nothing(client, national_instructor, region):
    client.force_login(national_instructor)
    run_url = _upload(client).url
    run = ImportRun.objects.get()
    response = client.post(reverse("imports:cancel", args=[run.pk]), follow=True)
    assert "Import abandonné\xa0: rien n’a été enregistré" in response.content.decode()
    run.refresh_from_db()
    assert (run.state, run.file.name) == (ImportState.CANCELLED, "")
    assert "rien n’a été enregistré" in client.get(run_url).content.decode()


def test_the_template_lists_the_documented_columns(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("imports:template", args=["organisations"]))
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Nom;SIRET;RNA;Catégorie juridique;Code NAF;Adresse;")


def test_a_coordinator_imports_the_members_of_their_own_pole_from_xlsx(client, coordinator, pole):
    client.force_login(coordinator)
    url = reverse("imports:pole_members", args=[pole.slug])
    rows = [["Nom", "Catégorie juridique"], ["Mairie du village", "Collectivité"]]
    response = _upload(client, url=url, name="membres.xlsx", data=xlsx_bytes(rows))
    client.post(response.url)
    assert list(
        Membership.objects.filter(pole=pole).values_list("organisation__name", flat=True)
    ) == ["Mairie du village"]
    members_page = client.get(reverse("poles:members", args=[pole.slug])).content.decode()
    assert f'href="{url}"' in members_page


def test_an_import_is_hidden_from_whoever_may_not_import_it(
    client, coordinator, other_coordinator, pole, national_instructor
):
    client.force_login(coordinator)
    rows = [["Nom", "Catégorie juridique"], ["Mairie", "Collectivité"]]
    run_url = _upload(client, rows, url=reverse("imports:pole_members", args=[pole.slug])).url
    client.force_login(other_coordinator)
    assert client.get(run_url).status_code == 404
    assert client.get(reverse("imports:index")).status_code == 403
    client.force_login(national_instructor)
    assert client.get(run_url).status_code == 200


def test_the_national_cells_space_links_to_the_imports(client, national_instructor):
    client.force_login(national_instructor)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("imports:index")}"' in page


def test_the_national_cell_imports_organisations_into_a_pole_named_by_its_address(
    client, national_instructor, region
):
    PoleFactory(slug="reemploi-foix", region=region)
    client.force_login(national_instructor)
    rows = [["Nom", "Catégorie juridique"], ["Mairie", "Collectivité"]]
    url = reverse("imports:organisations")
    response = _upload(client, rows, url=url, pole="https://ptce.fr/poles/reemploi-foix/")
    assert ImportRun.objects.get().pole.slug == "reemploi-foix"
    assert response.status_code == 302
    page = _upload(client, rows, url=url, pole="inconnu").content.decode()
    assert "Aucun pôle n’a l’adresse courte «\xa0inconnu\xa0»." in page


def test_a_job_that_cannot_apply_says_so_and_writes_nothing(
    client, national_instructor, region, settings, django_capture_on_commit_callbacks
):
    settings.PTCE_IMPORT_JOB_ROWS = 2
    client.force_login(national_instructor)
    run_url = _upload(client, _rows(2, bad=False)).url
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(run_url)
    region.delete()  # meanwhile: the file's région no longer exists
    for callback in callbacks:
        callback()
    page = client.get(run_url).content.decode()
    assert "L’import n’a pas pu être appliqué&nbsp;: rien n’a été enregistré." in page
    assert "2 lignes gardent une erreur bloquante (2, 3)" in page
    assert Pole.objects.count() == 0


def test_a_coordination_named_in_the_file_is_invited_once(
    client, national_instructor, region, mailoutbox, django_capture_on_commit_callbacks
):
    from ptce.poles.models import Invitation

    client.force_login(national_instructor)
    rows = [
        ["Nom", "Région", "Courriel de la coordination"],
        ["Pôle du Lauragais", "Occitanie", "Lea@Exemple.fr"],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_upload(client, rows).url)
    invitation = Invitation.objects.get()
    assert (invitation.pole.name, invitation.email, invitation.role) == (
        "Pôle du Lauragais",
        "lea@exemple.fr",
        "coordinateur",
    )
    assert [m.to for m in mailoutbox] == [["lea@exemple.fr"]]
    assert f"{national_instructor.get_full_name()} vous invite" in mailoutbox[0].body
    run_url = _upload(client, rows).url
    assert "inchangées&nbsp;: 1" in client.get(run_url).content.decode()
    client.post(run_url)
    assert Invitation.objects.count() == 1


def test_a_pole_that_has_its_coordination_gets_no_invitation(
    client, national_instructor, pole, coordinator
):
    from ptce.poles.models import Invitation

    client.force_login(national_instructor)
    rows = [
        ["Nom", "Région", "Courriel de la coordination"],
        [pole.name, pole.region.name, "autre@exemple.fr"],
    ]
    page = client.get(_upload(client, rows).url).content.decode()
    assert "Le pôle a déjà sa coordination\xa0: pas d’invitation." in page
    assert Invitation.objects.count() == 0
