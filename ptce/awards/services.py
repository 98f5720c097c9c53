"""Writes on an agreement: its creation from the decision, its edit (versioned), its moves and
its files. Instalments and committees: `services_schedule.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ptce.calls.models import Application, ApplicationState
from ptce.core import invalidation
from ptce.core.files import validate_upload
from ptce.core.versioning import check_version

from .models import Agreement, AgreementFile, AgreementState, AgreementTransition
from .workflow import AGREEMENT_WORKFLOW

EDITABLE_FIELDS = (
    "amount_granted",
    "services",
    "purpose",
    "duration_months",
    "start_date",
    "end_date",
    "signed_on",
    "conditions",
    "signatories",
    "decision_reference",
    "grantor_name",
    "grantor_siret",
    "beneficiary_name",
    "beneficiary_siret",
)


def agreement_initial(application: Application) -> dict:
    """What the decision and the pole already say: the creation form starts from it."""
    pole = application.pole
    carrier = pole.carrier
    return {
        "amount_granted": application.amount_granted,
        "services": application.support_granted if application.amount_granted is None else "",
        "purpose": f"Soutien au PTCE « {pole.name} » — {application.phase.call.name}"[:255],
        "duration_months": 24,
        "grantor_name": settings.PTCE_AWARDS_GRANTOR_NAME,
        "grantor_siret": settings.PTCE_AWARDS_GRANTOR_SIRET,
        "beneficiary_name": carrier.name if carrier else pole.name,
        "beneficiary_siret": (carrier.siret or "") if carrier else "",
        "conditions": application.support_granted if application.amount_granted else "",
    }


def _check_support(agreement: Agreement) -> None:
    if agreement.amount_granted is None and not agreement.services.strip():
        raise ValidationError(
            {"amount_granted": "Indiquez la subvention accordée ou le bouquet de services."}
        )


def agreement_create(*, application: Application, by, **fields) -> tuple[Agreement, bool]:
    """The agreement of a laureate application; (agreement, created). Asking twice (a double
    click, two instructors) gives the one agreement: the first one's values are kept."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        existing = Agreement.objects.filter(application=application).first()
        if existing is not None:
            return existing, False
        if application.state != ApplicationState.LAUREATE:
            raise ValidationError(
                "Seule une candidature lauréate a une convention de soutien ; celle-ci est "
                f"« {application.get_state_display()} »."
            )
        values = {**agreement_initial(application), **fields}
        agreement = Agreement(application=application, created_by=by, **values)
        _check_support(agreement)
        agreement.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                agreement.save()
        except IntegrityError:
            return Agreement.objects.get(application=application), False
        return agreement, True


def agreement_update(*, agreement: Agreement, version: int | None, by, **fields) -> Agreement:
    with transaction.atomic():
        check_version(agreement, version)
        if agreement.state in AGREEMENT_WORKFLOW.final:
            raise ValidationError(AGREEMENT_WORKFLOW.final[agreement.state])
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(agreement, name, fields[name])
        _check_support(agreement)
        agreement.full_clean()
        agreement.save()
        figures_changed(agreement)
    return agreement


def figures_changed(agreement: Agreement) -> None:
    """The money of « Le PTCE en chiffres » (national and the région's) is to be read again."""
    region = agreement.application.region
    invalidation.pole_activity_changed(region_code=region.code if region else None)


def signature_missing(agreement: Agreement, *, has_convention: bool) -> list[str]:
    """What an agreement lacks to be recorded as signed (French, one item each)."""
    missing = []
    if not has_convention:
        missing.append("la convention signée (déposez le fichier)")
    if agreement.signed_on is None:
        missing.append("la date de signature")
    if agreement.start_date is None or agreement.end_date is None:
        missing.append("les dates de début et de fin")
    if not agreement.grantor_siret:
        missing.append("le SIRET de l’attribuant")
    if not agreement.beneficiary_siret:
        missing.append("le SIRET du bénéficiaire")
    return missing


def agreement_move(*, agreement: Agreement, name: str, by, reason: str = "") -> Agreement:
    """Move the agreement (`workflow.AGREEMENT_WORKFLOW`), the state read again under the lock;
    one log row."""
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        transition = AGREEMENT_WORKFLOW.check_move(locked.state, name)
        reason = (reason or "").strip()
        if transition.needs_motivation and not reason:
            raise ValidationError("Indiquez le motif : il est gardé dans l’historique.")
        if transition.target == AgreementState.SIGNED:
            missing = signature_missing(
                locked, has_convention=locked.files.filter(committee__isnull=True).exists()
            )
            if missing:
                raise ValidationError(
                    "Avant d’enregistrer la signature, indiquez " + ", ".join(missing) + "."
                )
        AgreementTransition.objects.create(
            agreement=locked,
            from_state=locked.state,
            to_state=transition.target,
            by=by,
            reason=reason,
        )
        locked.state = transition.target
        locked.state_reason = reason
        locked.save(update_fields=["state", "state_reason", "updated_at"])
        figures_changed(locked)
    agreement.state, agreement.state_reason = locked.state, locked.state_reason
    return agreement


def file_store(*, agreement: Agreement, uploaded_file, by, committee=None) -> AgreementFile:
    """A checked upload kept privately: the signed convention, or a committee's minutes."""
    validate_upload(uploaded_file)
    stored = AgreementFile(agreement=agreement, committee=committee, uploaded_by=by)
    stored.keep(uploaded_file)
    try:
        with transaction.atomic():
            stored.full_clean()
            stored.save()
    except Exception:
        stored.file.storage.delete(stored.file.name)
        raise
    return stored


def convention_upload(*, agreement: Agreement, uploaded_file, by) -> AgreementFile:
    if agreement.state in AGREEMENT_WORKFLOW.final:
        raise ValidationError(AGREEMENT_WORKFLOW.final[agreement.state])
    return file_store(agreement=agreement, uploaded_file=uploaded_file, by=by)
