"""Erasing a person (RGPD right to erasure): their account is anonymised and their name and
address leave every row that copied them; what they contributed (sheets, messages, history,
meetings they created) stays, signed by the anonymised account."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ptce.assessments.models import Rater
from ptce.calls.models import Opinion
from ptce.cooperation.models import JoinRequest
from ptce.core.models import User
from ptce.poles.models import Invitation, Pole, PolePerson

ERASED_NAME = "Personne effacée"


def erased_email(user_id: int) -> str:
    # `.invalid` is reserved (RFC 2606): no mail can ever reach it.
    return f"personne-effacee-{user_id}@anonyme.invalid"


def _forget_address(*, email: str, user_id: int | None) -> dict[str, int]:
    """Remove a name and address from every row that copied them; the rows stay."""
    anonymous = erased_email(user_id) if user_id else "personne-effacee@anonyme.invalid"
    sheets = Rater.objects.filter(email__iexact=email)
    if user_id:
        sheets = sheets | Rater.objects.filter(user_id=user_id)
    return {
        "feuilles d’observation": sheets.update(name=ERASED_NAME, email=""),
        "invitations": Invitation.objects.filter(email__iexact=email).update(email=anonymous),
        "demandes d’adhésion": JoinRequest.objects.filter(contact_email__iexact=email).update(
            contact_name=ERASED_NAME, contact_email=anonymous
        ),
        "avis d’expert": Opinion.objects.filter(expert_email__iexact=email).update(
            expert_name=ERASED_NAME, expert_email=anonymous
        ),
        "contacts de pôle": Pole.objects.filter(contact_email__iexact=email).update(
            contact_email=""
        ),
        "journaux de connexion": sum(
            model.objects.filter(username__iexact=email).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ),
    }


@transaction.atomic
def person_erase(*, user: User) -> dict[str, int]:
    """Anonymise `user` (name, address, password, roles) and remove their name and address
    from the rows that copied them; returns how many rows of each kind changed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = _forget_address(email=user.email, user_id=user.pk)
    changed["rôles dans les pôles"] = PolePerson.objects.filter(user=user).delete()[0]
    # The admin's journal names the account as it was when an admin changed it.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=ERASED_NAME)
    user.email = erased_email(user.pk)
    user.first_name = ""
    user.last_name = ERASED_NAME
    user.organisation_label = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.is_instructor = user.is_national_instructor = False
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.instructor_regions.clear()
    user.groups.clear()
    user.user_permissions.clear()
    return changed


@transaction.atomic
def person_delete(*, user: User) -> None:
    """Delete an account without leaving its name and address in the rows that copied them
    (the admin's « supprimer »; erasing keeps the account, anonymised)."""
    _forget_address(email=user.email, user_id=user.pk)
    user.delete()
