"""A pole's pages that gather several apps: the public page, the members' space and the
coordinator's overview."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from ptce.assessments.results.selectors import public_radar
from ptce.calls.public.selectors import laureate_badges
from ptce.cooperation.life.selectors import pole_animation
from ptce.cooperation.plan.selectors import public_summary
from ptce.cooperation.plan.stages import pole_stages
from ptce.poles import perms
from ptce.poles.selectors import pole_pending_invitations, pole_people

from .selectors import pole_page


@login_not_required
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
    context.update(people=pole_people(pole), can_manage=perms.can_manage(request.user, pole))
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
            "pending_invitations": pole_pending_invitations(pole).count(),
            "animation": pole_animation(pole),
            "stages": pole_stages(
                pole, memberships=page["memberships"], compliance=page["compliance"]
            ),
        },
    )
