"""The text of a decision letter: a per-call model with placeholders, filled safely.

The national cell (or an admin) writes, on the call, one model for a laureate and one for the
other decisions (non retenue, classée sans suite). A model is plain text with placeholders in
braces, `{pole}`, `{montant}`…, from the fixed list `PLACEHOLDERS` only: no attribute, index,
conversion or format (`{pole.__class__}`, `{montant!r}`, `{date:>20}` are refused when the model
is saved, and left as typed should one be stored anyway). The filled text stays plain text: the
PDF's template escapes it like any other value, nothing is marked safe.
"""

from string import Formatter

from django.core.exceptions import ValidationError

from ptce.core.dates import jour
from ptce.core.money import euros

# placeholder → what it is replaced by (shown in the admin's help text).
PLACEHOLDERS = {
    "pole": "le nom du pôle",
    "appel": "le nom de l’appel",
    "annee": "l’année de l’appel",
    "phase": "la phase (« phase 1 : … »)",
    "region": "la région d’instruction",
    "decision": "la décision (« lauréate », « non retenue », « classée sans suite »)",
    "montant": "le montant accordé (« 15 000 € », ou « aucun montant »)",
    "soutien": "le soutien accordé et ses conditions, saisis avec la décision",
    "motivation": "la motivation de la décision",
    "date": "la date de la décision (« 1er mars 2026 »)",
}
HELP_TEXT = (
    "Vide : le modèle par défaut. Champs remplacés : "
    + " ; ".join(f"{{{name}}} : {label}" for name, label in PLACEHOLDERS.items())
    + "."
)

DEFAULT_LAUREATE = """Madame, Monsieur,

J’ai le plaisir de vous informer que la candidature présentée par {pole} à l’appel « {appel} », \
{phase}, est retenue : le pôle est lauréat.

Soutien accordé : {soutien}
Montant accordé : {montant}

{motivation}

Une convention précisera les modalités de ce soutien, ses conditions et son calendrier.

Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées."""

DEFAULT_OTHER = """Madame, Monsieur,

Après l’instruction de votre dossier par la région {region} et son examen par la cellule \
nationale, la candidature présentée par {pole} à l’appel « {appel} », {phase}, n’est pas retenue \
(décision : {decision}).

Motivation de la décision :
{motivation}

La région reste à votre disposition pour en parler et préparer, le cas échéant, une prochaine \
candidature.

Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées."""


def _fields(text: str):
    """(literal, field, format spec, conversion) of each part; ValueError on stray braces."""
    return list(Formatter().parse(text or ""))


def _as_typed(field: str, spec: str, conversion: str | None) -> str:
    return (
        "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    )


def validate_letter_template(text: str) -> None:
    """Refuse a model with stray braces or a placeholder not on the list, in French."""
    try:
        parts = _fields(text)
    except ValueError:
        raise ValidationError(
            "Accolade isolée : écrivez les champs entre accolades, comme {pole}, et doublez "
            "une accolade voulue ({{ ou }})."
        ) from None
    unknown = sorted(
        {
            _as_typed(field, spec, conversion)
            for _, field, spec, conversion in parts
            if field is not None and (field not in PLACEHOLDERS or spec or conversion)
        }
    )
    if unknown:
        raise ValidationError(
            "Champ inconnu : %(unknown)s. Champs possibles : %(known)s.",
            params={
                "unknown": ", ".join(unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


def render_letter_text(text: str, values: dict) -> str:
    """The model with its placeholders replaced by `values` (strings). A part that is not a
    known placeholder is left as typed; a model that does not parse is returned as is."""
    try:
        parts = _fields(text)
    except ValueError:
        return text
    out = []
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        if field in PLACEHOLDERS and not spec and not conversion:
            out.append(str(values.get(field, "")))
        else:
            out.append(_as_typed(field, spec, conversion))
    return "".join(out)


def letter_values(application) -> dict:
    """What the placeholders of `application`'s letter are replaced by."""
    phase = application.phase
    region = application.region or application.pole.region
    return {
        "pole": application.pole.name,
        "appel": phase.call.name,
        "annee": str(phase.call.year),
        "phase": f"phase {phase.number} : {phase.name}",
        "region": region.name if region else "",
        "decision": application.get_state_display().lower(),
        "montant": (
            euros(application.amount_granted)
            if application.amount_granted is not None
            else "aucun montant"
        ),
        "soutien": application.support_granted or "—",
        "motivation": application.decision_motivation,
        "date": jour(application.decided_at),
    }


def letter_text(application) -> str:
    """The letter of `application`'s decision from its call's model (laureate or not)."""
    from .models import ApplicationState  # the models import this module (the validator)

    call = application.phase.call
    laureate = application.state == ApplicationState.LAUREATE
    model = call.letter_laureate if laureate else call.letter_other
    if not (model or "").strip():
        model = DEFAULT_LAUREATE if laureate else DEFAULT_OTHER
    return render_letter_text(model, letter_values(application))
