"""One small world for the access matrix: a published, verified pole of the région with its
people and everything its pages show, the people around it, and the URL kwargs of each page."""

import datetime
import types

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ptce.assessments.models import Answer, EvaluationState, EvidenceFile, Rater
from ptce.awards.models import FinalEvaluation, ReportQuestion, ServiceItem
from ptce.awards.services_reports import report_open
from ptce.awards.services_schedule import committee_record
from ptce.calls.models import ApplicationFile, CallDocument, DecisionLetter, SavedFilter
from ptce.cooperation.searches.services import (
    saved_search_create,
    unsubscribe_all_token,
    unsubscribe_token,
)
from ptce.core.models import ExportRun, ExportState
from ptce.core.tokens import token_hash
from ptce.imports.models import ImportKind
from ptce.imports.services import import_upload
from ptce.organisations.models import OrganisationChangeProposal
from ptce.poles.archiving import pole_archive
from ptce.poles.models import PersonRole
from ptce.poles.services_members import invitation_create
from tests.assessments.factories import EvaluationFactory, load_default_referentiel
from tests.awards.factories import running_agreement, schedule
from tests.calls.factories import CriterionFactory, PhaseFactory, QuestionFactory, SectionFactory
from tests.calls.factories.instruction import (
    AnnotationFactory,
    MessageFactory,
    OpinionFactory,
    application_in,
)
from tests.cooperation.factories import (
    CooperationActionFactory,
    JoinRequestFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
    SharedResourceFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
    TopicNeedLinkFactory,
)
from tests.core.factories import UserFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory, PolePersonFactory
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

EXPERT_TOKEN = "jeton-expert-de-la-matrice-abcdefghijklmnop"
RATER_TOKEN = "jeton-evaluateur-de-la-matrice-abcdefghijk"
FINAL_TOKEN = "jeton-evaluation-finale-de-la-matrice-abcd"


