"""The public pages of the calls: the list of published calls and the page of one call.

Figures are counts only; the only poles named are laureates (published poles). An unpublished
call is a 404 for everyone but the admins.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from ptce.core.pages_cache import anonymous_page, everything_scopes
from ptce.poles.models import PersonRole, Pole, Stage

from ..lists.figures import selection_by_phase
from ..models import Application, ApplicationState, Call, Phase, RequirementMode
from ..perms import is_admin

SLUG_PLACEHOLDER = "slug-du-pole"


def phase_status(phase: Phase, today: datetime.date) -> tuple[str, str]:
    """(label, DSFR badge modifier) of the phase's window today."""
    if phase.opens_on and today < phase.opens_on:
        return f"Ouvre le {phase.opens_on:%d/%m/%Y}", "fr-badge--info"
    if phase.closes_on and today > phase.closes_on:
        return "Clos", "fr-badge--error"
    return "Ouvert", "fr-badge--success"


def hidden_laureates_label(count: int) -> str:
    """« 1 lauréat n’est pas nommé : son pôle n’est pas publié. », or "" when none is hidden."""
    if not count:
        return ""
    if count == 1:
        return "1 lauréat n’est pas nommé ici : son pôle n’a pas publié sa fiche."
    return f"{count} lauréats ne sont pas nommés ici : leurs pôles n’ont pas publié leur fiche."


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


@dataclass(frozen=True)
class LaureatePole:
    name: str
    url: str


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


@login_not_required
@anonymous_page(everything_scopes)
def call_detail(request, slug):
    call = get_object_or_404(Call.objects.prefetch_related(_phases(), "documents"), slug=slug)
    if not call.is_published and not is_admin(request.user):
        raise Http404("Appel introuvable.")
    _decorate([call], with_rules=True)
    # The names and addresses of the laureates only: loading each application in full (its
    # answers and snapshot, JSON) cost the page 168 ms at ten times France (issue #18). Every
    # laureate is read, so that the page says how many are not named: a pole that is not
    # published stays anonymous, but the list must not look complete when it is not.
    laureates = (
        Application.objects.filter(phase__call=call, state=ApplicationState.LAUREATE)
        .order_by("pole__name", "pk")
        .values_list("phase_id", "pole__name", "pole__slug", "pole__is_published")
    )
    # One `reverse` for the page, not one `{% url %}` per laureate (1,000 at ten times France:
    # two thirds of the page's rendering).
    pole_url = reverse("poles:detail", args=[SLUG_PLACEHOLDER])
    by_phase, hidden = {}, {}
    for phase_id, name, slug, published in laureates:
        if published:
            url = pole_url.replace(SLUG_PLACEHOLDER, slug)
            by_phase.setdefault(phase_id, []).append(LaureatePole(name=name, url=url))
        else:
            hidden[phase_id] = hidden.get(phase_id, 0) + 1
    for phase in call.phases.all():
        phase.laureate_poles = by_phase.get(phase.pk, [])
        phase.hidden_laureates = hidden_laureates_label(hidden.get(phase.pk, 0))
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
