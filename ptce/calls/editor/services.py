"""Writes of the call editor: calls and their phases, publication. The form and the grid are in
`services_form.py`, the instructor accounts in `instructors.py`.

Every rule is checked here, with French messages: a phase's window (opening and closing dates,
or permanent mode, where the closing date is optional), the required phase (an earlier phase
of the same call). The database holds the uniqueness of slugs and phase numbers and the order
of the dates (`phase_closes_after_it_opens`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from ptce.core import invalidation
from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import check_version

from ..models import Application, Call, CallDocument, Phase, Section
from .documents import files_deleted_after_commit
from .rows import locked_call

# The decision letters' models too: the national cell words them without admin rights.
CALL_FIELDS = ("name", "slug", "year", "summary", "description", "letter_laureate", "letter_other")
PHASE_FIELDS = (
    "number",
    "name",
    "description",
    "is_recognition",
    "support_type",
    "support_description",
    "amount_per_laureate",
    "total_budget",
    "opens_on",
    "closes_on",
    "is_permanent",
    "requires_compliance",
    "minimum_stage",
    "requires_phase",
    "requirement_mode",
)


def _call_unique(call: Call):
    return {
        "existing": lambda: Call.objects.filter(slug=call.slug).exclude(pk=call.pk).first(),
        "message": f"Un appel a déjà l’adresse courte « {call.slug} ».",
        "url": lambda found: reverse("calls:editor_call", args=[found.pk]),
        "field": "slug",
    }


def _save_call(call: Call, fields: dict) -> Call:
    for name in CALL_FIELDS:
        if name in fields:
            setattr(call, name, fields[name])
    unique = _call_unique(call)
    check_unique(**unique)
    call.full_clean(validate_unique=False, validate_constraints=False)
    save_unique(call, **unique)
    invalidation.invalidate(invalidation.FIGURES)
    return call


@transaction.atomic
def call_create(*, by, **fields) -> Call:
    """A new call, not published: the national cell publishes it once it is ready."""
    return _save_call(Call(is_published=False), fields)


@transaction.atomic
def call_update(*, call: Call, version: int | None = None, **fields) -> Call:
    check_version(call, version)
    return _save_call(call, fields)


def call_publish(*, call: Call, by) -> Call:
    """Publish the call (the state is read again under the row's lock)."""
    call = locked_call(call)
    if call.is_published:
        raise ValidationError("Cet appel est déjà publié.")
    if not call.phases.exists():
        raise ValidationError("Ajoutez au moins une phase avant de publier l’appel.")
    call.is_published = True
    call.save(update_fields=["is_published"])
    invalidation.invalidate(invalidation.FIGURES)
    return call


@transaction.atomic
def call_unpublish(*, call: Call, by) -> Call:
    call = locked_call(call)
    if not call.is_published:
        raise ValidationError("Cet appel n’est pas publié.")
    call.is_published = False
    call.save(update_fields=["is_published"])
    invalidation.invalidate(invalidation.FIGURES)
    return call


def call_deletion_errors(call: Call) -> list[str]:
    """Why `call` cannot be deleted, in French (empty: it can).

    Any application stops it, drafts included: a submitted or decided one is the State's record
    and must never vanish, and a draft is a pole's work in progress, which nobody warned would
    be lost (the database protects applications too: `Application.phase` is PROTECT). A
    published call is withdrawn first, so that it leaves the public pages knowingly."""
    errors = []
    if call.is_published:
        errors.append(
            "L’appel est publié : retirez-le d’abord de la publication (« Retirer de la "
            "publication », sur sa page), puis supprimez-le."
        )
    applications = Application.objects.filter(phase__call=call).count()
    if applications:
        errors.append(
            f"L’appel a {applications} candidature{'s' if applications > 1 else ''} "
            "(brouillons compris) : il ne peut pas être supprimé. Retirez-le de la publication "
            "à la place ; ses candidatures restent consultables."
        )
    return errors


@transaction.atomic
def call_delete(*, call: Call, by) -> None:
    """Delete an unpublished call with no application, with its phases (their forms, frozen
    revisions and grids), documents (their files after commit), bouquet and report questions.
    The call's row is locked (a publication waits), then its phases' rows (an application
    being created meanwhile is waited for, then seen)."""
    call = Call.objects.select_for_update().filter(pk=call.pk).first()
    if call is None:
        raise ValidationError("Cet appel a déjà été supprimé.")
    list(Phase.objects.select_for_update().filter(call=call).values_list("pk", flat=True))
    errors = call_deletion_errors(call)
    if errors:
        raise ValidationError(errors)
    # Rows that PROTECT others of the same call, cleared first so the cascade can proceed: a
    # phase's required phase, a frozen revision's sections.
    Phase.objects.filter(call=call).update(requires_phase=None)
    Section.objects.filter(phase__call=call).delete()
    files_deleted_after_commit(CallDocument.objects.filter(call=call).exclude(file=""))
    call.delete()
    invalidation.invalidate(invalidation.FIGURES)


# --- Phases -----------------------------------------------------------------------------------


def phase_errors(phase: Phase) -> dict[str, list[str]]:
    """The rules of a phase's window and eligibility, by field (empty: none broken)."""
    errors = {}
    opens_on, closes_on = phase.opens_on, phase.closes_on
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = ["La date de clôture doit suivre la date d’ouverture."]
    elif not phase.is_permanent and not (opens_on and closes_on):
        errors["closes_on"] = [
            "Indiquez les dates d’ouverture et de clôture, ou choisissez le mode permanent "
            "(dépôt au fil de l’eau, sans date de clôture obligatoire)."
        ]
    required = phase.requires_phase
    if required is not None:
        if required.call_id != phase.call_id:
            errors["requires_phase"] = ["La phase préalable doit appartenir au même appel."]
        elif phase.pk and required.pk == phase.pk:
            errors["requires_phase"] = ["Une phase ne peut pas se requérir elle-même."]
        elif required.number >= phase.number:
            errors["requires_phase"] = ["La phase préalable doit précéder celle-ci."]
    return errors


def _save_phase(phase: Phase, fields: dict, regions) -> Phase:
    for name in PHASE_FIELDS:
        if name in fields:
            setattr(phase, name, fields[name])
    if phase.number is None:
        last = Phase.objects.filter(call_id=phase.call_id).aggregate(n=Max("number"))["n"]
        phase.number = (last or 0) + 1
    errors = phase_errors(phase)
    if errors:
        raise ValidationError(errors)
    unique = {
        "existing": lambda: (
            Phase.objects.filter(call_id=phase.call_id, number=phase.number)
            .exclude(pk=phase.pk)
            .first()
        ),
        "message": f"Cet appel a déjà une phase {phase.number}.",
        "url": lambda found: reverse("calls:editor_phase", args=[found.pk]),
        "field": "number",
    }
    check_unique(**unique)
    phase.full_clean(validate_unique=False, validate_constraints=False)
    save_unique(phase, **unique)
    if regions is not None:
        phase.regions.set(regions)
    invalidation.invalidate(invalidation.FIGURES)
    return phase


@transaction.atomic
def phase_create(*, call: Call, regions=(), **fields) -> Phase:
    """A phase of `call`; with no `number`, the next one. The call's row is locked first: a
    call deleted meanwhile (`call_delete`) is a French refusal, not an integrity error."""
    call = locked_call(call)
    fields.setdefault("number", None)
    return _save_phase(Phase(call=call), fields, regions)


@transaction.atomic
def phase_update(*, phase: Phase, version: int | None = None, regions=None, **fields) -> Phase:
    check_version(phase, version)
    return _save_phase(phase, fields, regions)


def phase_deletion_errors(phase: Phase) -> list[str]:
    """Why `phase` cannot be deleted, in French (empty: it can)."""
    errors = []
    applications = phase.applications.count()
    if applications:
        errors.append(
            f"La phase {phase.number} a {applications} candidature"
            f"{'s' if applications > 1 else ''} (brouillons compris) : elle ne peut pas être "
            "supprimée. Retirez l’appel de la publication ou fermez la phase à la place."
        )
    required_by = list(phase.required_by.order_by("number").values_list("number", flat=True))
    if required_by:
        numbers = ", ".join(str(number) for number in required_by)
        errors.append(
            f"La phase {numbers} requiert la phase {phase.number} : changez d’abord sa phase "
            "préalable."
            if len(required_by) == 1
            else f"Les phases {numbers} requièrent la phase {phase.number} : changez d’abord "
            "leur phase préalable."
        )
    if not Phase.objects.filter(call_id=phase.call_id).exclude(pk=phase.pk).exists():
        errors.append(
            "C’est la seule phase de l’appel : un appel garde au moins une phase. "
            "Modifiez-la plutôt que de la supprimer."
        )
    return errors


@transaction.atomic
def phase_delete(*, phase: Phase, by) -> None:
    """Delete a phase with no application, not required by another, not the call's last one;
    its form, frozen revisions and grid go with it. The call's row is locked first (two
    deletions at once cannot both leave it without a phase), then the phase's (an application
    created meanwhile is seen)."""
    Call.objects.select_for_update().filter(pk=phase.call_id).first()
    phase = Phase.objects.select_for_update().filter(pk=phase.pk).first()
    if phase is None:
        raise ValidationError("Cette phase a déjà été supprimée.")
    errors = phase_deletion_errors(phase)
    if errors:
        raise ValidationError(errors)
    phase.delete()
    invalidation.invalidate(invalidation.FIGURES)
