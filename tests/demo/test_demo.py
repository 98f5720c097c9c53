"""`manage.py demo_load`: the realistic demo data that `make run` loads after the geography."""

import re
from collections import Counter
from dataclasses import replace

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError
from django.urls import reverse
from stdnum.fr import siret as stdnum_siret

from ptce.assessments.evaluation.services_sheet import sheet_save
from ptce.assessments.evaluation.stats import criterion_stats
from ptce.assessments.models import (
    ActionItem,
    Answer,
    ConsolidatedScore,
    Evaluation,
    EvaluationState,
    EvaluationTransition,
    Rater,
)
from ptce.assessments.results.cohort import cohort_medians
from ptce.calls.models import Application, ApplicationTransition, Call
from ptce.cooperation.compliance import pole_compliance
from ptce.cooperation.join.selectors import emerging_poles
from ptce.cooperation.life.matching import SAME_POLE, SAME_REGION, suggest_matches
from ptce.cooperation.life.network import pole_network
from ptce.cooperation.life.selectors import (
    animation_summary,
    network_data,
    pole_animation,
    summary_rows,
)
from ptce.cooperation.models import (
    ActionFunding,
    CooperationAction,
    JoinRequest,
    JoinRequestStatus,
    Meeting,
    SharedResource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)
from ptce.cooperation.plan.stages import DONE, IN_PROGRESS, TODO, pole_stages
from ptce.core.models import User
from ptce.demo import content, geography, loader
from ptce.demo.accounts import DEMO_PASSWORD, ROLE_ACCOUNTS
from ptce.demo.spec import Person, demo_rna, demo_siret
from ptce.organisations.models import LegalCategory, Organisation
from ptce.organisations.validators import normalize_naf
from ptce.poles.models import (
    Membership,
    PersonRole,
    Place,
    Pole,
    PolePerson,
    Sector,
    Stage,
    Verification,
)
from ptce.territories.datafiles import read_geography
from ptce.territories.models import Commune
from tests.demo.demo_data import FOIX_EPCI, create_demo_geography, run_demo_load

FOIX = "reemploi-pays-de-foix"
LAPSED = "numerique-solidaire-montpellier"
DEMO_MODELS = (
    Pole,
    Organisation,
    Membership,
    Place,
    PolePerson,
    User,
    Evaluation,
    EvaluationTransition,
    Rater,
    Answer,
    ConsolidatedScore,
    ActionItem,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
    StrategicObjective,
    CooperationAction,
    CooperationAction.participants.through,
    ActionFunding,
    SharedResource,
    Meeting,
    Meeting.attendees.through,
    JoinRequest,
    Call,
    Application,
    ApplicationTransition,
)


def counts() -> dict[str, int]:
    found = {model._meta.label: model.objects.count() for model in DEMO_MODELS}
    for model in (Pole, Organisation, Membership, PolePerson):
        found[f"history of {model.__name__}"] = model.history.count()
    return found


def test_the_demo_geography_is_a_faithful_copy_of_the_shipped_data():
    codes = geography.required_commune_codes()
    assert set(codes) <= set(geography.COMMUNES)
    assert set(geography.required_departement_codes()) <= set(geography.DEPARTEMENTS)
    shipped = read_geography(departements=set(geography.DEPARTEMENTS))
    communes = {row["code"]: row for row in shipped.communes}
    for code in codes:
        name, latitude, longitude = geography.COMMUNES[code]
        assert communes[code]["name"] == name
        assert abs(communes[code]["latitude"] - latitude) < 0.001
        assert abs(communes[code]["longitude"] - longitude) < 0.001
    regions = {row["code"]: row["region_id"] for row in shipped.departements}
    assert all(regions[code] == region for code, (_, region) in geography.DEPARTEMENTS.items())


def test_demo_identifiers_are_valid_and_stable():
    assert demo_siret("Recyclerie du Pays de Foix") == demo_siret("Recyclerie du Pays de Foix")
    assert demo_siret("A") != demo_siret("B")
    assert all(stdnum_siret.is_valid(demo_siret(f"seed {n}")) for n in range(500))
    assert demo_siret("Ville de Montreuil", LegalCategory.COLLECTIVITE).startswith("2")
    assert re.fullmatch(r"W091\d{6}", demo_rna("Recyclerie", "09122"))
    assert re.fullmatch(r"W974\d{6}", demo_rna("Manger local", "97411"))


