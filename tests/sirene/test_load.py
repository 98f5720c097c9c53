"""`manage.py sirene_load`: INSEE's stock files, CSV or Parquet, into the local copy."""

import io

import pytest
from django.core.management import CommandError, call_command

from ptce.demo.sirene import unit, write_stock
from ptce.sirene.models import SireneToken, SireneUnit

pytestmark = pytest.mark.django_db

ATELIER = unit(
    "41234567",
    "ATELIER DU BOIS D’ICI",
    categorieJuridiqueUniteLegale="5710",
    economieSocialeSolidaireUniteLegale="N",
    activitePrincipaleUniteLegale="16.23Z",
    trancheEffectifsUniteLegale="03",
    sigleUniteLegale="ABI",
)
RECYCLERIE = unit(
    "41234568",
    "LA RECYCLERIE DES COLLINES",
    identifiantAssociationUniteLegale="W313001234",
    numeroVoieEtablissement="4",
    indiceRepetitionEtablissement="B",
    typeVoieEtablissement="AV",
    libelleVoieEtablissement="JEAN JAURES",
)
HIDDEN = unit("41234569", "MADAME CACHEE", statutDiffusionUniteLegale="P")
CLOSED = unit("41234570", "ANCIENNE COOPERATIVE", etatAdministratifUniteLegale="C")


def load(tmp_path, units, *args, parquet=False, name="stock"):
    paths = write_stock(tmp_path / name, units, parquet=parquet)
    out = io.StringIO()
    call_command("sirene_load", *map(str, paths), *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("parquet", [False, True], ids=["csv", "parquet"])
def test_it_loads_each_unit_with_its_head_office(tmp_path, parquet):
    load(tmp_path, [ATELIER, RECYCLERIE], parquet=parquet)

    recyclerie = SireneUnit.objects.get(siren=RECYCLERIE["siren"])
    assert recyclerie.name == "LA RECYCLERIE DES COLLINES"
    assert recyclerie.siret == RECYCLERIE["siret"]
    assert recyclerie.address == "4B AV JEAN JAURES"
    assert (recyclerie.postal_code, recyclerie.commune_code) == ("31000", "31555")
    assert recyclerie.commune_name == "TOULOUSE"
    assert recyclerie.rna == "W313001234"
    assert recyclerie.ess is True
    assert str(recyclerie.updated_on) == "2026-11-02"
    atelier = SireneUnit.objects.get(siren=ATELIER["siren"])
    assert (atelier.legal_form, atelier.naf_code, atelier.headcount_band) == (
        "5710",
        "16.23Z",
        "03",
    )
    assert atelier.ess is False
    assert set(SireneToken.objects.filter(unit=atelier).values_list("token", flat=True)) == {
        "atelier",
        "bois",
        "ici",
        "abi",
    }


def test_a_second_load_of_the_same_files_changes_nothing(tmp_path):
    load(tmp_path, [ATELIER, RECYCLERIE])

    output = load(tmp_path, [ATELIER, RECYCLERIE])

    assert "à jour" in output
    assert "0 unité(s) ajoutée(s), 0 mise(s) à jour, 2 inchangée(s)" in output


def test_a_later_load_updates_what_changed_and_reports_it(tmp_path):
    load(tmp_path, [ATELIER, RECYCLERIE])
    renamed = {**ATELIER, "denominationUniteLegale": "ATELIER DU BOIS LOCAL"}

    output = load(tmp_path, [renamed, RECYCLERIE, CLOSED], name="later")

    assert "1 unité(s) ajoutée(s), 1 mise(s) à jour, 1 inchangée(s)" in output
    atelier = SireneUnit.objects.get(siren=ATELIER["siren"])
    assert atelier.name == "ATELIER DU BOIS LOCAL"
    tokens = set(SireneToken.objects.filter(unit=atelier).values_list("token", flat=True))
    assert "local" in tokens
    assert "ici" not in tokens


def test_units_not_diffusible_are_never_stored(tmp_path):
    load(tmp_path, [ATELIER, HIDDEN, {**RECYCLERIE, "statutDiffusionUniteLegale": "N"}])

    assert list(SireneUnit.objects.values_list("siren", flat=True)) == [ATELIER["siren"]]


def test_a_unit_that_becomes_non_diffusible_is_removed(tmp_path):
    load(tmp_path, [ATELIER, RECYCLERIE])

    output = load(
        tmp_path, [ATELIER, {**RECYCLERIE, "statutDiffusionUniteLegale": "P"}], name="later"
    )

    assert "1 retirée(s)" in output
    assert not SireneUnit.objects.filter(siren=RECYCLERIE["siren"]).exists()
    assert not SireneToken.objects.filter(unit_id=RECYCLERIE["siren"]).exists()


def test_the_filters_keep_active_units_or_a_family(tmp_path):
    load(tmp_path, [ATELIER, RECYCLERIE, CLOSED], "--actives", "--filtre", "ess")

    assert set(SireneUnit.objects.values_list("siren", flat=True)) == {RECYCLERIE["siren"]}


def test_a_file_missing_a_published_column_is_refused_and_nothing_is_written(tmp_path):
    paths = write_stock(tmp_path, [ATELIER])
    units = paths[0]
    header, *rows = units.read_text().splitlines()
    units.write_text(
        "\n".join([header.replace("statutDiffusionUniteLegale", "statut"), *rows]) + "\n"
    )

    with pytest.raises(CommandError) as error:
        call_command("sirene_load", str(units), str(paths[1]))

    assert "colonne(s) manquante(s) : statutDiffusionUniteLegale" in str(error.value)
    assert "Aucune donnée n’a été écrite" in str(error.value)
    assert not SireneUnit.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("stock.xlsx", b"PK\x03\x04", "format non reconnu"),
        ("stock.parquet", b"not a parquet file", "fichier illisible"),
        ("autre.csv", b"code,nom\n1,Toulouse\n", "ni un stock d’unités légales"),
    ],
)
def test_a_file_of_another_format_is_refused_in_french(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("sirene_load", str(path))

    assert not SireneUnit.objects.exists()


def test_the_establishments_alone_are_refused(tmp_path):
    _, establishments = write_stock(tmp_path, [ATELIER])

    with pytest.raises(CommandError, match="Aucun stock des unités légales"):
        call_command("sirene_load", str(establishments))


def test_a_siren_twice_in_the_file_is_refused_and_nothing_is_written(tmp_path):
    paths = write_stock(tmp_path, [ATELIER, RECYCLERIE, {**ATELIER, "sigleUniteLegale": "X"}])

    with pytest.raises(CommandError, match="1 SIREN en double"):
        call_command("sirene_load", *map(str, paths))

    assert not SireneUnit.objects.exists()


def _indexes():
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, SireneUnit._meta.db_table)
        constraints |= connection.introspection.get_constraints(cursor, SireneToken._meta.db_table)
    return sorted(name for name, c in constraints.items() if c["index"] or c["foreign_key"])


