"""Helpers for the applicant's tests: a phase with a typed form, a compliant pole, files."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from ptce.calls.models import QuestionKind as K
from ptce.organisations.models import LegalCategory
from tests.calls.factories import PhaseFactory, QuestionFactory, SectionFactory
from tests.cooperation.factories import CooperationActionFactory, StrategicObjectiveFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name="budget.pdf", size=None) -> SimpleUploadedFile:
    content = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def renamed_executable(name="budget.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def docx_file(name="statuts.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def phase_with_form(**phase_fields):
    """A phase with two sections covering every kind of question.

    Section « Le projet »: projet (short text, required, prefilled from « nom »), resume (long
    text, prefilled), salaries (number), budget (amount, required), debut (date), forme
    (choice), publics (multiple choice), ess (yes/no), statuts (file), siege (commune).
    Section « Partenaires »: partenaires (repeated block, required) with nom (required) and
    montant (amount)."""
    phase = PhaseFactory(**phase_fields)
    project = SectionFactory(phase=phase, title="Le projet", position=1)
    partners = SectionFactory(phase=phase, title="Partenaires", position=2)
    q = {}

    def add(section, key, kind, position, **fields):
        fields.setdefault("label", key.title())
        q[key] = QuestionFactory(section=section, key=key, kind=kind, position=position, **fields)
        return q[key]

    add(project, "projet", K.SHORT_TEXT, 1, required=True, prefill="nom", label="Nom du projet")
    add(project, "resume", K.LONG_TEXT, 2, prefill="membres")
    add(project, "salaries", K.NUMBER, 3, label="Nombre de salariés")
    add(project, "budget", K.AMOUNT, 4, required=True, label="Budget total")
    add(project, "debut", K.DATE, 5)
    add(project, "forme", K.CHOICE, 6, choices=["Grappe", "Filière", "Lieu urbain"])
    add(project, "publics", K.MULTIPLE_CHOICE, 7, choices=["Jeunes", "Seniors", "Tous"])
    add(project, "ess", K.YES_NO, 8, prefill="conforme_article_9")
    add(project, "statuts", K.FILE, 9)
    add(project, "siege", K.COMMUNE, 10)
    block = add(partners, "partenaires", K.REPEATED, 1, required=True, max_repeats=3)
    q["partenaires.nom"] = QuestionFactory(
        section=partners,
        parent=block,
        key="nom",
        kind=K.SHORT_TEXT,
        required=True,
        position=1,
        label="Nom du partenaire",
    )
    q["partenaires.montant"] = QuestionFactory(
        section=partners,
        parent=block,
        key="montant",
        kind=K.AMOUNT,
        position=2,
        label="Apport",
    )
    return phase, {"project": project, "partners": partners}, q


COMPLETE_PROJECT = {
    "projet": "Coopérer en Coteaux",
    "budget": "12 500,50",
    "salaries": "3",
    "debut": "2025-03-01",
    "forme": "Grappe",
    "publics": ["Jeunes", "Tous"],
    "ess": "oui",
}
COMPLETE_PARTNERS = {"partenaires__0__nom": "Mairie de Muret", "partenaires__0__montant": "1000"}


def make_compliant(pole):
    """Members of the three art. 9 families on the pole's territory, and an action plan."""
    for category in (
        LegalCategory.ASSOCIATION,
        LegalCategory.SOCIETE_COMMERCIALE,
        LegalCategory.COLLECTIVITE,
    ):
        MembershipFactory(pole=pole, organisation=OrganisationFactory(legal_category=category))
    objective = StrategicObjectiveFactory(pole=pole)
    CooperationActionFactory(pole=pole, objective=objective, in_action_plan=True)
    return pole
