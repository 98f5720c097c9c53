"""The expert's page: reached without an account through the personal link of an opinion
request (`avis/<token>/`). It shows that application's answers and the question, and takes the
answer once. An unknown or revoked link gets 404; nothing else of the platform is reachable
through it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import selectors_instruction, services_instruction
from .forms_instruction import OpinionAnswerForm
from .selectors_applicant import answers_view
from .workflow import INSTRUCTION_STATES


def answers_context(application) -> dict:
    """`answers_view` for `calls/partials/answers.html` (shared with the applicant's pages)."""
    return {"answers_view": answers_view(application)}


@login_not_required
@never_cache
def opinion(request, token):
    opinion = selectors_instruction.opinion_for_token(token)
    if opinion is None:
        raise Http404("Ce lien n’est pas ou plus valable.")
    application = opinion.application
    can_answer = opinion.answered_at is None and application.state in INSTRUCTION_STATES
    form = OpinionAnswerForm(request.POST if request.method == "POST" and can_answer else None)
    if form.is_bound and form.is_valid():
        try:
            services_instruction.opinion_answer(opinion=opinion, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Merci : votre avis est transmis à l’instruction.")
            return redirect(request.path)
    response = render(
        request,
        "calls/expert_opinion.html",
        {
            "opinion": opinion,
            "application": application,
            "form": form,
            "can_answer": can_answer,
            **answers_context(application),
        },
    )
    # The token is in the address: keep it out of other sites' logs.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
