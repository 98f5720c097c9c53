"""What an application can take from the pole's data: the prefill sources and the snapshot.

`PREFILL_SOURCES` maps a source name (the `prefill` of a question) to (label, function(pole));
each function returns a JSON value. The data they share (members, territory, plan, ECARTS…)
is read once per pole and call (about a dozen queries for the whole snapshot).
`prefill_answers(application)` fills the empty answers of questions that name a source;
`pole_snapshot(pole)` is every source, stored at submission in `snapshot["pole"]`.
"""

from contextlib import contextmanager

from django.db.models import F

from ptce.assessments.models import ConsolidatedScore, Evaluation, EvaluationState
from ptce.cooperation.compliance import pole_compliance
from ptce.cooperation.life.selectors import pole_animation
from ptce.cooperation.models import ActionStatus, CooperationAction
from ptce.organisations.models import FAMILY_LABELS
from ptce.poles.selectors import current_memberships

from ..models import QuestionKind as K
from .formbuilder import form_structure, is_empty

CACHE = "_prefill_data"


class PoleData:
    """The pole's data the sources read, each part read at most once."""

    def __init__(self, pole):
        self.pole = pole
        self._parts = {}

    def part(self, name, read):
        if name not in self._parts:
            self._parts[name] = read()
        return self._parts[name]

    def memberships(self):
        return self.part("memberships", lambda: list(current_memberships(self.pole)))

    def departements(self):
        def read():
            covered = list(self.pole.covered_departements.order_by("code"))
            return covered or list(self.pole.territory_departements.order_by("code"))

        return self.part("departements", read)

    def compliance(self):
        return self.part(
            "compliance",
            lambda: pole_compliance(
                self.pole, self.memberships(), {d.code for d in self.departements()}
            ),
        )

    def plan_actions(self):
        return self.part(
            "plan_actions",
            lambda: list(
                CooperationAction.objects.filter(pole=self.pole, in_action_plan=True)
                .exclude(status=ActionStatus.ABANDONED)
                .order_by("start_date", "title", "pk")
                .values_list("title", flat=True)
            ),
        )

    def evaluation(self):
        def read():
            evaluation = (
                Evaluation.objects.filter(pole=self.pole, state=EvaluationState.VALIDATED)
                .order_by(F("validated_at").desc(nulls_last=True), "-created_at", "-pk")
                .first()
            )
            if evaluation is None:
                return None
            scores = ConsolidatedScore.objects.filter(evaluation=evaluation).order_by(
                "criterion__letter"
            )
            return {
                "titre": evaluation.title,
                "validee_le": evaluation.validated_at.date().isoformat()
                if evaluation.validated_at
                else None,
                "notes": dict(scores.values_list("criterion__letter", "score")),
            }

        return self.part("evaluation", read)

    def animation(self):
        return self.part("animation", lambda: pole_animation(self.pole))


def _data(pole) -> PoleData:
    data = pole.__dict__.get(CACHE)
    if data is None:
        data = pole.__dict__[CACHE] = PoleData(pole)
    return data


@contextmanager
def fresh_data(pole):
    """Read the pole's data anew for one prefill or snapshot, and forget it afterwards."""
    pole.__dict__[CACHE] = PoleData(pole)
    try:
        yield
    finally:
        pole.__dict__.pop(CACHE, None)


def current_compliance(pole):
    """The art. 9 checks of the pole's data as they stand now."""
    with fresh_data(pole):
        return _data(pole).compliance()


def _families(pole) -> dict:
    counts = dict.fromkeys(FAMILY_LABELS.values(), 0)
    for membership in _data(pole).memberships():
        counts[FAMILY_LABELS[membership.organisation.family]] += 1
    return {label: count for label, count in counts.items() if count}


def _ess_share(pole) -> int | None:
    organisations = [m.organisation for m in _data(pole).memberships()]
    if not organisations:
        return None
    return round(100 * sum(o.is_ess for o in organisations) / len(organisations))


def _compliance_checklist(pole) -> dict:
    return {
        check.label: ("conforme" if check.ok else check.reason)
        for check in _data(pole).compliance().checks
    }


def _animation(attribute):
    def read(pole):
        value = getattr(_data(pole).animation(), attribute)
        return value.date().isoformat() if hasattr(value, "date") else value

    return read


