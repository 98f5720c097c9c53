"""The PDF of one application (WeasyPrint, A4, Marianne, local files only).

It reuses the PDF machinery and stylesheet of the ECARTS reports (`ptce.assessments.results.pdf`):
no network, only the DSFR fonts and that stylesheet. The applicant's copy has the answers,
the attachments and the history; the instruction's copy adds the annotations, the opinions
(confidential ones included) and the scores.
"""

from django.utils import timezone

from ptce.assessments.results.pdf import pdf_document

from ..applicant.selectors import answers_view
from ..models import Application


def application_context(application: Application, *, for_instruction: bool) -> dict:
    context = {
        "application": application,
        "pole": application.pole,
        "phase": application.phase,
        "call": application.phase.call,
        "answers_view": answers_view(application),
        "files": list(application.files.order_by("question_key", "pk")),
        "transitions": list(application.transitions.select_related("by").order_by("at", "pk")),
        "for_instruction": for_instruction,
        "generated_at": timezone.localtime(),
    }
    if for_instruction:
        scores = {score.criterion_id: score for score in application.scores.all()}
        criteria = list(application.phase.criteria.order_by("position", "pk"))
        context |= {
            "annotations": list(
                application.annotations.select_related("author").order_by("created_at", "pk")
            ),
            "opinions": list(application.opinions.order_by("requested_at", "pk")),
            "score_rows": [(criterion, scores.get(criterion.pk)) for criterion in criteria],
            "score_total": sum(scores[c.pk].value * c.weight for c in criteria if c.pk in scores),
            "score_max": sum(c.max_score * c.weight for c in criteria),
        }
    return context


def application_pdf(application: Application, *, for_instruction: bool) -> bytes:
    context = application_context(application, for_instruction=for_instruction)
    return pdf_document("calls/lists/application_pdf.html", context).write_pdf()