def build_world() -> types.SimpleNamespace:
    """The same cast as `tests/conftest.py`, plus one object behind every page of the pole."""
    w = types.SimpleNamespace()
    w.region = RegionFactory(code="76", name="Occitanie")
    w.other_region = RegionFactory(code="53", name="Bretagne")
    w.departement = DepartementFactory(code="31", region=w.region)
    w.epci = EpciFactory()
    w.commune = CommuneFactory(departement=w.departement, epci=w.epci)
    w.pole = PoleFactory(name="Pôle des Coteaux", slug="pole-des-coteaux", region=w.region)
    w.pole.territory_departements.add(w.departement)
    w.other_pole = PoleFactory(name="Pôle de l’Armor", slug="pole-armor", region=w.other_region)

    # The cast.
    w.membership = MembershipFactory(pole=w.pole)
    w.organisation = w.membership.organisation
    w.member_person = PolePersonFactory(
        pole=w.pole,
        membership=w.membership,
        role=PersonRole.MEMBER,
        user__email="membre@exemple.fr",
    )
    w.users = {
        "anonymous": None,
        "outsider": UserFactory(email="curieux@exemple.fr"),
        "member": w.member_person.user,
        "coordinator": PolePersonFactory(
            pole=w.pole, role=PersonRole.COORDINATOR, user__email="coordination@exemple.fr"
        ).user,
        "other_coordinator": PolePersonFactory(
            pole=w.other_pole, role=PersonRole.COORDINATOR, user__email="autre-pole@exemple.fr"
        ).user,
        "instructor": UserFactory(
            email="instruction@exemple.fr", is_instructor=True, regions=[w.region]
        ),
        "other_instructor": UserFactory(
            email="instruction-bzh@exemple.fr", is_instructor=True, regions=[w.other_region]
        ),
        "national_instructor": UserFactory(
            email="cellule-nationale@exemple.fr", is_instructor=True, is_national_instructor=True
        ),
        "admin_user": UserFactory(email="admin@exemple.fr", is_staff=True, is_superuser=True),
    }
    coordinator = w.users["coordinator"]

    # A pole not published yet, with the same member and coordinator.
    w.hidden_pole = PoleFactory(
        name="Pôle en préparation", slug="pole-en-preparation", region=w.region, is_published=False
    )
    # An archived pole, with the same member and coordinator too.
    w.archived_pole = PoleFactory(name="Pôle archivé", slug="pole-archive", region=w.region)
    for pole in (w.hidden_pole, w.archived_pole):
        for role, person_role in [
            ("member", PersonRole.MEMBER),
            ("coordinator", PersonRole.COORDINATOR),
        ]:
            PolePersonFactory(pole=pole, user=w.users[role], role=person_role)
    pole_archive(
        pole=w.archived_pole, by=w.users["national_instructor"], reason="Activité arrêtée."
    )

    # The pole's life.
    w.place = PlaceFactory(pole=w.pole, commune=w.commune)
    w.invitation, w.invitation_token = invitation_create(
        pole=w.pole, email="invitee@exemple.fr", role=PersonRole.MEMBER, invited_by=coordinator
    )
    w.join_request = JoinRequestFactory(pole=w.pole)
    w.need = TerritoryNeedFactory(pole=w.pole)
    w.topic = TopicFactory(pole=w.pole)
    TopicNeedLinkFactory(topic=w.topic, need=w.need)
    w.objective = StrategicObjectiveFactory(pole=w.pole)
    w.action = CooperationActionFactory(pole=w.pole, objective=w.objective)
    w.resource = SharedResourceFactory(pole=w.pole, membership=w.membership)
    w.meeting = MeetingFactory(pole=w.pole)
    w.attachment = MeetingAttachmentFactory(meeting=w.meeting)

    # An open evaluation, a member's sheet with evidence, an external rater's link.
    w.referentiel = load_default_referentiel()
    w.evaluation = EvaluationFactory(
        pole=w.pole, referentiel=w.referentiel, state=EvaluationState.OPEN, created_by=coordinator
    )
    w.rater = Rater.objects.create(
        evaluation=w.evaluation, user=w.users["member"], name="Membre", email="membre@exemple.fr"
    )
    w.external_rater = Rater.objects.create(
        evaluation=w.evaluation,
        name="Alex Dupont",
        email="alex@exemple.fr",
        is_external=True,
        token=token_hash(RATER_TOKEN),
    )
    answer = Answer.objects.create(
        rater=w.external_rater, criterion=w.referentiel.criteria.order_by("letter").first()
    )
    w.evidence = EvidenceFile(
        answer=answer, original_name="preuve.pdf", content_type="application/pdf", size=8
    )
    w.evidence.file.save("preuve.pdf", ContentFile(b"%PDF-1.4"), save=True)

    # A call, an application in instruction with a file, an annotation, a message, an opinion.
    w.phase = PhaseFactory(call__slug="ami-ptce-matrice")
    w.call = w.phase.call
    w.application = application_in(w.pole, author=coordinator, phase=w.phase)
    w.application.assigned_to.add(w.users["instructor"])
    w.application_file = ApplicationFile(
        application=w.application, question_key="budget", original_name="budget.pdf", size=8
    )
    w.application_file.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=True)
    AnnotationFactory(application=w.application, author=w.users["instructor"])
    MessageFactory(application=w.application, author=w.users["instructor"])
    w.opinion = OpinionFactory(
        application=w.application, token=EXPERT_TOKEN, requested_by=w.users["instructor"]
    )

    # A laureate application of another call with its agreement, running: an instalment, a
    # committee, the signed convention.
    w.agreement = running_agreement(w.pole)
    w.laureate_application = w.agreement.application
    w.instalment = schedule(w.agreement, (1000, datetime.date(2025, 3, 1)))[0]
    committee_record(agreement=w.agreement, date=datetime.date(2025, 6, 1))
    w.agreement_file = w.agreement.files.get()
    w.report, _ = report_open(agreement=w.agreement, kind="intermediaire")
    FinalEvaluation.objects.create(
        agreement=w.agreement,
        evaluator_name="Dominique Tiers",
        evaluator_email="tiers@exemple.fr",
        token_hash=token_hash(FINAL_TOKEN),
    )

    # A change of the member organisation's record proposed by someone who may not make it.
    w.proposal = OrganisationChangeProposal.objects.create(
        organisation=w.organisation,
        values={"website": "https://www.exemple.fr"},
        proposed_by=w.users["outsider"],
    )
    # The coordinator's import of the pole's members, pending, with a row in error.
    members_file = SimpleUploadedFile(
        "membres.csv", "Nom;Catégorie juridique\r\nMairie;Collectivité\r\n;Association\r\n".encode()
    )
    w.import_run = import_upload(
        kind=ImportKind.ORGANISATIONS,
        uploaded_file=members_file,
        created_by=coordinator,
        pole=w.pole,
    )
    # The national cell's large export of the applications, built and kept for a day.
    w.export_run = ExportRun(
        requested_by=w.users["national_instructor"],
        kind="calls.applications",
        format="csv",
        params_key="0" * 64,
        state=ExportState.DONE,
        rows_done=1,
        rows_total=1,
        original_name="candidatures.csv",
        size=9,
        expires_at=timezone.now() + datetime.timedelta(hours=24),
    )
    w.export_run.file.save("candidatures.csv", ContentFile(b"N\xc2\xb0\r\n1\r\n"), save=True)
    # The région's instructor's saved filter of the list of applications.
    w.saved_filter = SavedFilter.objects.create(
        user=w.users["instructor"], name="Tous mes dossiers", querystring="onglet=tous"
    )
    # The outsider's saved search of the directory, with its weekly alert.
    w.saved_search = saved_search_create(
        owner=w.users["outsider"], querystring="filiere=energie", alert=True
    )
    # The decision letter of the laureate application, kept in its file.
    w.decision_letter = DecisionLetter(
        application=w.laureate_application,
        decision=w.laureate_application.state,
        original_name="lettre-de-decision.pdf",
        size=8,
    )
    w.decision_letter.file.save("lettre.pdf", ContentFile(b"%PDF-1.4"), save=True)
    # The call editor's pages: a section, a question and a criterion of the world's phase.
    w.section = SectionFactory(phase=w.phase, title="Le projet")
    w.question = QuestionFactory(section=w.section, key="projet", label="Votre projet")
    w.criterion = CriterionFactory(phase=w.phase, label="Ancrage territorial")
    # A public document of the world's call (a link: no file to write).
    w.document = CallDocument.objects.create(
        call=w.call, title="Cahier des charges", url="https://exemple.fr/cahier-des-charges"
    )
    # A service of the world's call's bouquet.
    w.service_item = ServiceItem.objects.create(call=w.call, label="Journée d’accompagnement")
    w.report_question = ReportQuestion.objects.create(
        call=w.call, report_kind="final", key="bilan", label="Bilan", kind="texte_long"
    )
    return w


