"""The eligibility rules of a phase, checked automatically before an application is created.

`check_eligibility(pole, phase)` returns the French reasons why the pole may not apply (empty:
eligible). Rules: the call is published; the window (`opens_on`, `closes_on`; in permanent
mode submissions roll until `closes_on`); the pole's région among the phase's régions (if any);
art. 9 compliance when required; the minimum stage; the required phase (laureate of it, or —
« lauréat ou dépôt conjoint » — a live application to it); one live application per pole and
phase. Pass an `EligibilityContext` to check several phases for one pole with the same queries.
"""

from functools import cached_property

from django.utils import timezone

from ptce.cooperation.compliance import pole_compliance
from ptce.core.dates import jour
from ptce.poles.models import Stage
from ptce.poles.selectors import current_memberships

from ..models import Application, ApplicationState, RequirementMode

# An application to the required phase that still counts for a joint filing.
JOINT_STATES = (
    ApplicationState.DRAFT,
    ApplicationState.SUBMITTED,
    ApplicationState.INSTRUCTION,
    ApplicationState.COMPLEMENT,
)


class EligibilityContext:
    """What the rules read about one pole, read once (lazily)."""

    def __init__(self, pole, *, today=None):
        self.pole = pole
        self.today = today or timezone.localdate()

    @cached_property
    def compliance(self):
        memberships = list(current_memberships(self.pole))
        covered = set(self.pole.covered_departements.values_list("code", flat=True))
        covered |= set(self.pole.territory_departements.values_list("code", flat=True))
        return pole_compliance(self.pole, memberships, covered)

    @cached_property
    def applications(self) -> list[Application]:
        """The pole's applications that are not withdrawn, newest first."""
        return list(
            Application.objects.filter(pole=self.pole)
            .exclude(state=ApplicationState.WITHDRAWN)
            .order_by("-created_at", "-pk")
        )

    def live_application(self, phase_id: int) -> Application | None:
        return next((a for a in self.applications if a.phase_id == phase_id), None)


def _day(day) -> str:
    return jour(day)


def window_reasons(phase, today) -> list[str]:
    if phase.opens_on and today < phase.opens_on:
        return [f"Le dépôt des candidatures ouvre le {_day(phase.opens_on)}."]
    if phase.closes_on and today > phase.closes_on:
        return [f"Le dépôt des candidatures est clos depuis le {_day(phase.closes_on)}."]
    return []


def joint_application(pole, phase, context: EligibilityContext | None = None):
    """The live application to the required phase a joint filing goes with, if that is how the
    pole meets the requirement (None when it is laureate, or when there is no requirement)."""
    if phase.requires_phase_id is None:
        return None
    context = context or EligibilityContext(pole)
    required = context.live_application(phase.requires_phase_id)
    if required is None or required.state == ApplicationState.LAUREATE:
        return None
    if phase.requirement_mode == RequirementMode.LAUREATE_OR_JOINT:
        return required if required.state in JOINT_STATES else None
    return None


def check_eligibility(pole, phase, *, context: EligibilityContext | None = None) -> list[str]:
    context = context or EligibilityContext(pole)
    reasons = []
    if not phase.call.is_published:
        reasons.append("Cet appel n’est pas publié.")
    reasons += window_reasons(phase, context.today)
    regions = list(phase.regions.all())
    if regions and pole.region_id not in {r.pk for r in regions}:
        names = ", ".join(sorted(r.name for r in regions))
        where = f"La région du pôle ({pole.region.name})" if pole.region_id else "Le pôle"
        reasons.append(f"{where} n’est pas éligible : régions éligibles : {names}.")
    if phase.requires_compliance and not context.compliance.is_compliant:
        labels = " ; ".join(check.label.lower() for check in context.compliance.missing)
        reasons.append(f"Le pôle n’est pas conforme à la définition de l’article 9 ({labels}).")
    if phase.minimum_stage and pole.stage < phase.minimum_stage:
        reasons.append(
            f"Le pôle doit avoir atteint l’étape « {Stage(phase.minimum_stage).label} » ; il en "
            f"est à l’étape « {Stage(pole.stage).label} »."
        )
    if phase.requires_phase_id:
        required = context.live_application(phase.requires_phase_id)
        laureate = required is not None and required.state == ApplicationState.LAUREATE
        joint = joint_application(pole, phase, context)
        if not laureate and joint is None:
            other = phase.requires_phase
            if phase.requirement_mode == RequirementMode.LAUREATE_OR_JOINT:
                reasons.append(
                    f"Il faut être lauréat de la phase {other.number} « {other.name} » ou y "
                    "candidater en même temps (créez d’abord cette candidature)."
                )
            else:
                reasons.append(f"Il faut être lauréat de la phase {other.number} « {other.name} ».")
    existing = context.live_application(phase.pk)
    if existing is not None:
        reasons.append(
            f"Le pôle a déjà une candidature à cette phase (« {existing.get_state_display()} »)."
        )
    return reasons