def test_it_refuses_to_run_when_debug_is_off_and_writes_nothing(demo_geography, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé.*--force"):
        run_demo_load()
    assert not Pole.objects.exists()
    assert not User.objects.exists()


def test_it_refuses_without_geography_and_says_to_run_territories_load(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Lancez d’abord : manage.py territories_load"):
        run_demo_load()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_it_refuses_without_the_referentiel_and_says_to_run_referentiel_load(db, settings):
    settings.DEBUG = True
    create_demo_geography()
    with pytest.raises(CommandError, match="Lancez d’abord : manage.py referentiel_load"):
        run_demo_load()
    assert not Pole.objects.exists()
    assert not User.objects.exists()


def test_a_failure_midway_writes_nothing(demo_geography, settings, monkeypatch):
    settings.DEBUG = True
    last = loader.POLES[-1]
    stranger = Person("Anne", "Inconnue", "Organisation qui n’est pas membre")
    monkeypatch.setattr(loader, "POLES", (*loader.POLES[:-1], replace(last, contacts=(stranger,))))
    with pytest.raises(CommandError, match="n’est pas membre"):
        run_demo_load()
    assert not Organisation.objects.exists()
    assert not Pole.objects.exists()
    assert not User.objects.exists()


def test_a_load_renews_every_cached_public_response(demo_geography, settings):
    from ptce.core.invalidation import state

    settings.DEBUG = True
    before = state(())[0]

    run_demo_load()

    assert state(())[0] != before


def test_a_mistake_in_the_demo_content_is_reported_with_its_organisation(
    demo_geography, settings, monkeypatch
):
    settings.DEBUG = True
    first = content.POLES[0]
    wrong = replace(first.members[0], org=replace(first.members[0].org, naf="99.99Z"))
    pole = replace(first, members=(wrong, *first.members[1:]))
    monkeypatch.setattr(content, "POLES", (pole, *content.POLES[1:]))
    with pytest.raises(CommandError, match="« Recyclerie du Pays de Foix » : Le code NAF 99.99Z"):
        run_demo_load()
    assert not Organisation.objects.exists()


def test_it_refuses_when_some_demo_communes_are_missing(demo_geography, settings):
    settings.DEBUG = True
    Commune.objects.filter(code="97416").delete()
    with pytest.raises(CommandError, match=r"Il manque 1 commune.*97416"):
        run_demo_load()
    assert not Pole.objects.exists()


class TestTheLoadedDemo:
    """Loaded once for the class (see `demo`); each test runs in a savepoint, rolled back."""

    @pytest.fixture(autouse=True)
    def _savepoint(self, demo, db, settings):
        settings.DEBUG = True

    def test_it_loads_14_poles_or_more_in_7_regions_or_more_including_overseas(self, demo):
        poles = Pole.objects.select_related("region")
        assert poles.count() >= 14
        regions = {pole.region_id for pole in poles}
        assert None not in regions
        assert len(regions) >= 7
        assert any(code.startswith("0") for code in regions)  # La Réunion is « 04 »
        assert "16 pôles (15 publiés, 1 brouillon) dans 11 régions" in demo

    def test_poles_vary_in_form_stage_scale_and_territory_and_one_is_a_draft(self, demo):
        poles = list(Pole.objects.all())
        assert {pole.form for pole in poles} == {"grappe", "filiere", "lieu_urbain", "lieu_rural"}
        assert {pole.stage for pole in poles} == set(Stage.values)
        assert {pole.scale for pole in poles} == {"bassin_de_vie", "epci", "departement", "region"}
        assert {pole.area_type for pole in poles} == {"urbain", "rural", "mixte"}
        assert all(2010 <= pole.creation_year <= 2024 for pole in poles)
        assert sum(pole.is_charter_signatory for pole in poles) >= 5
        assert [pole.slug for pole in poles if not pole.is_published] == [
            "alimentation-grand-figeac"
        ]
        for pole in poles:
            assert pole.sectors.exists()
            assert pole.covered_departements.exists()
            assert pole.carrier.memberships.filter(pole=pole).exists()
            assert pole.description.count("\n\n") >= 1  # two paragraphs or more

    def test_the_occitanie_instructor_has_a_pole_to_verify(self, demo, client):
        declared = [p.slug for p in Pole.objects.filter(verification=Verification.DECLARED)]
        assert declared == ["alimentation-grand-figeac"]
        client.force_login(User.objects.get(email="instruction.occitanie@demo.ptce.fr"))
        page = client.get(reverse("core:dashboard")).content.decode()
        assert "Pôles à vérifier (1)" in page
        assert reverse("poles:verification", args=["alimentation-grand-figeac"]) in page

    def test_an_epci_territory_is_the_epci_of_the_named_commune(self, demo):
        pole = Pole.objects.get(slug="reemploi-pays-de-foix")
        assert list(pole.territory_epcis.values_list("code", flat=True)) == [FOIX_EPCI]
        assert list(pole.covered_departements.values_list("code", flat=True)) == ["09"]
        assert pole.region_id == "76"

    def test_every_pole_has_8_to_20_members_of_varied_categories_and_roles(self, demo):
        for pole in Pole.objects.all():
            memberships = pole.memberships.current().select_related("organisation")
            assert 8 <= len(memberships) <= 20, pole.slug
            assert all(m.joined_on and m.joined_on.year >= pole.creation_year for m in memberships)
        categories = set(Organisation.objects.values_list("legal_category", flat=True))
        assert categories >= {
            "association",
            "cooperative",
            "scic",
            "scop",
            "mutuelle",
            "fondation",
            "societe_commerciale",
            "collectivite",
            "universite",
            "recherche",
            "formation",
        }
        roles = set(Membership.objects.values_list("role", flat=True))
        assert roles == {"fondateur", "membre", "partenaire", "financeur"}

    def test_every_organisation_has_a_unique_valid_siret_a_known_naf_code_and_a_commune(self, demo):
        organisations = list(Organisation.objects.all())
        sirets = [org.siret for org in organisations]
        assert all(stdnum_siret.is_valid(siret) for siret in sirets)
        assert len(set(sirets)) == len(sirets)
        assert all(normalize_naf(org.naf_code) == org.naf_code != "" for org in organisations)
        assert all(org.commune_id for org in organisations)
        with_rna = [org for org in organisations if org.rna]
        assert len(with_rna) >= 10
        assert all(re.fullmatch(r"W[0-9A-Z]{9}", org.rna) for org in with_rna)
        assert {org.legal_category for org in with_rna} == {"association"}
        assert len(organisations) == len(content.organisations())

    def test_every_pole_has_one_main_place_with_coordinates_near_its_commune(self, demo):
        for pole in Pole.objects.prefetch_related("places__commune"):
            places = list(pole.places.all())
            assert 1 <= len(places) <= 3
            assert [place.is_main for place in places].count(True) == 1, pole.slug
            for place in places:
                assert place.address
                assert abs(place.latitude - place.commune.latitude) < 0.01
                assert abs(place.longitude - place.commune.longitude) < 0.01

    def test_most_poles_meet_the_art_9_definition_but_two_or_three_show_a_gap(self, demo):
        gaps = {}
        for pole in Pole.objects.all():
            memberships = pole.memberships.current().select_related("organisation__commune")
            covered = set(pole.covered_departements.values_list("code", flat=True))
            compliance = pole_compliance(pole, memberships, covered)
            missing = {check.code for check in compliance.missing} - {"strategie"}
            if missing:
                gaps[pole.slug] = missing
        assert gaps == {
            "numerique-solidaire-montpellier": {"entreprise"},
            "textile-circulaire-roubaix": {"collectivite"},
            "mobilites-rurales-bocage": {"entreprise"},
        }

    def test_each_role_has_an_account_that_logs_in_with_the_printed_password(self, demo):
        printed = {}
        for line in demo.splitlines():
            match = re.search(r"(\S+@demo\.ptce\.fr)\s+(\S+)$", line)
            if match:
                printed[match[1]] = match[2]
        assert set(printed) == {email for _, email in ROLE_ACCOUNTS}
        for email, password in printed.items():
            assert password == DEMO_PASSWORD
            assert authenticate(username=email, password=password) is not None, email
        assert authenticate(username="admin@demo.ptce.fr", password="mauvais") is None

    def test_accounts_hold_the_roles_they_are_printed_for(self, demo):
        admin = User.objects.get(email="admin@demo.ptce.fr")
        assert admin.is_superuser
        assert admin.is_staff
        coordinator = User.objects.get(email="coordination.reemploi-pays-de-foix@demo.ptce.fr")
        assert coordinator.pole_roles.get().role == PersonRole.COORDINATOR
        member = User.objects.get(email="julien.rouzaud@demo.ptce.fr")
        role = member.pole_roles.select_related("membership__organisation").get()
        assert (role.role, role.membership.organisation.name) == ("membre", "SCIC Ariège Répar’")
        occitanie = User.objects.get(email="instruction.occitanie@demo.ptce.fr")
        assert occitanie.is_instructor
        assert not occitanie.is_national_instructor
        assert list(occitanie.instructor_regions.values_list("code", flat=True)) == ["76"]
        bretagne = User.objects.get(email="instruction.bretagne@demo.ptce.fr")
        assert list(bretagne.instructor_regions.values_list("code", flat=True)) == ["53"]
        national = User.objects.get(email="cellule.nationale@demo.ptce.fr")
        assert national.is_instructor
        assert national.is_national_instructor
        visitor = User.objects.get(email="visiteur@demo.ptce.fr")
        assert not visitor.pole_roles.exists()
        assert not (visitor.is_staff)
        assert not (visitor.is_instructor)
        assert not (visitor.instructor_regions.exists())

    def test_each_pole_has_a_coordinator_and_two_members_acting_for_member_organisations(
        self, demo
    ):
        for pole in Pole.objects.all():
            people = Counter(pole.people.values_list("role", flat=True))
            assert people[PersonRole.COORDINATOR] == 1
            assert people[PersonRole.MEMBER] >= 2
            assert not pole.people.filter(membership__isnull=True).exists()
            assert not pole.people.exclude(membership__pole=pole).exists()

    def test_one_person_coordinates_a_pole_and_is_a_member_of_another(self, demo):
        user = User.objects.get(email="coordination.energies-partagees-tregor@demo.ptce.fr")
        roles = dict(user.pole_roles.values_list("pole__slug", "role"))
        assert roles == {
            "energies-partagees-tregor": PersonRole.COORDINATOR,
            "alimentation-pays-de-morlaix": PersonRole.MEMBER,
        }

    def test_running_it_twice_changes_nothing(self, demo):
        before = counts()
        second = run_demo_load()
        assert counts() == before
        assert "pôles : 16 (0 créés, 0 mis à jour, 16 inchangés)" in second
        assert "évaluations ECARTS : 20 (0 créées, 0 mises à jour, 20 inchangées)" in second
        for kind in ("actions de coopération", "réunions et événements", "ressources partagées"):
            assert re.search(rf"{kind} : (\d+) \(0 créées, 0 mises à jour, \1 inchangées\)", second)
        for kind in ("besoins du territoire", "liens de la matrice", "objectifs stratégiques"):
            assert re.search(rf"{kind} : (\d+) \(0 créés, 0 mis à jour, \1 inchangés\)", second)

    def test_a_second_run_restores_what_was_changed_on_demo_rows(self, demo):
        Pole.objects.filter(slug="reemploi-pays-de-foix").update(summary="Modifié", stage=1)
        admin = User.objects.get(email="admin@demo.ptce.fr")
        admin.set_password("autre-mot-de-passe")
        admin.save()
        output = run_demo_load()
        pole = Pole.objects.get(slug="reemploi-pays-de-foix")
        assert pole.summary.startswith("Recycleries")
        assert pole.stage == Stage.RECOGNISED
        assert authenticate(username="admin@demo.ptce.fr", password=DEMO_PASSWORD) is not None
        assert "pôles : 16 (0 créés, 1 mis à jour, 15 inchangés)" in output

    def test_force_runs_it_even_when_debug_is_off(self, demo, settings):
        settings.DEBUG = False
        output = run_demo_load("--force")
        assert "pôles : 16 (0 créés, 0 mis à jour, 16 inchangés)" in output

    # --- ECARTS evaluations ---------------------------------------------------------------

    def test_most_published_poles_have_a_validated_evaluation_and_some_two(self, demo):
        validated = Evaluation.objects.filter(
            state=EvaluationState.VALIDATED, pole__is_published=True
        )
        per_pole = Counter(validated.values_list("pole__slug", flat=True))
        assert len(per_pole) >= 12
        assert sum(1 for count in per_pole.values() if count >= 2) >= 4
        assert 0.4 <= validated.filter(is_public=True).count() / validated.count() <= 0.6
        assert {e.referentiel.code for e in validated.select_related("referentiel")} == {
            "ecarts-generique"
        }

    def test_each_validated_evaluation_went_through_the_workflow_to_a_median_consolidation(
        self, demo
    ):
        evaluations = Evaluation.objects.filter(state=EvaluationState.VALIDATED).prefetch_related(
            "raters__answers__criterion", "consolidated_scores__criterion", "action_items"
        )
        for evaluation in evaluations:
            raters = list(evaluation.raters.all())
            assert 3 <= len(raters) <= 6, evaluation
            assert all(rater.submitted_at < evaluation.validated_at for rater in raters)
            assert any(rater.is_external or rater.entered_by_id for rater in raters)
            agreed = {s.criterion.letter: s.score for s in evaluation.consolidated_scores.all()}
            assert sorted(agreed) == list("ABCDEFGHI")
            for letter, score in agreed.items():
                given = [
                    a.score for r in raters for a in r.answers.all() if a.criterion.letter == letter
                ]
                assert score == criterion_stats(letter, given).default_agreed_score
            assert "Points forts" in evaluation.synthesis
            assert "À travailler en priorité" in evaluation.synthesis
            assert 2 <= len(evaluation.action_items.all()) <= 3
            moves = list(evaluation.transitions.values_list("to_state", "at"))
            assert [state for state, _ in moves] == ["ouverte", "consolidation", "validee"]
            assert [at for _, at in moves] == sorted(at for _, at in moves)
            assert moves[-1][1] == evaluation.validated_at
        assert Answer.objects.filter(score__isnull=True).exists()  # « ne se prononce pas »
        assert Answer.objects.exclude(observation="").count() > Answer.objects.count() / 3
        assert ConsolidatedScore.objects.filter(comment__startswith="Avis partagés").exists()

    def test_a_second_evaluation_shows_progress(self, demo):
        pairs = 0
        for slug in {e.pole.slug for e in Evaluation.objects.select_related("pole")}:
            scores = [
                [s.score for s in evaluation.consolidated_scores.all()]
                for evaluation in Evaluation.objects.filter(
                    pole__slug=slug, state=EvaluationState.VALIDATED
                )
                .order_by("validated_at")
                .prefetch_related("consolidated_scores")
            ]
            if len(scores) == 2:
                pairs += 1
                assert sum(scores[1]) > sum(scores[0]), slug
        assert pairs >= 4

    def test_the_cohort_benchmark_shows_national_and_filiere_medians(self, demo):
        evaluation = Evaluation.objects.filter(pole__slug=FOIX).select_related("referentiel")[0]
        groups = cohort_medians(evaluation.referentiel, sectors=[Sector.objects.get(slug="iae")])
        national, iae = groups
        assert (national.scope, iae.scope) == ("national", "filiere")
        assert national.pole_count >= 12
        assert iae.pole_count >= 5
        assert all(national.medians[letter] is not None for letter in "ABCDEFGHI")

    def test_a_member_has_a_sheet_to_fill_and_an_evaluation_awaits_consolidation(self, demo):
        evaluation = Evaluation.objects.get(pole__slug=FOIX, state=EvaluationState.OPEN)
        raters = list(evaluation.raters.all())
        sent = [rater for rater in raters if rater.submitted_at]
        assert 2 <= len(sent) < len(raters)
        member = evaluation.raters.get(user__email="julien.rouzaud@demo.ptce.fr")
        assert member.submitted_at is None
        assert not member.answers.exists()
        sheet_save(rater=member, answers={"A": {"score": 4}}, submit=True)
        assert Rater.objects.get(pk=member.pk).submitted_at is not None
        waiting = Evaluation.objects.get(
            pole__slug="energies-partagees-tregor", state=EvaluationState.CONSOLIDATION
        )
        assert waiting.raters.filter(submitted_at__isnull=False).count() >= 3
        assert not waiting.consolidated_scores.exists()

    # --- The life of the poles --------------------------------------------------------------

    def test_the_lapsed_pole_alone_triggers_the_animation_alert(self, demo):
        lapsed = pole_animation(Pole.objects.get(slug=LAPSED))
        assert lapsed.lapsed
        assert lapsed.low_participation
        windows, poles = animation_summary()
        rows = summary_rows(poles, windows)
        assert {pole.slug for pole, indicators in rows if indicators.has_alert} == {LAPSED}
        active = pole_animation(Pole.objects.get(slug=FOIX))
        assert active.events_3_months >= 2
        assert active.participation_share >= 0.5
        assert active.inactive_members  # financers who only come to assemblies
        assert Meeting.objects.filter(pole__slug=FOIX, minutes="").count() == 1  # the next one

    def test_the_stage_tracker_shows_poles_at_every_stage(self, demo):
        def states(slug):
            return [step.state for step in pole_stages(Pole.objects.get(slug=slug))]

        assert states("mobilites-rurales-bocage") == [IN_PROGRESS, TODO, TODO]
        assert states("tourisme-culture-haute-provence") == [DONE, IN_PROGRESS, TODO]
        assert states("agriculture-solidaire-sud-reunion") == [DONE, DONE, IN_PROGRESS]
        assert states("alimentation-pays-de-morlaix") == [DONE, DONE, DONE]
        for pole in Pole.objects.filter(stage=Stage.RECOGNISED):
            assert states(pole.slug) == [DONE, DONE, DONE], pole.slug

    def test_actions_weave_a_cross_family_network_with_outcomes(self, demo):
        actions = list(CooperationAction.objects.prefetch_related("participants"))
        assert all(len(action.participants.all()) >= 2 for action in actions)
        assert len({action.action_type for action in actions}) >= 7
        assert {action.ess_statute for action in actions} >= {"scic", "groupement_employeurs"}
        assert sum(action.jobs_created_etp for action in actions) > 50
        assert len(set(ActionFunding.objects.values_list("source", flat=True))) >= 6
        needs = TerritoryNeed.objects.values_list("is_covered_elsewhere", flat=True)
        assert set(needs) == {True, False}  # some « besoins non traités »
        network = pole_network(*network_data(Pole.objects.get(slug=FOIX)))
        measures = network["measures"]
        assert 0.2 <= measures.density <= 0.6
        assert measures.cross_share >= 0.5
        assert measures.isolated
        assert max(link["weight"] for link in network["links"]) >= 2

    def test_offers_and_requests_match_inside_a_pole_and_with_a_neighbour(self, demo):
        def matches(slug):
            return {
                (match.offer.pole.slug, match.request.pole.slug, match.proximity)
                for match in suggest_matches(Pole.objects.get(slug=slug))
            }

        assert (FOIX, FOIX, SAME_POLE) in matches(FOIX)
        assert (FOIX, LAPSED, SAME_REGION) in matches(FOIX)
        tregor, morlaix = "energies-partagees-tregor", "alimentation-pays-de-morlaix"
        assert (tregor, morlaix, SAME_REGION) in matches(morlaix)

    def test_an_emerging_pole_is_listed_with_requests_to_answer(self, demo):
        pole = Pole.objects.get(slug="mobilites-rurales-bocage")
        assert pole in emerging_poles()
        statuses = Counter(pole.join_requests.values_list("status", flat=True))
        assert statuses == {JoinRequestStatus.PENDING: 2, JoinRequestStatus.DECLINED: 1}

    def test_the_pays_de_foix_coordinator_has_an_organisation_change_to_decide(self, demo, client):
        client.force_login(
            User.objects.get(email="coordination.reemploi-pays-de-foix@demo.ptce.fr")
        )
        content = client.get(reverse("core:dashboard")).content.decode()
        assert (
            "Entraide Pyrénées Solidarité&nbsp;: modification proposée par Julien Rouzaud"
            in content
        )
        assert "propositions de modification d’organisations : 1 (0 créées" in run_demo_load()