# The value of each URL parameter: by parameter name, unless the URL name says otherwise; each
# function takes the world, the URL name and the row's variant (see `tests/access/table.py`).
def _pk(w, name, variant=None):
    for prefix, obj in [
        ("assessments:evidence_download", "evidence"),
        ("assessments:external_evidence_download", "evidence"),
        ("assessments:", "evaluation"),
        ("cooperation:join_request", "join_request"),
        ("cooperation:need_", "need"),
        ("cooperation:topic_", "topic"),
        ("cooperation:objective_", "objective"),
        ("cooperation:action_", "action"),
        ("cooperation:resource_", "resource"),
        ("cooperation:saved_search_", "saved_search"),
        ("cooperation:", "meeting"),  # meetings and their attachments
        ("calls:decision_letter", "laureate_application"),
        ("calls:", "application"),
        ("awards:agreement_create", "laureate_application"),
        ("awards:report_schedule", "agreement"),
        ("awards:report", "report"),
        ("awards:", "agreement"),
        ("poles:place_", "place"),
        ("poles:membership_", "membership"),
        ("poles:person_", "member_person"),
        ("poles:invitation_cancel", "invitation"),
        ("organisations:", "organisation"),
        ("imports:", "import_run"),
        ("core:export_", "export_run"),
    ]:
        if name.startswith(prefix):
            return getattr(w, obj).pk
    raise LookupError(f"{name} : quel objet pour pk ?")


