import copy
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ptce.assessments.models import (
    Criterion,
    GeneralObjective,
    LevelDescriptor,
    LexiconTerm,
    PrincipalObjective,
    Referentiel,
)
from ptce.assessments.referentiel.services import (
    CREATED,
    DEFAULT_DATA_FILE,
    UNCHANGED,
    UPDATED,
    ReferentielFileError,
    ReferentielInUseError,
    referentiel_load,
    referentiel_snapshot,
)
from tests.assessments.factories import EvaluationFactory, load_default_referentiel

# The source document (a copy of the project's seed, its annex is the référentiel).
SEED = Path(settings.BASE_DIR) / "docs" / "source" / "ptce-document-source.txt"
LETTERS = list("ABCDEFGHI")


def default_data():
    return json.loads(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))


def criterion_data(data, letter):
    for general in data["general_objectives"]:
        for principal in general["principal_objectives"]:
            if principal["criterion"]["letter"] == letter:
                return principal["criterion"]
    raise AssertionError(letter)


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Referentiel,
            GeneralObjective,
            PrincipalObjective,
            Criterion,
            LevelDescriptor,
            LexiconTerm,
            Criterion.terms.through,
        )
    }


def parse_seed_annex(text):
    """The annex of the seed: introduction, usage note, theme, and the tab-separated rows."""
    annex = text.split("\nAnnexe\n", 1)[1]
    lines = annex.strip("\n").splitlines()
    introduction = lines[0]
    rows = [line.split("\t") for line in lines if "\t" in line]
    header, rows = rows[0], rows[1:]
    assert header[:3] == ["Thème d'action", "Objectifs généraux", "Objectifs principaux"]
    paragraphs = re.findall(r"<p>(.*?)</p>", rows[0][0])
    generals = []
    for row in rows:
        if row[-3]:
            generals.append({"title": row[-3], "principals": []})
        match = re.fullmatch(r"([A-I]) (.*) 1 2 3 4 5", row[-1])
        generals[-1]["principals"].append(
            {"title": row[-2], "letter": match[1], "statement": match[2]}
        )
    footnote = next(line for line in lines if line.startswith("*"))
    return {
        "introduction": introduction,
        "usage_note": paragraphs[0],
        "theme": paragraphs[1],
        "generals": generals,
        "footnote": footnote.removeprefix("*"),
    }


def words(text):
    return re.findall(r"\w+", text)


def test_the_default_version_reproduces_the_seed_annex_verbatim(db):
    seed = parse_seed_annex(SEED.read_text(encoding="utf-8"))
    referentiel = load_default_referentiel()

    assert referentiel.code == "ecarts-generique"
    assert referentiel.name == "ECARTS — référentiel générique"
    assert referentiel.introduction == seed["introduction"]
    assert referentiel.usage_note == seed["usage_note"]
    assert words(referentiel.theme) == words(seed["theme"])
    assert referentiel.theme == (
        "Construire et animer un processus territorial de coopération économique — grappe, "
        "filière, lieu urbain ou rural"
    )
    generals = list(referentiel.general_objectives.order_by("position"))
    assert [g.title for g in generals] == [g["title"] for g in seed["generals"]]
    for general, seed_general in zip(generals, seed["generals"], strict=True):
        principals = list(general.principal_objectives.order_by("position"))
        assert [p.title for p in principals] == [p["title"] for p in seed_general["principals"]]
        for principal, seed_principal in zip(principals, seed_general["principals"], strict=True):
            assert principal.criterion.letter == seed_principal["letter"]
            assert principal.criterion.statement == seed_principal["statement"]
    assert len(seed["generals"]) == 3
    assert sum(len(g["principals"]) for g in seed["generals"]) == 9
    g = referentiel.criteria.get(letter="G")
    assert g.statement == "Le fonctionnement économique et son efficacité* sont pérennisés"
    assert g.footnote == seed["footnote"] == "le mot « modèle économique » jugé trop idéologique"
    assert (
        list(referentiel.criteria.exclude(letter="G").values_list("footnote", flat=True))
        == [""] * 8
    )
    assert list(referentiel.levels.values_list("level", flat=True)) == [1, 2, 3, 4, 5]


