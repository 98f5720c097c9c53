"""The expert's page: reached without an account through the personal link of an opinion
request (`avis/<token>/`). It shows that application's answers and the question, and takes the
answer once; the application's attached files are served under the same link
(`avis/<token>/fichiers/<file_pk>/`). An unknown or revoked link, or a file of another
application, gets 404; nothing else of the platform is reachable through it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ptce.core.files import private_file_response
from ptce.core.tokens import link_expired, link_expired_response

from ..applicant.selectors import answers_view
from ..models import ApplicationFile
from ..workflow import INSTRUCTION_STATES
from . import selectors, services
from .forms import OpinionAnswerForm


def answers_context(application, *, file_url=None) -> dict:
    """`answers_view` for `calls/applicant/answers.html` (shared with the applicant's pages);
    `file_url(application, stored_file)` gives the file links (default: the logged-in one)."""
    return {"answers_view": answers_view(application, file_url=file_url)}


def _private(response):
    """The token is in the address: keep it out of other sites' logs and of search engines.
    « same-origin », not « no-referrer »: under « no-referrer » browsers send `Origin: null`
    with the answer's POST, and Django's CSRF check refuses it."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _opinion_or_404(token):
    opinion = selectors.opinion_for_token(token)
    if opinion is None:
        raise Http404("Ce lien n’est pas ou plus valable.")
    return opinion


@login_not_required
@never_cache
def opinion(request, token):
    opinion = _opinion_or_404(token)
    application = opinion.application
    if link_expired(application.decided_at):
        return link_expired_response(request)
    can_answer = opinion.answered_at is None and application.state in INSTRUCTION_STATES
    form = OpinionAnswerForm(request.POST if request.method == "POST" and can_answer else None)
    if form.is_bound and form.is_valid():
        try:
            services.opinion_answer(opinion=opinion, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Merci : votre avis est transmis à l’instruction.")
            return redirect(request.path)

    def file_url(_application, stored):
        return reverse("calls:opinion_file", args=[token, stored.pk])

    response = render(
        request,
        "calls/instruction/expert_opinion.html",
        {
            "opinion": opinion,
            "application": application,
            "form": form,
            "can_answer": can_answer,
            **answers_context(application, file_url=file_url),
        },
    )
    return _private(response)


@login_not_required
@never_cache
@require_GET
def opinion_file(request, token, file_pk):
    """A file of the application the expert was asked about, while their link is valid."""
    opinion = _opinion_or_404(token)
    if link_expired(opinion.application.decided_at):
        return link_expired_response(request)
    stored = get_object_or_404(ApplicationFile, pk=file_pk, application_id=opinion.application_id)
    response = private_file_response(stored)
    return _private(response)
