"""The acknowledgement of a deposit: an email to the pole's coordinators with the summary of the
application as a PDF (the applicant's copy of `lists/pdf.py`).

The message is rendered inside the deposit's transaction; once it commits, one job per recipient
(`tasks.application_acknowledge`) builds the PDF and sends it through `ptce.core.mail`. A
deposit refused or rolled back sends nothing; each deposit sends one message per coordinator.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from ptce.core import jobs

from .. import tasks
from ..notifications import applicant_side, application_link
from .compliance import compliance_report


def acknowledge_deposit(*, application, resubmission: bool) -> None:
    recipients = applicant_side(application)
    if not recipients:
        return
    phase = application.phase
    what = "Complément déposé" if resubmission else "Candidature déposée"
    subject = f"[PTCE] {what} : {application.pole.name} — {phase.call.title}"
    body = render_to_string(
        "calls/email/acknowledgement.txt",
        {
            "application": application,
            "phase": phase,
            "resubmission": resubmission,
            "deposited_at": timezone.localtime(),
            "compliance": compliance_report(application, live=False),
            "link": application_link(application),
        },
    )
    for address in recipients:
        jobs.enqueue_on_commit(
            tasks.application_acknowledge,
            application_pk=application.pk,
            subject=subject,
            body=body,
            to=address,
        )
