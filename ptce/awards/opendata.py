"""The agreements as open data, in the national format for subsidies: « SCDL Subventions »
(schema.data.gouv.fr, version 2.0.2), one row per agreement signed or later.

The columns are the fields of the committed Table Schema (`data/subventions.schema.json`), in
its order: the national ones, then `montantVerse` (what was paid so far), an extension in last
position so that a reader of the national format still finds its columns where it expects
them. Only what the convention publishes: bodies' names and SIRETs, dates, amounts; no person
(signatories and attendees stay private).
"""

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from . import selectors
from .models import InstalmentState

SCHEMA_PATH = Path(__file__).parent / "data" / "subventions.schema.json"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def field_names() -> list[str]:
    return [field["name"] for field in schema()["fields"]]


def _payment_period(agreement) -> tuple[str, str]:
    """(conditionsVersement, datesPeriodeVersement): « échelonné » over the instalments'
    dates, « unique » at its date, else the agreement's period."""
    instalments = [
        i for i in agreement.instalments.all() if i.state != InstalmentState.SUSPENDED
    ] or list(agreement.instalments.all())
    days = sorted(i.paid_on or i.due_date for i in instalments)
    if len(days) == 1:
        return "unique", days[0].isoformat()
    if days:
        return "échelonné", f"{days[0].isoformat()}/{days[-1].isoformat()}"
    start = agreement.start_date or agreement.signed_on
    end = agreement.end_date or start
    return "autre", f"{start.isoformat()}/{end.isoformat()}"


def paid_amount(agreement) -> Decimal:
    return sum(
        (i.paid_amount for i in agreement.instalments.all() if i.state == InstalmentState.PAID),
        Decimal(0),
    )


def _row(agreement) -> dict:
    conditions, period = _payment_period(agreement)
    amount = agreement.amount_granted
    return {
        "nomAttribuant": agreement.grantor_name,
        "idAttribuant": agreement.grantor_siret,
        "dateConvention": agreement.signed_on.isoformat(),
        "referenceDecision": agreement.decision_reference,
        "nomBeneficiaire": agreement.beneficiary_name,
        "idBeneficiaire": agreement.beneficiary_siret,
        "objet": agreement.purpose,
        "montant": f"{amount if amount is not None else Decimal(0):.2f}",
        "nature": "aide en numéraire" if amount is not None else "aide en nature",
        "conditionsVersement": conditions,
        "datesPeriodeVersement": period,
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1.00",
        "montantVerse": f"{paid_amount(agreement):.2f}",
    }


def rows():
    """The rows, in the schema's order (two queries: the agreements, their instalments)."""
    names = field_names()
    for agreement in selectors.public_agreements():
        # A signed agreement always has its SIRETs (the signature asks for them); an older
        # row without them would break the national format: it is left out.
        if not (agreement.grantor_siret and agreement.beneficiary_siret):
            continue
        row = _row(agreement)
        yield [row[name] for name in names]


# --- 360Giving ---------------------------------------------------------------------------------

GRANT_PREFIX = "360G-ptce-convention-"


def _organisation(name: str, siret: str) -> dict:
    # 360Giving identifies organisations as « registry-identifier »; a French body by its SIRET.
    return {"id": f"FR-SIRET-{siret}", "name": name}


def giving_grant(agreement) -> dict:
    """One agreement as a 360Giving grant (the standard's required fields, its dates, what was
    paid). No person, as in the CSV."""
    grant = {
        "id": f"{GRANT_PREFIX}{agreement.pk}",
        "title": agreement.purpose,
        "description": agreement.purpose,
        "currency": "EUR",
        "amountAwarded": float(agreement.amount_granted or 0),
        "amountDisbursed": float(paid_amount(agreement)),
        "awardDate": agreement.signed_on.isoformat(),
        "recipientOrganization": [
            _organisation(agreement.beneficiary_name, agreement.beneficiary_siret)
        ],
        "fundingOrganization": [_organisation(agreement.grantor_name, agreement.grantor_siret)],
        "grantProgramme": [{"title": agreement.application.phase.call.name}],
    }
    if agreement.start_date and agreement.end_date:
        grant["plannedDates"] = [
            {
                "startDate": agreement.start_date.isoformat(),
                "endDate": agreement.end_date.isoformat(),
                "duration": agreement.duration_months,
            }
        ]
    return grant


def giving_package() -> dict:
    """The 360Giving package of every public agreement (the CSV's rows): two queries."""
    return {
        "grants": [
            giving_grant(agreement)
            for agreement in selectors.public_agreements()
            if agreement.grantor_siret and agreement.beneficiary_siret
        ]
    }
