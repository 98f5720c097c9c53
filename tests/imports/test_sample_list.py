"""Issue 14: a real-looking list of 60 PTCE (French Excel's CSV, pre-2016 régions, typos,
homonyms, région-only rows) is placed row by row, imported in one go, and imported again
without any change. Real geography (a few départements), loaded once for the module."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Q

from ptce.imports.models import ImportKind, ImportState
from ptce.imports.plan_poles import plan_poles
from ptce.imports.readers import read_table
from ptce.imports.services import import_request_apply, import_upload
from ptce.poles.models import Pole
from tests.core.factories import UserFactory
from tests.imports.helpers import ods_bytes, upload, xlsx_bytes
from tests.imports.sample import HEADER, ROWS, sample_csv
from tests.poles.factories import PoleFactory


@pytest.fixture
def national(geo):
    return UserFactory(is_instructor=True, is_national_instructor=True)


def _plan(data=None, name="liste.csv"):
    return plan_poles(read_table(name, data or sample_csv()))


def _row(plan, name):
    return next(row for row in plan.rows if row.values["name"] == name)


def _messages(row):
    return [problem.text(row.line) for problem in row.problems]


def _import(user, data=None, name="liste.csv", excluded=()):
    run = import_upload(
        kind=ImportKind.POLES, uploaded_file=upload(name, data or sample_csv()), created_by=user
    )
    return import_request_apply(run=run, excluded_lines=excluded)


def test_the_sample_is_read_as_excel_saved_it(geo):
    plan = _plan()
    assert plan.source == "CSV, Windows-1252, séparateur «\xa0;\xa0»"
    assert len(plan.rows) == 60  # the blank line is skipped
    assert plan.notes == ["Colonnes ignorées (inconnues de l’import)\xa0: «\xa0Remarques\xa0»."]
    assert _row(plan, "Provence solidaire").values["region"] == "Provence-Alpes-Côte d’Azur"


def test_every_row_is_placed_at_least_at_region_level_and_nothing_blocks(geo):
    plan = _plan()
    assert [row.line for row in plan.rows if row.blocking] == []
    assert all(row.data["region"] is not None for row in plan.rows)
    region_only = [
        r
        for r in plan.rows
        if not (r.data["communes"] or r.data["epcis"] or r.data["departements"])
    ]
    assert len(region_only) >= 31
    for row in region_only:
        assert (
            f"ligne {row.line}\xa0: Placé au niveau de la région {row.data['region'].name}\xa0: "
            "territoire à préciser." in _messages(row)
        )


def test_a_pre_2016_region_with_a_suffix_resolves_to_todays_and_says_so(geo):
    row = _row(_plan(), "Pôle coopératif du Lauragais")
    assert row.data["region"].name == "Occitanie"
    assert (
        "ligne 2, colonne Région\xa0: «\xa0Midi-Pyrénées (ancienne région)\xa0» → Occitanie"
        in _messages(row)
    )
    assert _row(_plan(), "Alsace ESS").data["region"].name == "Grand Est"
    assert _row(_plan(), "Berry coopératif").data["region"].name == "Centre-Val de Loire"


def test_a_misspelt_region_with_one_close_name_is_read_as_it_with_a_warning(geo):
    row = _row(_plan(), "Occitanie rurale")
    assert row.data["region"].name == "Occitanie"
    assert "«\xa0Occitannie\xa0» lu comme Occitanie\xa0: vérifiez." in " ".join(_messages(row))


def test_a_misspelt_commune_is_read_as_the_close_official_name_with_a_warning(geo):
    row = _row(_plan(), "Carcassonne en commun")
    assert [str(c) for c in row.data["communes"]] == ["Carcassonne (11)"]
    assert (
        "ligne 5, colonne Commune\xa0: «\xa0Carcasonne\xa0» lu comme Carcassonne (11)\xa0: "
        "vérifiez." in _messages(row)
    )


def test_accents_and_st_are_tolerated_without_a_warning_on_the_commune(geo):
    plan = _plan()
    assert [str(c) for c in _row(plan, "Garrigues solidaires").data["communes"]] == ["Nîmes (30)"]
    assert [str(c) for c in _row(plan, "Comminges solidaire").data["communes"]] == [
        "Saint-Gaudens (31)"
    ]
    assert [str(c) for c in _row(plan, "Forez en transition").data["communes"]] == [
        "Saint-Étienne (42)"
    ]


def test_a_homonym_is_narrowed_by_the_region_given(geo):
    plan = _plan()
    assert [str(c) for c in _row(plan, "Saint-Denis solidaire").data["communes"]] == [
        "Saint-Denis (93)"
    ]
    assert [str(c) for c in _row(plan, "Réunion coopérative").data["communes"]] == [
        "Saint-Denis (974)"
    ]


def test_a_homonym_within_the_region_is_left_to_a_human_with_the_candidates(geo):
    row = _row(_plan(), "Aude et Gard ensemble")
    assert row.data["communes"] == []
    text = " ".join(_messages(row))
    assert "communes possibles\xa0: Saint-Denis (11), Saint-Denis (30)" in text
    assert not row.blocking


def test_a_short_name_finds_the_longer_official_one(geo):
    row = _row(_plan(), "Évry coopère")
    assert [str(c) for c in row.data["communes"]] == ["Évry-Courcouronnes (91)"]


def test_a_free_text_territory_is_applied_when_it_names_an_epci_else_suggested(geo):
    plan = _plan()
    assert [e.name for e in _row(plan, "Pays toulousain").data["epcis"]] == ["Toulouse Métropole"]
    row = _row(plan, "Castres-Mazamet")
    assert row.data["epcis"] == []
    assert "il pourrait désigner\xa0: CA de Castres Mazamet" in " ".join(_messages(row))


def test_the_import_creates_sixty_poles_unpublished_each_with_a_region(national):
    run = _import(national)
    assert run.state == ImportState.APPLIED
    assert run.report["created"] == 60
    poles = Pole.objects.all()
    assert poles.count() == 60
    assert not poles.filter(region=None).exists()
    assert not poles.filter(is_published=True).exists()
    lauragais = Pole.objects.get(name="Pôle coopératif du Lauragais")
    assert [c.name for c in lauragais.territory_communes.all()] == ["Villefranche-de-Lauragais"]
    assert lauragais.website == "https://lauragais-coop.fr"
    assert not run.file  # the upload is deleted once applied


def test_every_imported_pole_has_a_map_point_even_when_placed_at_region_level_only(national):
    # The test geography holds a few départements: a région without any has no point of its own.
    _import(national)
    located = Pole.objects.filter(region__latitude__isnull=False)
    assert located.count() >= 30
    unplaced = located.filter(Q(map_latitude=None) | Q(map_longitude=None))
    assert [pole.name for pole in unplaced] == []


def test_importing_the_same_file_again_changes_nothing(national):
    _import(national)
    before = {p.pk: (p.version, p.updated_at) for p in Pole.objects.all()}
    run = _import(national)
    assert run.report == {**run.report, "created": 0, "updated": 0, "unchanged": 60}
    assert {p.pk: (p.version, p.updated_at) for p in Pole.objects.all()} == before


def test_an_existing_pole_is_matched_on_name_and_region_and_only_completed(national, geo):
    from ptce.territories.models import Region

    existing = PoleFactory(
        name="Les Ateliers du Réemploi",
        region=Region.objects.get(name="Occitanie"),
        contact_email="",
    )
    homonym = PoleFactory(name="Bretagne solidaire", region=Region.objects.get(name="Normandie"))
    plan = _plan()
    row = _row(plan, "Les Ateliers du réemploi")
    assert row.target == existing
    assert row.action == "update"
    assert row.changes == ["Courriel de contact", "territoire"]
    other = _row(plan, "Bretagne solidaire")
    assert other.target is None
    assert "Un pôle du même nom existe (Normandie)\xa0: un autre pôle sera créé." in " ".join(
        _messages(other)
    )
    _import(national)
    existing.refresh_from_db()
    assert existing.contact_email == "contact@ateliers-reemploi.fr"
    assert Pole.objects.filter(search_name=existing.search_name).count() == 1
    assert Pole.objects.filter(search_name=homonym.search_name).count() == 2


def test_a_row_with_an_unknown_region_blocks_everything_until_it_is_excluded(national):
    data = sample_csv([*ROWS, ("Pôle d’Atlantide", "Atlantide", "", "", "", "", "", "")])
    run = import_upload(
        kind=ImportKind.POLES, uploaded_file=upload("liste.csv", data), created_by=national
    )
    error_rows = [r for r in run.preview["rows"] if r["action"] == "error"]
    assert [r["problems"][0]["message"] for r in error_rows] == [
        "«\xa0Atlantide\xa0» n’est pas une région connue."
    ]
    with pytest.raises(ValidationError, match="1 ligne garde une erreur bloquante"):
        import_request_apply(run=run)
    assert Pole.objects.count() == 0
    run = import_request_apply(run=run, excluded_lines=[error_rows[0]["line"]])
    assert run.report["created"] == 60
    assert run.report["rejected_lines"] == [error_rows[0]["line"]]


def test_the_same_list_as_xlsx_or_ods_gives_the_same_plan(geo):
    rows = [HEADER, *ROWS]
    csv_plan = _plan()
    for name, data in [("liste.xlsx", xlsx_bytes(rows)), ("liste.ods", ods_bytes(rows))]:
        plan = _plan(data, name)
        assert [r.values for r in plan.rows] == [r.values for r in csv_plan.rows]
        assert [r.action for r in plan.rows] == [r.action for r in csv_plan.rows]


def test_the_command_dry_run_prints_the_problems_and_writes_nothing(geo, tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(sample_csv())
    call_command("import_poles", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert (
        "ligne 2, colonne Région\xa0: «\xa0Midi-Pyrénées (ancienne région)\xa0» → Occitanie "
        "(remarque)" in out
    )
    assert (
        "60 création(s), 0 complément(s), 0 inchangée(s), 0 en erreur. "
        "Essai (--dry-run)\xa0: rien n’a été écrit." in out
    )
    assert Pole.objects.count() == 0
    call_command("import_poles", str(path))
    assert Pole.objects.count() == 60


def test_the_command_stops_on_a_blocking_problem_and_writes_nothing(geo, tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(sample_csv([*ROWS, ("", "Atlantide", "", "", "", "", "", "")]))
    with pytest.raises(CommandError, match="Rien n’a été écrit"):
        call_command("import_poles", str(path))
    out = capsys.readouterr().out
    assert "ligne 63, colonne Nom\xa0: Le nom du pôle est obligatoire. (erreur)" in out
    assert (
        "ligne 63, colonne Région\xa0: «\xa0Atlantide\xa0» n’est pas une région connue. (erreur)"
        in out
    )
    assert Pole.objects.count() == 0
