"""A pole's pages that gather several apps: the public page, the members' space and the
coordinator's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ptce.assessments.results.selectors import public_radar
from ptce.calls.public.selectors import laureate_badges
from ptce.cooperation.life.selectors import pole_animation
from ptce.cooperation.plan.selectors import public_summary
from ptce.cooperation.plan.stages import pole_stages
from ptce.core.pages_cache import anonymous_page, pole_scopes
from ptce.poles import perms
from ptce.poles.archiving import can_archive
from ptce.poles.models import Verification
from ptce.poles.selectors import pole_pending_invitations, pole_people
from ptce.poles.verification import can_verify, pole_unverify, pole_verify

from .forms import UnverifyForm, VerifyForm
from .selectors import pole_page


@login_not_required
@anonymous_page(pole_scopes)
def detail(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="view")
    context = pole_page(pole)
    context.update(
        can_manage=perms.can_manage(request.user, pole),
        can_view_internal=perms.can_view_internal(request.user, pole),
        public_radar=public_radar(pole),
        cooperation=public_summary(pole),
        laureate_badges=laureate_badges(pole),
    )
    return render(request, "www/poles/detail.html", context)


def internal(request, slug):
    """The members' space: who is who, how to reach them, where the pole stands."""
    pole = perms.get_pole_for_user(request, slug, need="internal")
    context = pole_page(pole)
    context.update(
        people=pole_people(pole),
        can_manage=perms.can_manage(request.user, pole),
        can_archive=can_archive(request.user),
    )
    return render(request, "www/poles/internal.html", context)


def manage(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    page = pole_page(pole)
    return render(
        request,
        "www/poles/manage_overview.html",
        {
            "pole": pole,
            "tab": "overview",
            "compliance": page["compliance"],
            "member_count": len(page["memberships"]),
            "places": page["places"],
            "territory_to_specify": page["territory_to_specify"],
            "pending_invitations": pole_pending_invitations(pole).count(),
            "animation": pole_animation(pole),
            "stages": pole_stages(
                pole, memberships=page["memberships"], compliance=page["compliance"]
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def verification(request, slug):
    """An instructor of the pole's région checks a declared pole and verifies it, or withdraws
    the verification of a verified one, with a reason."""
    pole = perms.get_pole_for_user(request, slug, need="internal")
    if not can_verify(request.user, pole):
        raise PermissionDenied("Seuls les instructeurs de la région du pôle peuvent le vérifier.")
    declared = pole.verification == Verification.DECLARED
    form_class = VerifyForm if declared else UnverifyForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if declared:
                pole_verify(pole=pole, by=request.user)
            else:
                pole_unverify(pole=pole, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"« {pole.name} » est vérifié : son équipe peut le publier."
                if declared
                else f"La vérification de « {pole.name} » est retirée ; il n’est plus public.",
            )
            return redirect("poles:verification", slug=pole.slug)
    context = pole_page(pole)
    context.update(
        form=form,
        declared=declared,
        log=pole.verification_log.select_related("by").order_by("-at", "-pk")[:20],
    )
    return render(request, "www/poles/verification.html", context)