def test_the_default_version_carries_the_platforms_proposal_labelled_as_such(db):
    referentiel = load_default_referentiel()

    assert "proposition de la plateforme" in referentiel.proposal_note
    assert list(referentiel.levels.values_list("label", flat=True)) == [
        "Absent",
        "Émergent",
        "En construction",
        "Établi",
        "Consolidé et partagé",
    ]
    assert all(level.description for level in referentiel.levels.all())
    for criterion in referentiel.criteria.all():
        assert 2 <= len(criterion.guiding_questions) <= 4, criterion.letter
        assert 2 <= len(criterion.evidence_examples) <= 4, criterion.letter
        assert criterion.terms.exists(), criterion.letter
    slugs = set(referentiel.terms.values_list("slug", flat=True))
    assert {
        "ancrage-territorial",
        "utilite-du-ptce",
        "lieu-identifie",
        "lieu-accessible",
        "ressources-locales",
        "developpement-local-durable",
        "pouvoirs-publics-locaux",
        "partenariats-decloisonnes",
        "ethique-et-valeurs",
        "vivre-ensemble",
        "projet-strategique",
        "gouvernance-partagee",
        "cooperation",
        "mutualisation",
        "actions-collectives",
        "statuts-de-l-ess",
        "fonctionnement-economique",
        "efficacite",
        "perennisation",
        "innovation-de-produits-et-de-services",
        "recherche-developpement",
        "developpement-durable",
        "veille-economique-sociale-et-environnementale",
        "passerelles",
        "actions-transversales",
        "grappe",
        "filiere",
        "ptce",
        "ess",
    } <= slugs
    criterion_a = referentiel.criteria.get(letter="A")
    assert {"lieu-identifie", "lieu-accessible", "ancrage-territorial"} <= set(
        criterion_a.terms.values_list("slug", flat=True)
    )


def test_it_marks_the_generic_version_as_the_default(db):
    assert load_default_referentiel().is_default
    assert Referentiel.objects.filter(is_default=True).count() == 1


