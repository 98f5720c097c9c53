"""Writes for step 1, « réunir les volontaires »: join requests, their acceptance (the
organisation becomes a member of the pole) or refusal, and the e-mails that tell each side."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit
from ptce.core.once import check_unique, save_unique
from ptce.organisations.models import LegalCategory, Organisation, identifier_errors
from ptce.organisations.services import organisation_create
from ptce.organisations.validators import normalize_rna, normalize_siret
from ptce.poles.models import Membership, PersonRole, Pole
from ptce.poles.services_members import membership_add
from ptce.territories.text import search_key

from ..models import JoinRequest, JoinRequestStatus

# --- Step 1: join requests -----------------------------------------------------------------


@transaction.atomic
def join_request_create(
    *,
    pole: Pole,
    organisation_name: str,
    legal_category: str,
    contact_name: str,
    contact_email: str,
    siret: str = "",
    rna: str = "",
    commune=None,
    contribution: str = "",
    needs: str = "",
) -> JoinRequest:
    """Record a volunteer's request and tell the pole's coordinators (after commit)."""
    if not pole.is_published:
        raise ValidationError("Ce pôle ne reçoit pas de demandes d’adhésion.")
    errors = {}
    try:
        siret = normalize_siret(siret)
    except ValidationError as error:
        errors["siret"] = error.messages
    try:
        rna = normalize_rna(rna)
    except ValidationError as error:
        errors["rna"] = error.messages
    if errors:
        raise ValidationError(errors)
    errors = identifier_errors(legal_category, siret, rna)
    if errors:
        raise ValidationError(errors)
    contact_email = contact_email.strip().lower()
    unique = {
        "existing": lambda: JoinRequest.objects.filter(
            pole=pole, contact_email__iexact=contact_email, status=JoinRequestStatus.PENDING
        ).first(),
        "message": "Une demande faite avec cette adresse attend déjà la réponse du pôle : "
        "inutile de la renouveler.",
        "field": "contact_email",
    }
    check_unique(**unique)
    join_request = JoinRequest(
        pole=pole,
        organisation_name=organisation_name.strip(),
        siret=siret,
        rna=rna,
        legal_category=legal_category,
        commune=commune,
        contact_name=contact_name.strip(),
        contact_email=contact_email,
        contribution=contribution.strip(),
        needs=needs.strip(),
    )
    join_request.full_clean(validate_constraints=False)
    save_unique(join_request, **unique)
    coordinators = list(
        pole.people.filter(role=PersonRole.COORDINATOR).values_list("user__email", flat=True)
    )
    mail_after_commit(
        subject=f"Nouvelle demande pour rejoindre le pôle {pole.name}",
        template="cooperation/join/emails/join_received.txt",
        context={
            "join_request": join_request,
            "pole": pole,
            "link": settings.SITE_URL + reverse("cooperation:join_requests", args=[pole.slug]),
        },
        recipients=coordinators,
    )
    return join_request


def join_request_candidates(join_request: JoinRequest) -> list[Organisation]:
    """Organisations already registered that may be the applicant: same SIRET or RNA number
    (then it is the one), or the same name."""
    same_identifier = join_request_identified_organisation(join_request)
    if same_identifier is not None:
        return [same_identifier]
    return list(
        Organisation.objects.filter(search_name=search_key(join_request.organisation_name))
        .select_related("commune")
        .order_by("name")[:5]
    )


def join_request_identified_organisation(join_request: JoinRequest) -> Organisation | None:
    if join_request.siret:
        found = Organisation.objects.filter(siret=join_request.siret).first()
        if found is not None:
            return found
    if join_request.rna:
        return Organisation.objects.filter(rna=join_request.rna).first()
    return None


def _lock_pending(join_request: JoinRequest) -> JoinRequest:
    """The request's row, locked until the transaction ends and read again: of two answers
    given at once, the second sees the first and is refused."""
    locked = JoinRequest.objects.select_for_update().select_related("pole").get(pk=join_request.pk)
    if locked.status != JoinRequestStatus.PENDING:
        raise ValidationError(
            f"Cette demande a déjà reçu une réponse ({locked.get_status_display().lower()})."
        )
    return locked


@transaction.atomic
def join_request_accept(
    *,
    join_request: JoinRequest,
    decided_by,
    role: str = "membre",
    organisation: Organisation | None = None,
) -> Membership:
    """Accept: the organisation (the registered one with the same SIRET or RNA, the one the
    coordinator picked, or a new one) becomes a member; the applicant is told after commit."""
    join_request = _lock_pending(join_request)
    identified = join_request_identified_organisation(join_request)
    if identified is not None:
        organisation = identified
    elif organisation is None:
        organisation = organisation_create(
            name=join_request.organisation_name,
            legal_category=join_request.legal_category or LegalCategory.AUTRE,
            siret=join_request.siret or None,
            rna=join_request.rna or None,
            commune=join_request.commune,
            created_by=decided_by,
        )
    membership = membership_add(pole=join_request.pole, organisation=organisation, role=role)
    join_request.status = JoinRequestStatus.ACCEPTED
    join_request.organisation = organisation
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "organisation", "decided_by", "decided_at"])
    _tell_applicant(join_request, "cooperation/join/emails/join_accepted.txt")
    return membership


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, decided_by, reason: str) -> JoinRequest:
    join_request = _lock_pending(join_request)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Indiquez le motif du refus : il est transmis à l’organisation."}
        )
    join_request.status = JoinRequestStatus.DECLINED
    join_request.decline_reason = reason
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    _tell_applicant(join_request, "cooperation/join/emails/join_declined.txt")
    return join_request


def _tell_applicant(join_request: JoinRequest, template: str) -> None:
    pole = join_request.pole
    mail_after_commit(
        subject=f"Votre demande pour rejoindre le pôle {pole.name}",
        template=template,
        context={
            "join_request": join_request,
            "pole": pole,
            "link": settings.SITE_URL + reverse("poles:detail", args=[pole.slug]),
            "emerging_link": settings.SITE_URL + reverse("cooperation:emerging_poles"),
        },
        recipients=[join_request.contact_email],
    )
