"""Step 1, « réunir les volontaires »: the public join form, emerging poles, and the
coordinator's answers to join requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from ptce.core import once
from ptce.core.throttle import throttled
from ptce.poles.models import Pole

from ..models import JoinRequest, JoinRequestStatus
from . import perms, selectors
from .forms import HONEYPOT, JoinAcceptForm, JoinDeclineForm, JoinRequestForm
from .services import (
    join_request_accept,
    join_request_candidates,
    join_request_create,
    join_request_decline,
    join_request_identified_organisation,
)

PAGE_SIZE = 20


def _published_pole(slug) -> Pole:
    """Only published poles take join requests: any other slug is a 404, for everyone."""
    return get_object_or_404(Pole.objects.published().select_related("region"), slug=slug)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_not_required
@throttled("join_request", "PTCE_RATE_JOIN_REQUEST")
def join(request, slug):
    pole = _published_pole(slug)
    form = once.arm(JoinRequestForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("cooperation:join_done", slug=pole.slug)
        if replayed := once.replay(request, form):
            return replayed
        try:
            join_request_create(pole=pole, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return once.done(form, redirect("cooperation:join_done", slug=pole.slug))
    return render(
        request,
        "cooperation/join/form.html",
        {"pole": pole, "form": form, "honeypot": HONEYPOT},
    )


@login_not_required
def join_done(request, slug):
    pole = _published_pole(slug)
    return render(request, "cooperation/join/done.html", {"pole": pole})


@login_not_required
def emerging(request):
    page = Paginator(selectors.emerging_poles(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cooperation/join/emerging.html", {"page": page})


def join_requests(request, slug):
    pole = perms.get_pole_for_user(request, slug)
    return render(
        request,
        "cooperation/join/requests.html",
        {
            "pole": pole,
            "tab": "join_requests",
            "pending": selectors.pending_join_requests(pole),
            "decided": selectors.decided_join_requests(pole),
        },
    )


def _pending_request(pole, pk) -> JoinRequest:
    return get_object_or_404(
        JoinRequest.objects.select_related("commune__departement"),
        pk=pk,
        pole=pole,
        status=JoinRequestStatus.PENDING,
    )


def _answered(request, pole, pk):
    """A request answered meanwhile (a second click, another coordinator): say how, on the
    list, instead of a 404."""
    answered = (
        JoinRequest.objects.filter(pk=pk, pole=pole).exclude(status=JoinRequestStatus.PENDING)
    ).first()
    if answered is None:
        return None
    messages.info(
        request,
        f"La demande de « {answered.organisation_name} » a déjà reçu une réponse "
        f"({answered.get_status_display().lower()}).",
    )
    return redirect("cooperation:join_requests", slug=pole.slug)


def join_request_detail(request, slug, pk):
    """Read the request, then accept it (choosing the role, and the organisation when one
    with the same name is already registered) or decline it with a reason."""
    pole = perms.get_pole_for_user(request, slug)
    if answered := _answered(request, pole, pk):
        return answered
    join_request = _pending_request(pole, pk)
    identified = join_request_identified_organisation(join_request)
    candidates = join_request_candidates(join_request)
    accept_form = JoinAcceptForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        identified=identified,
    )
    if request.method == "POST" and accept_form.is_valid():
        try:
            membership = join_request_accept(
                join_request=join_request,
                decided_by=request.user,
                role=accept_form.cleaned_data["role"],
                organisation=accept_form.cleaned_data.get("organisation"),
            )
        except ValidationError as error:
            accept_form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                f"« {membership.organisation} » est membre du pôle. "
                f"{join_request.contact_name} en est informé·e par courriel.",
            )
            return redirect("cooperation:join_requests", slug=pole.slug)
    return render(
        request,
        "cooperation/join/request_detail.html",
        {
            "pole": pole,
            "tab": "join_requests",
            "join_request": join_request,
            "identified": identified,
            "accept_form": accept_form,
            "decline_form": JoinDeclineForm(),
        },
    )


def join_request_decline_view(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug)
    if answered := _answered(request, pole, pk):
        return answered
    join_request = _pending_request(pole, pk)
    form = JoinDeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            join_request_decline(
                join_request=join_request,
                decided_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"La demande de « {join_request.organisation_name} » est refusée. "
                f"{join_request.contact_name} en est informé·e par courriel.",
            )
            return redirect("cooperation:join_requests", slug=pole.slug)
    return render(
        request,
        "cooperation/join/decline.html",
        {"pole": pole, "tab": "join_requests", "join_request": join_request, "form": form},
    )
