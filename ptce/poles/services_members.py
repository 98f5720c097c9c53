"""Writes on a pole's member organisations, its people and their invitations."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.bulk import history_insert, insert_many, instance_maker
from ptce.core.invalidation import pole_changed
from ptce.core.mail import mail_after_commit
from ptce.core.once import check_unique, save_unique
from ptce.core.tokens import new_token, token_hash
from ptce.core.versioning import check_version

from .models import Invitation, Membership, PersonRole, Pole, PolePerson


@transaction.atomic
def membership_add(*, pole: Pole, organisation, role: str = "membre", joined_on=None) -> Membership:
    unique = {
        "existing": Membership.objects.current().filter(pole=pole, organisation=organisation).first,
        "message": f"« {organisation} » est déjà membre de ce pôle.",
    }
    check_unique(**unique)
    membership = Membership(
        pole=pole,
        organisation=organisation,
        role=role,
        joined_on=joined_on or timezone.localdate(),
    )
    membership.full_clean(validate_constraints=False)
    membership = save_unique(membership, **unique)
    pole_changed(pole)
    return membership


@transaction.atomic
def membership_bulk_add(*, pole: Pole, members: list[tuple], joined_on=None) -> list[Membership]:
    """`membership_add` for many (organisation, role) pairs at once (an import): the same checks,
    for the whole list in one query, a few multi-row INSERTs, one cache renewal. The organisations
    are saved rows, so their foreign key is not queried again row by row; `full_clean` runs once
    per role (all else is the same on every row)."""
    joined_on = joined_on or timezone.localdate()
    current = set(
        Membership.objects.current().filter(pole=pole).values_list("organisation_id", flat=True)
    )
    memberships = []
    make = instance_maker(Membership)
    checked = {}  # role → the first membership that passed `full_clean` (nothing else varies)
    for organisation, role in members:
        if organisation.pk in current:
            raise ValidationError(f"« {organisation} » est déjà membre de ce pôle.")
        current.add(organisation.pk)
        values = {"pole": pole, "organisation": organisation, "role": role, "joined_on": joined_on}
        cleaned = checked.get(role) if isinstance(role, str) else None
        if cleaned is None:
            cleaned = make(values)
            cleaned.full_clean(
                exclude=["pole", "organisation"], validate_unique=False, validate_constraints=False
            )
            if isinstance(role, str):
                checked[role] = cleaned
            memberships.append(cleaned)
            continue
        values.update(role=cleaned.role, joined_on=cleaned.joined_on)  # as `full_clean` left them
        memberships.append(make(values))
    try:
        with transaction.atomic():
            insert_many(Membership, memberships)
    except IntegrityError:
        raise ValidationError(
            "Une de ces organisations est devenue membre du pôle entre-temps : rien n’a été "
            "enregistré, recommencez."
        ) from None
    history_insert(Membership, memberships)
    pole_changed(pole)
    return memberships


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, joined_on=None, left_on=None, version: int | None = None
):
    """`version`: the one the form was loaded from (EditConflict if stale)."""
    check_version(membership, version)
    if membership.left_on is not None and left_on is None:
        raise ValidationError("Cette organisation a quitté le pôle entre-temps.")
    membership.role = role
    membership.joined_on = joined_on
    membership.left_on = left_on
    if joined_on and left_on and left_on < joined_on:
        raise ValidationError("La date de départ doit suivre la date d’adhésion.")
    membership.full_clean(validate_constraints=False)
    membership.save()
    pole_changed(membership.pole)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, left_on=None) -> Membership:
    """Members leave, they are not deleted: the history of the pole keeps them."""
    check_version(membership, None)  # locked, and a form loaded before is now stale
    if membership.left_on is not None:
        raise ValidationError("Cette organisation a déjà quitté le pôle.")
    left_on = left_on or timezone.localdate()
    if membership.joined_on and left_on < membership.joined_on:
        raise ValidationError("La date de départ doit suivre la date d’adhésion.")
    membership.left_on = left_on
    membership.save()
    PolePerson.objects.filter(membership=membership, role=PersonRole.MEMBER).delete()
    pole_changed(membership.pole)
    return membership


@transaction.atomic
def person_remove(*, person: PolePerson) -> None:
    if (
        person.role == PersonRole.COORDINATOR
        and not person.pole.people.filter(role=PersonRole.COORDINATOR)
        .exclude(pk=person.pk)
        .exists()
    ):
        raise ValidationError("Un pôle garde au moins un coordinateur ou une coordinatrice.")
    person.delete()


@transaction.atomic
def invitation_create(
    *, pole: Pole, email: str, role: str, invited_by, membership: Membership | None = None
) -> tuple[Invitation, str]:
    """Record the invitation and e-mail its link (after commit). Returns it with its raw token."""
    email = email.strip().lower()
    if pole.people.filter(user__email__iexact=email).exists():
        raise ValidationError(f"{email} a déjà un rôle dans ce pôle.")
    if membership is not None and (membership.pole_id != pole.pk or membership.left_on):
        raise ValidationError("Cette organisation n’est pas membre du pôle.")
    pending = Invitation.objects.filter(pole=pole, email=email, accepted_at__isnull=True)
    pending.filter(expires_at__lt=timezone.now()).delete()  # an expired link gives way
    unique = {
        "existing": pending.first,
        "message": f"Une invitation attend déjà la réponse de {email}.",
        "url": lambda _: reverse("poles:people", args=[pole.slug]),
    }
    check_unique(**unique)
    token, hashed = new_token()
    invitation = Invitation(
        pole=pole,
        email=email,
        role=role,
        membership=membership,
        token=hashed,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.PTCE_INVITATION_DAYS),
    )
    save_unique(invitation, **unique)
    link = settings.SITE_URL + reverse("poles:invitation", args=[token])
    mail_after_commit(
        subject=f"Invitation à rejoindre le pôle {pole.name}",
        template="poles/emails/invitation.txt",
        context={"invitation": invitation, "link": link, "pole": pole, "invited_by": invited_by},
        recipients=[email],
    )
    return invitation, token


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link points to, or None (unknown, malformed or already used)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("pole", "membership__organisation")
        .filter(token=token_hash(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    if invitation is None:
        return (
            "Ce lien d’invitation n’est pas valide. Vérifiez qu’il est complet ou demandez "
            "une nouvelle invitation."
        )
    if invitation.accepted_at is not None:
        return "Cette invitation a déjà été acceptée."
    if invitation.expires_at < timezone.now():
        return "Cette invitation a expiré : demandez-en une nouvelle au coordinateur du pôle."
    if invitation.pole.archived_at is not None:
        return "Ce pôle est archivé : il n’accueille plus personne."
    return None


def _lock_invitation(invitation: Invitation) -> Invitation | None:
    """The invitation's row, locked until the transaction ends and read again (None: it was
    cancelled meanwhile): of two answers given at once, the second sees the first."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("pole", "membership")
        .filter(pk=invitation.pk)
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> PolePerson:
    invitation = _lock_invitation(invitation)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"Cette invitation est adressée à {invitation.email} : connectez-vous avec ce compte."
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    person, created = PolePerson.objects.get_or_create(
        pole=invitation.pole,
        user=user,
        defaults={"role": invitation.role, "membership": invitation.membership},
    )
    if not created and invitation.role == PersonRole.COORDINATOR:
        person.role = PersonRole.COORDINATOR
        person.save(update_fields=["role"])
    return person


@transaction.atomic
def invitation_cancel(*, invitation: Invitation) -> None:
    invitation = _lock_invitation(invitation)
    if invitation is None:
        return  # cancelled already: nothing left to do
    if invitation.accepted_at is not None:
        raise ValidationError("Cette invitation a déjà été acceptée.")
    invitation.delete()