def _slug(w, name, variant=None):
    if variant == "pôle non publié":
        return w.hidden_pole.slug
    if variant == "pôle archivé":
        return w.archived_pole.slug
    if name == "public:guide_page":
        return "definition"
    if name.startswith("calls:call_"):
        return w.call.slug
    return w.pole.slug


def _token(w, name, variant=None):
    if variant == "jeton inconnu":
        return "jeton-que-personne-n-a-recu-abcdefghijklmnop"
    return {
        "assessments:external_sheet": RATER_TOKEN,
        "assessments:external_evidence_download": RATER_TOKEN,
        "calls:opinion": EXPERT_TOKEN,
        "calls:opinion_file": EXPERT_TOKEN,
        "awards:final_evaluation": FINAL_TOKEN,
        "poles:invitation": w.invitation_token,
        "cooperation:saved_search_unsubscribe": unsubscribe_token(w.saved_search),
        "cooperation:saved_search_alerts_unsubscribe": unsubscribe_all_token(w.users["outsider"]),
        "core:password_reset_confirm": "jeton-inconnu",
    }[name]


def _code(w, name, variant=None):
    return {
        "api:region": w.region.code,
        "api:departement": w.departement.code,
        "api:epci": w.epci.code,
        "api:commune": w.commune.code,
    }.get(name, w.referentiel.code)


PARAMETERS = {
    "pk": _pk,
    "slug": _slug,
    "token": _token,
    "code": _code,
    "rater_pk": lambda w, name, variant=None: w.rater.pk,
    "attachment_pk": lambda w, name, variant=None: w.attachment.pk,
    "file_pk": lambda w, name, variant=None: (
        w.agreement_file.pk if name.startswith("awards:") else w.application_file.pk
    ),
    "instalment_pk": lambda w, name, variant=None: w.instalment.pk,
    "phase_pk": lambda w, name, variant=None: w.phase.pk,
    "user_pk": lambda w, name, variant=None: w.users["instructor"].pk,
    "opinion_pk": lambda w, name, variant=None: w.opinion.pk,
    "proposal_pk": lambda w, name, variant=None: w.proposal.pk,
    "name": lambda w, name, variant=None: {
        "public:data_schema": "poles",
        "awards:agreement_transition": "suspend",
        "awards:instalment_transition": "request",
        "awards:report_transition": "accept",
    }.get(name, "decide_laureate"),
    "chart": lambda w, name, variant=None: "regions",
    "kind": lambda w, name, variant=None: "poles",
    "uidb64": lambda w, name, variant=None: "MQ",
    "filter_pk": lambda w, name, variant=None: w.saved_filter.pk,
    "action": lambda w, name, variant=None: "decider",
    "call_pk": lambda w, name, variant=None: w.call.pk,
    "number": lambda w, name, variant=None: w.phase.number,
    "section_pk": lambda w, name, variant=None: w.section.pk,
    "question_pk": lambda w, name, variant=None: w.question.pk,
    "criterion_pk": lambda w, name, variant=None: w.criterion.pk,
    "document_pk": lambda w, name, variant=None: w.document.pk,
    "item_pk": lambda w, name, variant=None: w.service_item.pk,
    "report_question_pk": lambda w, name, variant=None: w.report_question.pk,
}

# Patterns that cannot be reversed (a regular expression catching the rest).
PATHS = {"api:not_found": "/api/v1/inconnu"}
