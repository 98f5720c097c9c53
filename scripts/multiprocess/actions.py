"""The multi-process test's writes, each in a process of its own, through the real services
(`python scripts/multiprocess/actions.py <action> …`, with the scenario's environment). Prints
one JSON object. Driven by scripts/multiprocess/run.py."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from ptce.calls.applicant.services import application_withdraw  # noqa: E402
from ptce.calls.models import Application  # noqa: E402
from ptce.cooperation.models import Meeting  # noqa: E402
from ptce.core import jobs, tasks  # noqa: E402
from ptce.demo.accounts import DEMO_PASSWORD  # noqa: E402
from ptce.poles.models import PersonRole, Pole, PolePerson  # noqa: E402
from ptce.poles.services import pole_update  # noqa: E402


def cast() -> dict:
    """What the scenario works on: a published pole to unpublish, a meeting of another published
    pole and its coordinator's account, a submitted application its author can withdraw."""
    meeting = (
        Meeting.objects.filter(pole__is_published=True).select_related("pole").order_by("pk")
    ).first()
    coordinator = PolePerson.objects.filter(
        pole=meeting.pole, role=PersonRole.COORDINATOR, user__is_active=True
    ).select_related("user")[0]
    pole = Pole.objects.filter(is_published=True).exclude(pk=meeting.pole_id).order_by("pk")[0]
    application = Application.objects.filter(state="deposee").order_by("pk")[0]
    return {
        "pole": pole.slug,
        "meeting_url": reverse(
            "cooperation:meeting_detail", kwargs={"slug": meeting.pole.slug, "pk": meeting.pk}
        ),
        "coordinator": coordinator.user.email,
        "password": DEMO_PASSWORD,
        "application": application.pk,
    }


def unpublish(slug: str) -> dict:
    pole = Pole.objects.get(slug=slug)
    pole_update(pole=pole, is_published=False)
    return {"unpublished": slug}


def withdraw(pk: str) -> dict:
    """A state change: emails to both sides and a webhook delivery, all as jobs."""
    application = Application.objects.get(pk=int(pk))
    application_withdraw(
        application=application, by=application.created_by, motivation="Test multi-processus"
    )
    return {"withdrawn": application.pk}


def mail(subject: str, to: str) -> dict:
    with transaction.atomic():
        jobs.enqueue_on_commit(
            tasks.mail_send, subject=subject, body="…", from_email="ptce@exemple.fr", to=to
        )
    return {"mail": subject}


ACTIONS = {"cast": cast, "unpublish": unpublish, "withdraw": withdraw, "mail": mail}

if __name__ == "__main__":
    print(json.dumps(ACTIONS[sys.argv[1]](*sys.argv[2:])))
