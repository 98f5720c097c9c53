"""The art. 9 block of an application: computed from the pole's data, never typed by the applicant.

The questions whose `prefill` is an art. 9 source (`formbuilder.COMPUTED_SOURCES`) have no field:
their answers are recomputed from the pole's members, territory and action plan at every save and
at the deposit (`refresh_computed_answers`), so a POST cannot change them.

The phase's rule (`Phase.requires_compliance`) says what a failing check does: it blocks the
deposit, or it is only flagged to the applicant and to the instructors. `compliance_report` reads
the checks from the snapshot once the application is deposited, from the pole's data before.
"""

from dataclasses import dataclass

from ..models import ApplicationState
from .formbuilder import form_structure, is_computed
from .prefill import adapt, current_compliance, fresh_data, source_value

CONFORMING = "conforme"  # the value of a passing check in `conformite_article_9`
BLOCKING = (
    "Cette phase exige la conformité à l’article 9 : la candidature ne peut pas être déposée "
    "tant que ces points ne sont pas réglés dans les données du pôle."
)


@dataclass(frozen=True)
class ComplianceCheck:
    label: str
    ok: bool
    reason: str


@dataclass(frozen=True)
class ComplianceReport:
    checks: list[ComplianceCheck]
    required: bool  # the phase requires compliance: a failing check blocks the deposit

    @property
    def failing(self) -> list[ComplianceCheck]:
        return [check for check in self.checks if not check.ok]

    @property
    def blocks_deposit(self) -> bool:
        return self.required and bool(self.failing)

    def messages(self) -> list[str]:
        return [f"Article 9, {check.label.lower()} — {check.reason}" for check in self.failing]


def live_checks(pole) -> list[ComplianceCheck]:
    """The checks as the pole's data stand now (a few queries)."""
    checks = current_compliance(pole).checks
    return [ComplianceCheck(c.label, c.ok, "" if c.ok else c.reason) for c in checks]


def _snapshot_checks(snapshot: dict) -> list[ComplianceCheck] | None:
    checklist = (snapshot.get("pole") or {}).get("conformite_article_9")
    if not isinstance(checklist, dict):
        return None
    return [
        ComplianceCheck(label, value == CONFORMING, "" if value == CONFORMING else str(value))
        for label, value in checklist.items()
    ]


def compliance_report(application, *, live: bool | None = None) -> ComplianceReport:
    """The art. 9 checks of `application` under its phase's rule: as deposited (the snapshot)
    unless the applicant may still change it (`live`, default: a draft or a complement)."""
    if live is None:
        live = application.state in (ApplicationState.DRAFT, ApplicationState.COMPLEMENT)
    if live:
        checks = live_checks(application.pole)
    else:  # a deposit from before the checks were kept has none to show
        checks = _snapshot_checks(application.snapshot or {}) or []
    return ComplianceReport(checks, application.phase.requires_compliance)


def refresh_computed_answers(application, structure=None) -> dict:
    """Set the answers of the computed questions from the pole's data (in memory; the caller
    saves). Returns them."""
    if structure is None:
        structure = form_structure(application.phase, revision=application.form_revision_id)
    computed = [q for _, questions in structure for q in questions if is_computed(q)]
    if not computed:
        return {}
    pole = application.pole
    with fresh_data(pole):
        values = {q.key: adapt(source_value(pole, q.prefill), q) for q in computed}
    application.answers = {**(application.answers or {}), **values}
    return values
