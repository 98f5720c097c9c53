"""The public pages of the calls: the list of published calls, the page of one call and the
laureates of one of its phases.

Figures are counts only; the only poles named are laureates (published poles). An unpublished
call is a 404 for everyone but the admins.
"""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ptce.core.pages_cache import anonymous_page, everything_scopes
from ptce.poles.models import PersonRole, Pole, Stage

from ..lists.figures import selection_by_phase
from ..models import Call, Phase, RequirementMode
from ..perms import is_admin
from . import laureates


def phase_status(phase: Phase, today: datetime.date) -> tuple[str, str]:
    """(label, DSFR badge modifier) of the phase's window today."""
    if phase.opens_on and today < phase.opens_on:
        return f"Ouvre le {phase.opens_on:%d/%m/%Y}", "fr-badge--info"
    if phase.closes_on and today > phase.closes_on:
        return "Clos", "fr-badge--error"
    return "Ouvert", "fr-badge--success"


def eligibility_rules(phase: Phase) -> list[str]:
    """The phase's eligibility rules, in plain French."""
    rules = []
    if phase.requires_compliance:
        rules.append(
            "Le pôle remplit les conditions de l’article 9 de la loi du 31 juillet 2014 "
            "relative à l’économie sociale et solidaire (liste de conformité complète)."
        )
    if phase.minimum_stage:
        rules.append(f"Le pôle a atteint au moins l’étape « {Stage(phase.minimum_stage).label} ».")
    regions = [region.name for region in phase.regions.all()]
    if regions:
        rules.append(f"Réservé aux pôles des régions suivantes : {', '.join(sorted(regions))}.")
    else:
        rules.append("Ouvert aux pôles de toutes les régions.")
    required = phase.requires_phase
    if required is not None:
        if phase.requirement_mode == RequirementMode.LAUREATE_OR_JOINT:
            rules.append(
                f"Être lauréat de la phase {required.number} « {required.name} », ou déposer "
                "en même temps une candidature à cette phase."
            )
        else:
            rules.append(f"Être lauréat de la phase {required.number} « {required.name} ».")
    return rules


def _phases():
    return Prefetch(
        "phases",
        queryset=Phase.objects.select_related("requires_phase")
        .prefetch_related("regions")
        .order_by("number"),
    )


def _decorate(calls, *, with_rules: bool = False):
    today = timezone.localdate()
    figures = {(row["call_slug"], row["phase"]): row for row in selection_by_phase()}
    for call in calls:
        for phase in call.phases.all():
            phase.status_label, phase.status_badge = phase_status(phase, today)
            # « Mode permanent » only while submissions roll: never beside « Clos ».
            phase.is_rolling = phase.is_permanent and phase.status_label != "Clos"
            phase.figures = figures.get((call.slug, phase.number))
            if with_rules:
                phase.rules = eligibility_rules(phase)
    return calls


@login_not_required
def call_list(request):
    calls = list(Call.objects.filter(is_published=True).prefetch_related(_phases()))
    return render(request, "calls/public/call_list.html", {"calls": _decorate(calls)})


def _visible(request, call):
    """An unpublished call is a 404 for everyone but the admins."""
    if not call.is_published and not is_admin(request.user):
        raise Http404("Appel introuvable.")


@login_not_required
@anonymous_page(everything_scopes)
def call_detail(request, slug):
    call = get_object_or_404(Call.objects.prefetch_related(_phases(), "documents"), slug=slug)
    _visible(request, call)
    _decorate([call], with_rules=True)
    # The first laureates of each phase and the counts, never every laureate: the page's cost
    # must not grow with them (issue #18); the rest are on the phase's laureates page.
    shown = laureates.first_laureates(call, laureates.SHOWN_PER_PHASE)
    counts = laureates.laureate_counts(phase__call=call)
    for phase in call.phases.all():
        phase_counts = counts.get(phase.pk, laureates.LaureateCounts())
        phase.laureate_poles = shown.get(phase.pk, [])
        phase.named_laureates = phase_counts.named
        phase.has_more_laureates = phase_counts.named > len(phase.laureate_poles)
        phase.hidden_laureates = laureates.hidden_laureates_label(phase_counts.hidden)
    coordinated = []
    if request.user.is_authenticated:
        coordinated = list(
            Pole.objects.active()
            .filter(people__user=request.user, people__role=PersonRole.COORDINATOR)
            .order_by("name")
        )
    return render(
        request,
        "calls/public/call_detail.html",
        {"call": call, "coordinated_poles": coordinated},
    )


@login_not_required
@anonymous_page(everything_scopes)
def phase_laureates(request, slug, number):
    """Every named laureate of one phase, a page at a time, by pole name."""
    phase = get_object_or_404(Phase.objects.select_related("call"), call__slug=slug, number=number)
    _visible(request, phase.call)
    page = Paginator(laureates.phase_laureates(phase), laureates.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    hidden = laureates.laureate_counts(phase=phase).get(phase.pk, laureates.LaureateCounts())
    return render(
        request,
        "calls/public/phase_laureates.html",
        {
            "call": phase.call,
            "phase": phase,
            "page": page,
            "querystring": "",
            "laureate_poles": laureates.laureate_poles(page.object_list),
            "hidden_laureates": laureates.hidden_laureates_label(hidden.hidden),
        },
    )
