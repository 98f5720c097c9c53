"""The decision letter: built once the national cell has decided, kept in the file, announced to
the applicant.

`moves.move` enqueues `tasks.decision_letter_issue` when an application reaches a decision; the
job calls `decision_letter_issue`, which, under the application's row lock, builds the PDF from
the call's model, stores it privately (`DecisionLetter`, `ptce/core/files.py`) and emails the
decision to the pole's coordinators with a link to the letter (`notifications.decision_notify`).
A letter that exists already is returned as it is and nobody is emailed again: a retried or
relaunched job, or a second enqueue, builds and sends nothing more. The `OneToOneField` holds it
in the database.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from .. import notifications
from ..models import DECISION_STATES, Application, DecisionLetter

logger = logging.getLogger("ptce.calls")


@transaction.atomic
def decision_letter_issue(*, application_pk: int) -> DecisionLetter | None:
    state = (
        Application.objects.select_for_update()
        .values_list("state", flat=True)
        .filter(pk=application_pk)
        .first()
    )
    if state not in DECISION_STATES:
        return None  # deleted, or not decided: nothing to write
    existing = DecisionLetter.objects.filter(application_id=application_pk).first()
    if existing is not None:
        return existing
    from .pdf import decision_letter_pdf  # WeasyPrint is loaded only to build a PDF

    application = Application.objects.select_related("phase__call", "pole__region", "region").get(
        pk=application_pk
    )
    letter = DecisionLetter(application=application, decision=application.state)
    name = f"lettre-de-decision-{application.pole.slug}-{application.pk}.pdf"
    letter.keep(ContentFile(decision_letter_pdf(application), name=name))
    try:
        letter.save()
        notifications.decision_notify(application=application)
    except Exception:
        letter.file.storage.delete(letter.file.name)  # no file without its row
        raise
    logger.info("Lettre de décision de la candidature %s établie.", application.pk)
    return letter
