import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ptce.territories.models import Commune, Departement, Epci, Region

FIXTURES = Path(__file__).parent / "data"


def load(*args, **options) -> str:
    out = StringIO()
    call_command("territories_load", *args, stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Region, Departement, Epci, Commune)
    }


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of the small fixture subset of the real files."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    return target


def test_it_loads_the_fixture_subset_with_normalized_names_and_links(db):
    output = load(data_dir=FIXTURES)

    assert (Region.objects.count(), Departement.objects.count()) == (18, 101)
    assert (Epci.objects.count(), Commune.objects.count()) == (14, 16)
    toulouse = Commune.objects.select_related("departement", "region", "epci").get(code="31555")
    assert toulouse.name == "Toulouse"
    assert toulouse.departement.name == "Haute-Garonne"
    assert toulouse.region.name == "Occitanie"
    assert toulouse.epci.name == "Toulouse Métropole"
    assert toulouse.postal_codes.split() == ["31000", "31100", "31200", "31300", "31400", "31500"]
    assert toulouse.population > 500_000
    assert (round(toulouse.latitude, 1), round(toulouse.longitude, 1)) == (43.6, 1.4)
    assert Commune.objects.get(code="42218").search_name == "saint etienne"
    occitanie = Region.objects.get(code="76")
    assert "Midi-Pyrénées" in occitanie.other_names.split("|")
    assert "|midi pyrenees|" in occitanie.search_other_names
    assert "Communes : 16 lues — 16 créées" in output


def test_a_second_run_changes_nothing_and_says_so(db):
    load(data_dir=FIXTURES)
    before = snapshot()

    output = load(data_dir=FIXTURES)

    assert snapshot() == before
    assert "Communes : 16 lues — 0 créées, 0 modifiées, 16 inchangées" in output
    assert "à jour" in output


def test_it_updates_rows_that_changed_in_the_database_or_the_files(db, data_dir):
    load(data_dir=data_dir)
    Commune.objects.filter(code="31555").update(name="Tolosa", search_name="tolosa", population=1)
    communes = data_dir / "communes.csv"
    communes.write_text(
        communes.read_text().replace(
            "Blagnac,31,243100518,31700,27604", "Blagnac,31,243100518,31700,30000"
        )
    )

    output = load(data_dir=data_dir)

    assert Commune.objects.get(code="31555").name == "Toulouse"
    assert Commune.objects.get(code="31555").search_name == "toulouse"
    assert Commune.objects.get(code="31069").population == 30000
    assert "2 modifiées, 14 inchangées" in output


def test_rows_missing_from_the_files_are_reported_and_kept(db, data_dir):
    load(data_dir=data_dir)
    lines = (data_dir / "communes.csv").read_text().splitlines()
    (data_dir / "communes.csv").write_text("\n".join(line for line in lines if "Caen" not in line))

    output = load(data_dir=data_dir)

    assert Commune.objects.filter(code="14118").exists()
    assert "1 absentes des fichiers, conservées" in output


def test_a_bad_file_is_reported_by_line_and_column_and_nothing_is_written(db, data_dir):
    communes = data_dir / "communes.csv"
    text = communes.read_text()
    text = text.replace("31069,Blagnac,31,243100518", "31069,Blagnac,99,243100518")
    text = text.replace("48.85659,2.34292", "148.85659,2.34292")
    communes.write_text(text)

    with pytest.raises(CommandError) as error:
        load(data_dir=data_dir)

    message = str(error.value)
    assert "communes.csv, ligne 6, colonne « departement » : département « 99 » inconnu" in message
    assert "colonne « latitude »" in message
    assert "Aucune donnée n’a été écrite" in message
    assert Region.objects.count() == Commune.objects.count() == 0


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="regions.csv.gz .* fichier absent"):
        load(data_dir=tmp_path)


def test_it_can_load_the_communes_of_some_departements_only(db):
    load(data_dir=FIXTURES, only_departements="31, 974")

    assert sorted(Commune.objects.values_list("code", flat=True)) == ["31069", "31555", "97411"]
    assert Departement.objects.count() == 101


def test_unknown_or_malformed_departement_codes_are_refused(db):
    with pytest.raises(CommandError, match="invalide"):
        load(data_dir=FIXTURES, only_departements="31,xyz")
    with pytest.raises(CommandError, match="départements demandés inconnus : 96"):
        load(data_dir=FIXTURES, only_departements="96")
    assert Commune.objects.count() == 0


def test_the_committed_data_loads_whole_and_idempotently(db):
    """How long it takes is measured by `bench/territories_load.py`, not asserted here."""
    load(verbosity=0)

    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert 1200 <= Epci.objects.count() <= 1300
    assert 34_500 <= Commune.objects.count() <= 35_500
    assert not Commune.objects.filter(latitude__isnull=True).exists()
    assert not Commune.objects.filter(population__isnull=True).exists()
    assert Commune.objects.filter(epci__isnull=True).count() < 10  # a few islands

    output = load()

    assert "0 créées, 0 modifiées" in output
    assert "à jour" in output


def test_each_region_gets_the_mean_point_of_its_loaded_communes(db):
    load(data_dir=FIXTURES)

    # Occitanie: Saint-Denis (11), Saint-Denis (30), Blagnac and Toulouse.
    occitanie = Region.objects.get(code="76")
    assert (round(occitanie.latitude, 2), round(occitanie.longitude, 2)) == (43.71, 2.33)
    assert Region.objects.get(code="01").latitude is None  # no commune of Guadeloupe loaded