PREFILL_SOURCES = {
    # Identity
    "nom": ("Nom du pôle", lambda pole: pole.name),
    "resume": ("Résumé", lambda pole: pole.summary or None),
    "description": ("Description", lambda pole: pole.description or None),
    "annee_creation": ("Année de création", lambda pole: pole.creation_year),
    "forme": ("Forme du pôle", lambda pole: pole.get_form_display() or None),
    "filieres": (
        "Filières",
        lambda pole: [s.name for s in pole.sectors.order_by("position", "name")],
    ),
    "structure_porteuse": (
        "Structure porteuse",
        lambda pole: pole.carrier.name if pole.carrier else None,
    ),
    "site_internet": ("Site internet", lambda pole: pole.website or None),
    "etape": ("Étape", lambda pole: pole.get_stage_display()),
    # Territory
    "region": ("Région principale", lambda pole: pole.region.name if pole.region else None),
    "departements": (
        "Départements couverts",
        lambda pole: [f"{d.name} ({d.code})" for d in _data(pole).departements()],
    ),
    "nombre_communes": ("Nombre de communes", lambda pole: pole.territory_communes.count()),
    "echelle": ("Échelle du territoire", lambda pole: pole.get_scale_display() or None),
    # Members
    "nombre_membres": (
        "Nombre d’organisations membres",
        lambda pole: len(_data(pole).memberships()),
    ),
    "membres": (
        "Organisations membres",
        lambda pole: [m.organisation.name for m in _data(pole).memberships()],
    ),
    "membres_par_famille": ("Membres par famille", _families),
    "part_ess": ("Part des membres de l’ESS (%)", _ess_share),
    # Compliance
    "conforme_article_9": (
        "Conforme à la définition de l’article 9",
        lambda pole: _data(pole).compliance().is_compliant,
    ),
    "conformite_article_9": ("Liste de conformité à l’article 9", _compliance_checklist),
    # ECARTS
    "ecarts_evaluation": (
        "Dernière évaluation ECARTS validée",
        lambda pole: _data(pole).evaluation(),
    ),
    "ecarts_notes": (
        "Notes de la dernière évaluation ECARTS validée",
        lambda pole: (_data(pole).evaluation() or {}).get("notes") or None,
    ),
    # Action plan
    "plan_nombre_actions": (
        "Nombre d’actions du plan d’action",
        lambda pole: len(_data(pole).plan_actions()),
    ),
    "plan_actions": ("Actions du plan d’action", lambda pole: _data(pole).plan_actions()),
    # Animation
    "animation_evenements_12_mois": ("Événements sur 12 mois", _animation("events_12_months")),
    "animation_evenements_3_mois": ("Événements sur 3 mois", _animation("events_3_months")),
    "animation_participation": (
        "Participation des membres sur 12 mois (%)",
        _animation("participation_percent"),
    ),
    "animation_dernier_evenement": ("Dernier événement", _animation("last_event_at")),
}

PREFILL_CHOICES = [("", "—")] + [(name, label) for name, (label, _) in PREFILL_SOURCES.items()]


def source_value(pole, name: str):
    _, read = PREFILL_SOURCES[name]
    return read(pole)


def pole_snapshot(pole) -> dict:
    """Every source, as JSON: what the pole looked like when the application was submitted."""
    with fresh_data(pole):
        return {name: read(pole) for name, (_, read) in PREFILL_SOURCES.items()}


def as_text(value) -> str:
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k} : {as_text(v)}" for k, v in value.items() if not is_empty(v))
    return "" if value is None else str(value)


def adapt(value, question):
    """The source's value as an answer to `question`, or None when it does not fit."""
    kind = question.kind
    if is_empty(value):
        return None
    if kind in (K.SHORT_TEXT, K.LONG_TEXT):
        text = as_text(value)
        return text[:500] if kind == K.SHORT_TEXT else text
    if kind in (K.NUMBER, K.AMOUNT):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return value if kind == K.NUMBER else f"{value:.2f}"
    if kind == K.YES_NO:
        return value if isinstance(value, bool) else None
    if kind == K.CHOICE:
        return value if value in question.choices else None
    if kind == K.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        kept = [v for v in values if v in question.choices]
        return kept or None
    if kind == K.DATE and isinstance(value, str):
        return value
    return None


def prefill_answers(application) -> dict:
    """Fill the empty answers of the questions that name a source (in memory; the caller
    saves). Returns the answers filled."""
    answers = dict(application.answers or {})
    filled = {}
    pole = application.pole
    with fresh_data(pole):
        for _, questions in form_structure(
            application.phase, revision=application.form_revision_id
        ):
            for question in questions:
                if question.prefill not in PREFILL_SOURCES:
                    continue
                if not is_empty(answers.get(question.key)):
                    continue
                value = adapt(source_value(pole, question.prefill), question)
                if value is not None:
                    filled[question.key] = value
    answers.update(filled)
    application.answers = answers
    return filled