def test_loading_the_same_file_twice_writes_nothing(db):
    first = referentiel_load(source=DEFAULT_DATA_FILE)
    counts = table_counts()
    criterion_ids = list(Criterion.objects.order_by("letter").values_list("pk", flat=True))
    term_ids = sorted(LexiconTerm.objects.values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        second = referentiel_load(source=DEFAULT_DATA_FILE)

    assert first.status == CREATED
    assert second.status == UNCHANGED
    assert second.referentiel.pk == first.referentiel.pk
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes == []
    assert table_counts() == counts
    assert list(Criterion.objects.order_by("letter").values_list("pk", flat=True)) == criterion_ids
    assert sorted(LexiconTerm.objects.values_list("pk", flat=True)) == term_ids


def test_a_version_in_use_is_never_changed(db):
    referentiel = load_default_referentiel()
    EvaluationFactory(referentiel=referentiel)
    before = referentiel_snapshot(referentiel)
    counts = table_counts()
    data = default_data()
    criterion_data(data, "B")["statement"] = "Il valorise les ressources du territoire"

    with pytest.raises(ReferentielInUseError) as error:
        referentiel_load(source=data)

    message = error.value.messages[0]
    assert "utilisé par 1 évaluation" in message
    assert "nouveau code" in message
    assert referentiel_snapshot(referentiel) == before
    assert table_counts() == counts


def test_a_version_in_use_still_loads_when_its_file_has_not_changed(db):
    referentiel = load_default_referentiel()
    EvaluationFactory(referentiel=referentiel)

    assert referentiel_load(source=DEFAULT_DATA_FILE).status == UNCHANGED


def test_a_version_not_yet_used_is_updated_from_its_file(db):
    referentiel = load_default_referentiel()
    data = default_data()
    criterion_data(data, "A")["guiding_questions"] = ["Le lieu est-il connu ?", "Est-il ouvert ?"]
    criterion_data(data, "A")["terms"] = ["lieu-identifie"]

    result = referentiel_load(source=data)

    assert result.status == UPDATED
    assert result.referentiel.pk == referentiel.pk
    criterion_a = Criterion.objects.get(referentiel=referentiel, letter="A")
    assert criterion_a.guiding_questions == ["Le lieu est-il connu ?", "Est-il ouvert ?"]
    assert list(criterion_a.terms.values_list("slug", flat=True)) == ["lieu-identifie"]
    assert Criterion.objects.filter(referentiel=referentiel).count() == 9
    assert referentiel_load(source=data).status == UNCHANGED


def test_edits_made_in_the_admin_survive_reloading_an_unchanged_file(db):
    referentiel = load_default_referentiel()
    LexiconTerm.objects.filter(referentiel=referentiel, slug="grappe").update(
        definition="Définition revue par l’équipe."
    )

    assert referentiel_load(source=DEFAULT_DATA_FILE).status == UNCHANGED
    assert referentiel.terms.get(slug="grappe").definition == "Définition revue par l’équipe."


def test_a_new_version_loads_beside_the_old_one(db):
    generic = load_default_referentiel()
    EvaluationFactory(referentiel=generic)
    data = default_data()
    data.update(code="ecarts-occitanie", name="ECARTS — variante Occitanie", is_default=False)
    criterion_data(data, "B")["statement"] = "Il valorise les ressources locales occitanes"

    result = referentiel_load(source=data)

    assert result.status == CREATED
    assert Referentiel.objects.count() == 2
    assert result.referentiel.criteria.count() == generic.criteria.count() == 9
    assert generic.criteria.get(letter="B").statement.startswith("Il valorise les ressources lo")
    assert result.referentiel.criteria.get(letter="B").statement.endswith("occitanes")
    generic.refresh_from_db()
    assert generic.is_default
    assert not result.referentiel.is_default


def test_a_new_default_version_takes_the_flag_from_the_old_one(db):
    generic = load_default_referentiel()
    data = default_data()
    data.update(code="ecarts-2027", name="ECARTS 2027")

    result = referentiel_load(source=data)

    generic.refresh_from_db()
    assert result.referentiel.is_default
    assert not generic.is_default


def _without_criterion_c(data):
    principals = data["general_objectives"][0]["principal_objectives"]
    principals.pop(2)


def _duplicate_b(data):
    criterion_data(data, "C")["letter"] = "B"


def _level_six(data):
    data["levels"][4]["level"] = 6


def _unknown_term(data):
    criterion_data(data, "A")["terms"].append("terme-inconnu")


def _no_statement(data):
    criterion_data(data, "E")["statement"] = "  "


def _duplicate_slug(data):
    data["lexicon"].append(dict(data["lexicon"][0]))


def _typo_in_a_key(data):
    criterion_data(data, "D")["guidng_questions"] = []


def _bad_code(data):
    data["code"] = "ECARTS générique"


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_without_criterion_c, "lettre(s) manquante(s) : C"),
        (_duplicate_b, "la lettre B est déjà celle d’un autre critère"),
        (_level_six, "le niveau 6 est hors de l’échelle de 1 à 5"),
        (_unknown_term, "le terme « terme-inconnu » n’est pas défini dans le lexique"),
        (_no_statement, "objectif général n° 2, objectif principal n° 2, critère : « statement »"),
        (_duplicate_slug, "est déjà utilisé par un autre terme"),
        (_typo_in_a_key, "clé inconnue « guidng_questions »"),
        (_bad_code, "doit être en minuscules, chiffres et tirets"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_written(db, spoil, expected):
    data = copy.deepcopy(default_data())
    spoil(data)

    with pytest.raises(ReferentielFileError) as error:
        referentiel_load(source=data)

    assert any(expected in message for message in error.value.messages), error.value.messages
    assert set(table_counts().values()) == {0}


def test_a_file_that_is_not_json_is_refused_with_its_line_and_column(db, tmp_path):
    path = tmp_path / "casse.json"
    path.write_text('{"code": "x",\n  "name": }', encoding="utf-8")

    with pytest.raises(ReferentielFileError, match="casse.json : JSON invalide ligne 2"):
        referentiel_load(source=path)
    assert Referentiel.objects.count() == 0


def test_the_command_loads_every_shipped_file_and_is_idempotent(db, capsys):
    call_command("referentiel_load")
    call_command("referentiel_load")

    output = capsys.readouterr().out
    assert "« ecarts-generique » créé (version par défaut)." in output
    assert "« ecarts-generique » inchangé (version par défaut)." in output
    assert Referentiel.objects.get().criteria.count() == 9


def test_the_command_writes_nothing_when_one_of_its_files_is_bad(db, tmp_path):
    good = tmp_path / "bon.json"
    data = default_data()
    data.update(code="ecarts-test", is_default=False)
    good.write_text(json.dumps(data), encoding="utf-8")
    bad = tmp_path / "mauvais.json"
    _level_six(data)
    data["code"] = "ecarts-mauvais"
    bad.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("referentiel_load", str(good), str(bad))

    assert "mauvais.json n’a pas pu être chargé" in str(error.value)
    assert "le niveau 6 est hors de l’échelle" in str(error.value)
    assert "Aucune donnée n’a été écrite." in str(error.value)
    assert Referentiel.objects.count() == 0
