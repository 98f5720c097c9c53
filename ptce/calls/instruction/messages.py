"""The message thread between the applicant (the pole's coordinators) and the instruction.

Access: `get_application_for_user(need="view")` — the pole's coordinators and the instructors
of the région (and the national cell); 404 for everyone else. Each message tells the other
side by email after commit. The applicant also reads here the experts' opinions that are not
confidential.
"""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ptce.core import once

from .. import perms
from ..models import ApplicationState
from . import selectors, services
from .forms import MessageForm


def messages(request, pk):
    application = perms.get_application_for_user(request, pk, need="view")
    user = request.user
    is_instruction = perms.can_instruct(user, application) and not perms.is_applicant(
        user, application
    )
    can_post = application.state != ApplicationState.DRAFT
    form = once.arm(MessageForm(request.POST if request.method == "POST" and can_post else None))
    if form.is_bound and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            services.message_post(application=application, by=user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, "Votre message est envoyé.")
            return once.done(form, redirect("calls:messages", pk=application.pk))
    return render(
        request,
        "calls/instruction/messages.html",
        {
            "application": application,
            "thread": selectors.thread(application),
            "shared_opinions": selectors.shared_opinions(application),
            "form": form,
            "can_post": can_post,
            "is_instruction": is_instruction,
        },
    )