def test_a_first_load_that_fails_while_writing_leaves_the_tables_and_their_indexes(
    tmp_path, monkeypatch
):
    from ptce.sirene import bulk_load

    before = _indexes()
    copy = bulk_load.copy

    def fail_on_tokens(con, query, table, columns):
        if table == SireneToken._meta.db_table:
            raise RuntimeError("disque plein")
        copy(con, query, table, columns)

    monkeypatch.setattr(bulk_load, "copy", fail_on_tokens)

    with pytest.raises(RuntimeError):
        load(tmp_path, [ATELIER, RECYCLERIE])

    assert not SireneUnit.objects.exists()
    assert _indexes() == before
    monkeypatch.undo()
    load(tmp_path, [ATELIER, RECYCLERIE], name="again")
    assert SireneUnit.objects.count() == 2
    assert SireneToken.objects.filter(token="recyclerie").count() == 1
    assert _indexes() == before


def test_the_search_key_computed_by_the_load_is_the_one_the_search_normalises_to(tmp_path):
    from ptce.territories.text import search_key

    names = [
        "  ST-JEAN & CIE (SARL)  ",
        "A.B.C. 12/34 -- STE.MARIE",
        "st",
        "L'ŒUVRE D'ÉTÉ – STES-MARIES",
        "Straße ﬁnale",
        "X" * 240,
    ]
    load(tmp_path, [unit(f"5100{i:04d}", name) for i, name in enumerate(names)])

    stored = dict(SireneUnit.objects.values_list("name", "search_name"))
    assert stored == {name.strip(): search_key(name) for name in names}
