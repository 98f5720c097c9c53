"""The art. 9 definition (law of 31 July 2014) checked against a pole's current members.

« … regroupement sur un même territoire d'entreprises de l'ESS […] qui s'associent à des
entreprises, en lien avec des collectivités territoriales et leurs groupements […] pour mettre
en œuvre une stratégie commune et continue … »
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ptce.organisations.models import LegalCategory

from .models import ActionStatus, StrategicObjective

OK, MISSING, TODO = "ok", "missing", "todo"


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    status: str
    reason: str
    names: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Compliance:
    checks: list[Check]

    @property
    def is_compliant(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def missing(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


def pole_compliance(pole, memberships, covered_departement_codes, plan=None) -> Compliance:
    """`memberships`: the pole's current memberships with organisation and commune loaded.

    `plan`: the pole's strategic objectives as `(title, number of actions)` pairs, as given by
    `plan_objectives`; read here (one query) when not given.
    """
    if plan is None:
        plan = plan_objectives(pole)
    organisations = [m.organisation for m in memberships]
    ess = [o for o in organisations if o.is_ess]
    classic = [o for o in organisations if o.family == "entreprise"]
    authorities = [o for o in organisations if o.legal_category == LegalCategory.COLLECTIVITE]
    return Compliance(
        [
            _check_present(
                "ess",
                "Au moins une entreprise de l’économie sociale et solidaire",
                ess,
                "Aucune entreprise de l’ESS (association, coopérative, SCIC, SCOP, mutuelle, "
                "fondation ou société ayant la qualité ESS) parmi les membres.",
            ),
            _check_present(
                "entreprise",
                "Associée à au moins une autre entreprise",
                classic,
                "Aucune entreprise hors ESS (société commerciale) parmi les membres : "
                "l’article 9 associe les entreprises de l’ESS à d’autres entreprises.",
            ),
            _check_present(
                "collectivite",
                "En lien avec au moins une collectivité territoriale ou un groupement",
                authorities,
                "Aucune collectivité territoriale ni groupement (commune, EPCI, département, "
                "région) parmi les membres.",
            ),
            _check_territory(organisations, pole, covered_departement_codes),
            _check_strategy(plan),
        ]
    )


def plan_objectives(pole) -> list[tuple[str, int]]:
    """The pole's strategic objectives and how many live actions of the plan each carries."""
    in_plan = Q(actions__in_action_plan=True) & ~Q(actions__status=ActionStatus.ABANDONED)
    return list(
        StrategicObjective.objects.filter(pole=pole)
        .annotate(action_count=Count("actions", filter=in_plan))
        .order_by("position", "pk")
        .values_list("title", "action_count")
    )


def _check_strategy(plan) -> Check:
    """The « stratégie commune » is the action plan: objectives carried by actions."""
    label = "Une stratégie commune et continue"
    if not plan:
        return Check(
            "strategie",
            label,
            TODO,
            "À compléter : aucun objectif stratégique n’est inscrit au plan d’action du pôle.",
        )
    carried = [(title, count) for title, count in plan if count]
    if not carried:
        titles = ", ".join(f"« {title} »" for title, _ in plan[:5])
        return Check(
            "strategie",
            label,
            TODO,
            "À compléter : aucune action du plan d’action n’est rattachée aux objectifs "
            f"stratégiques ({titles}).",
        )
    names = [title for title, _ in carried]
    details = ", ".join(
        f"« {title} » ({count} action{'s' if count > 1 else ''})" for title, count in carried[:5]
    )
    return Check(
        "strategie",
        label,
        OK,
        f"Plan d’action : {len(carried)} objectif(s) stratégique(s) porté(s) par des actions : "
        + details,
        names,
    )


def _check_present(code, label, found, reason_if_missing) -> Check:
    names = sorted(o.name for o in found)
    if names:
        return Check(code, label, OK, f"{len(names)} membre(s) : " + ", ".join(names[:5]), names)
    return Check(code, label, MISSING, reason_if_missing)


def _check_territory(organisations, pole, covered_departement_codes) -> Check:
    label = "Des membres situés sur le territoire du pôle ou à proximité"
    if not covered_departement_codes:
        reason = (
            "À compléter : le territoire du pôle est à préciser (seule sa région est indiquée)."
            if pole.region_id
            else "À compléter : le territoire du pôle n’est pas renseigné."
        )
        return Check("territoire", label, TODO, reason)
    located = [o for o in organisations if o.commune_id]
    if not located:
        return Check(
            "territoire", label, TODO, "À compléter : aucune commune renseignée pour les membres."
        )
    far = sorted(
        o.name
        for o in located
        if o.commune.departement_id not in covered_departement_codes
        and o.commune.region_id != pole.region_id
    )
    if far:
        return Check(
            "territoire",
            label,
            MISSING,
            "Membres éloignés du territoire (hors de ses départements et de sa région) : "
            + ", ".join(far),
            far,
        )
    return Check(
        "territoire",
        label,
        OK,
        f"{len(located)} membre(s) localisé(s) sur le territoire ou dans sa région.",
    )
