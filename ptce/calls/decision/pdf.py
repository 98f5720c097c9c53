"""The decision letter as a PDF: the call's model filled for the application
(`ptce/calls/letters.py`), laid out by the PDF machinery every PDF of the calls uses
(`ptce.assessments.results.pdf.pdf_document`: A4, Marianne, local files only). No cache: the
letter is built once, by a job, and the stored file is what is served afterwards."""

from ptce.assessments.results.pdf import pdf_document

from ..letters import letter_text, letter_values
from ..models import Application


def letter_context(application: Application) -> dict:
    phase = application.phase
    values = letter_values(application)
    return {
        "application": application,
        "pole": application.pole,
        "phase": phase,
        "call": phase.call,
        "decided_on": values["date"],
        "amount": values["montant"],
        "body": letter_text(application),
    }


def decision_letter_pdf(application: Application) -> bytes:
    context = letter_context(application)
    return pdf_document("calls/decision/letter_pdf.html", context).write_pdf()
