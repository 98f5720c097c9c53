"""The final evaluation: the instruction asks a third party (a creation form), who writes it
through the personal link of their email, without an account; the agreement's closing report
sets it next to the totals, the services, the reports and the ECARTS profiles before and after
the support."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from ptce.core import once
from ptce.core.forms import DsfrForm
from ptce.core.tokens import link_expired, link_expired_response, token_hash

from . import perms, selectors, services_bouquet, services_final
from .models import FinalEvaluation, ReportState
from .views import add_errors


class RequestForm(DsfrForm):
    evaluator_name = forms.CharField(label="Nom de l’évaluateur", max_length=200)
    evaluator_email = forms.EmailField(label="Adresse électronique de l’évaluateur")


class AnswerForm(DsfrForm):
    body = forms.CharField(
        label="Votre évaluation", widget=forms.Textarea(attrs={"rows": 12}), max_length=50000
    )


def final_evaluation_request(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = once.arm(RequestForm(request.POST if request.method == "POST" else None))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if replayed := once.replay(request, form):
                return replayed
            try:
                services_final.evaluation_request(
                    agreement=agreement, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "La demande d’évaluation finale est envoyée.")
                return once.done(form, redirect("awards:closing_report", pk=agreement.pk))
        status = 400
    return render(
        request,
        "awards/final_request.html",
        {"agreement": agreement, "form": form},
        status=status,
    )


def closing_report(request, pk):
    agreement = perms.get_agreement_for_user(request, pk, need="read")
    agreement = selectors.agreement_detail(agreement.pk)
    before, after = services_final.before_and_after(agreement)
    evaluation = FinalEvaluation.objects.filter(agreement=agreement).first()
    return render(
        request,
        "awards/closing.html",
        {
            "agreement": agreement,
            "view": selectors.view_of(agreement),
            "can_follow": perms.can_follow(request.user, agreement),
            "received": services_bouquet.received(agreement),
            "reports": [r for r in agreement.reports.all() if r.state == ReportState.ACCEPTED],
            "evaluation": evaluation,
            "before": before,
            "after": after,
            "radar": services_final.radar(agreement, before, after),
        },
    )


def _private(response):
    # The token is in the address: keep it out of other sites' logs and of search engines.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_not_required
@never_cache
def final_evaluation(request, token):
    evaluation = (
        FinalEvaluation.objects.select_related("agreement__application__pole")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if evaluation is None:
        raise Http404("Ce lien n’est pas ou plus valable.")
    if link_expired(evaluation.answered_at):
        return link_expired_response(request)
    agreement = evaluation.agreement
    can_answer = evaluation.answered_at is None
    form = AnswerForm(request.POST if request.method == "POST" and can_answer else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                services_final.evaluation_answer(evaluation=evaluation, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Merci : votre évaluation est transmise à l’instruction.")
                return redirect(request.path)
        status = 400
    before, after = services_final.before_and_after(agreement)
    response = render(
        request,
        "awards/final_evaluation.html",
        {
            "evaluation": evaluation,
            "agreement": agreement,
            "pole": agreement.application.pole,
            "form": form,
            "can_answer": can_answer,
            "radar": services_final.radar(agreement, before, after),
        },
        status=status,
    )
    return _private(response)
