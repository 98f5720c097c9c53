"""The art. 9 definition (law of 31 July 2014) checked against a pole's current members.

« … regroupement sur un même territoire d'entreprises de l'ESS […] qui s'associent à des
entreprises, en lien avec des collectivités territoriales et leurs groupements […] pour mettre
en œuvre une stratégie commune et continue … »
"""

from dataclasses import dataclass, field

from ptce.organisations.models import LegalCategory

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


def pole_compliance(pole, memberships, covered_departement_codes) -> Compliance:
    """`memberships`: the pole's current memberships with organisation and commune loaded."""
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
                "Aucune entreprise hors ESS (société commerciale) parmi les membres : "
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
            Check(
                "strategie",
                "Une stratégie commune et continue",
                TODO,
                "À compléter : la stratégie commune sera établie par le plan d’action du pôle.",
            ),
        ]
    )


def _check_present(code, label, found, reason_if_missing) -> Check:
    names = sorted(o.name for o in found)
    if names:
        return Check(code, label, OK, f"{len(names)} membre(s) : " + ", ".join(names[:5]), names)
    return Check(code, label, MISSING, reason_if_missing)


def _check_territory(organisations, pole, covered_departement_codes) -> Check:
    label = "Des membres situés sur le territoire du pôle ou à proximité"
    if not covered_departement_codes:
        return Check(
            "territoire", label, TODO, "À compléter : le territoire du pôle n’est pas renseigné."
        )
    located = [o for o in organisations if o.commune_id]
    if not located:
        return Check(
            "territoire", label, TODO, "À compléter : aucune commune renseignée pour les membres."
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
            "Membres éloignés du territoire (hors de ses départements et de sa région) : "
            + ", ".join(far),
            far,
        )
    return Check(
        "territoire",
        label,
        OK,
        f"{len(located)} membre(s) localisé(s) sur le territoire ou dans sa région.",
    )
