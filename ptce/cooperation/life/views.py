"""Shared resources (offers and requests), their suggested matches, and the cooperation network.
Meetings, attachments and animation: `views_meetings`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.versioning import EditConflict, conflict_response
from ptce.poles.models import Verification
from ptce.poles.perms import can_manage, get_pole_for_user

from ..models import SharedResource
from . import matching, network, perms, selectors
from .forms import ResourceFilterForm, SharedResourceForm
from .services import resource_create, resource_set_active, resource_update


def _render(request, template, pole, tab, **context):
    return render(
        request,
        template,
        {
            "pole": pole,
            "tab": tab,
            "can_manage_life": perms.can_manage_life(request.user, pole),
            **context,
        },
    )


def add_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields, or above the form for the others."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def resources(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    filters = ResourceFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    page = Paginator(
        selectors.pole_resources(
            pole,
            kind=chosen.get("kind", ""),
            category=chosen.get("category", ""),
            include_inactive=chosen.get("inactive", False),
        ),
        selectors.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    editable = {r.pk for r in page if perms.can_edit_resource(request.user, r)}
    return _render(
        request,
        "cooperation/life/resources.html",
        pole,
        "resources",
        page=page,
        filters=filters,
        editable=editable,
        can_propose=perms.can_propose_resource(request.user, pole),
        querystring=_querystring(request),
    )


def _resource_form(request, pole, resource=None):
    form = SharedResourceForm(
        request.POST if request.method == "POST" else None,
        instance=resource,
        memberships=perms.resource_memberships(
            request.user, pole, keep_id=resource.membership_id if resource else None
        ),
    )
    if resource is None:
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        data = dict(form.cleaned_data)
        membership = data.pop("membership")
        try:
            if resource is None:
                resource = resource_create(
                    pole=pole, membership=membership, created_by=request.user, **data
                )
            else:
                resource_update(resource=resource, membership=membership, **data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("cooperation:resources", args=[pole.slug]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"La ressource « {resource.title} » est enregistrée.")
            return once.done(form, redirect("cooperation:resources", slug=pole.slug))
    return _render(
        request,
        "cooperation/life/resource_form.html",
        pole,
        "resources",
        form=form,
        resource=resource,
    )


def resource_new(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    perms.require(
        perms.can_propose_resource(request.user, pole),
        "Seules les personnes agissant pour une organisation membre peuvent proposer une "
        "ressource.",
    )
    return _resource_form(request, pole)


def _own_resource(request, slug, pk):
    pole = get_pole_for_user(request, slug, need="internal")
    resource = get_object_or_404(
        SharedResource.objects.select_related("pole", "membership__organisation"),
        pk=pk,
        pole=pole,
    )
    perms.require(
        perms.can_edit_resource(request.user, resource),
        "Seuls son auteur, son organisation et les coordinateurs peuvent modifier cette ressource.",
    )
    return pole, resource


def resource_edit(request, slug, pk):
    pole, resource = _own_resource(request, slug, pk)
    return _resource_form(request, pole, resource)


@require_POST
def resource_deactivate(request, slug, pk):
    pole, resource = _own_resource(request, slug, pk)
    resource_set_active(resource=resource, is_active=False)
    messages.success(request, f"La ressource « {resource.title} » est désactivée.")
    return redirect("cooperation:resources", slug=pole.slug)


@require_POST
def resource_reactivate(request, slug, pk):
    pole, resource = _own_resource(request, slug, pk)
    resource_set_active(resource=resource, is_active=True)
    messages.success(request, f"La ressource « {resource.title} » est de nouveau active.")
    return redirect("cooperation:resources", slug=pole.slug)


def resource_matches(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    suggestions = matching.suggest_matches(pole)
    base_url = matching.action_create_base_url(pole) if can_manage(request.user, pole) else None
    return _render(
        request,
        "cooperation/life/matches.html",
        pole,
        "matches",
        rows=[(match, matching.action_url(base_url, match)) for match in suggestions],
        limit=matching.MATCH_LIMIT,
        awaits_verification=pole.verification != Verification.VERIFIED,
    )


def cooperation_network(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    memberships, participants = selectors.network_data(pole)
    all_links = request.GET.get("liens") == "tous"
    context = network.pole_network(memberships, participants, all_links=all_links)
    context["links"] = Paginator(context["links"], network.LINKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        request,
        "cooperation/life/network.html",
        pole,
        "network",
        page=context["links"],
        querystring=query.urlencode(),
        all_links=all_links,
        **context,
    )
