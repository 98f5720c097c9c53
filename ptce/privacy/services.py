"""Erasing a person (RGPD right to erasure): their account is anonymised and their name and
address leave every row that copied them; what they contributed (sheets, messages, history,
meetings they created) stays, signed by the anonymised account."""

from collections import Counter

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from ptce.assessments.models import Rater
from ptce.calls.models import Opinion
from ptce.cooperation.models import JoinRequest, SavedSearch
from ptce.core.models import User
from ptce.poles.models import PolePerson

ERASED_NAME = "Personne effacée"


def erased_email(user_id: int) -> str:
    # `.invalid` is reserved (RFC 2606): no mail can ever reach it.
    return f"personne-effacee-{user_id}@anonyme.invalid"


# Rows that copy a person's name beside their address: (model, address field, name field).
NAMED_COPIES = [
    (Rater, "email", "name"),
    (JoinRequest, "contact_email", "contact_name"),
    (Opinion, "expert_email", "expert_name"),
]


def _forget_address(*, email: str, user_id: int | None) -> dict[str, int]:
    """Remove a name and address from every row that copied them; the rows stay. The address
    is looked for in every e-mail field of every model (history included), the name beside
    it in the rows that copy one."""
    anonymous = erased_email(user_id) if user_id else "personne-effacee@anonyme.invalid"
    changed = Counter()
    if user_id:
        # A person's own sheets, whatever address they were written with.
        sheets = Rater.objects.filter(user_id=user_id).update(name=ERASED_NAME, email="")
        changed[str(Rater._meta.verbose_name_plural)] += sheets
    for model, email_field, name_field in NAMED_COPIES:
        model._base_manager.filter(**{f"{email_field}__iexact": email}).update(
            **{name_field: ERASED_NAME}
        )
    for model in apps.get_models():
        if model is User:
            continue  # the account itself: `person_erase`
        for field in model._meta.fields:
            if isinstance(field, models.EmailField):
                changed[str(model._meta.verbose_name_plural)] += model._base_manager.filter(
                    **{f"{field.name}__iexact": email}
                ).update(**{field.name: "" if field.blank else anonymous})
    changed["journaux de connexion"] = sum(
        model.objects.filter(username__iexact=email).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    return {what: count for what, count in changed.items() if count}


@transaction.atomic
def person_erase(*, user: User) -> dict[str, int]:
    """Anonymise `user` (name, address, password, roles) and remove their name and address
    from the rows that copied them; returns how many rows of each kind changed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = _forget_address(email=user.email, user_id=user.pk)
    changed["rôles dans les pôles"] = PolePerson.objects.filter(user=user).delete()[0]
    changed["recherches enregistrées"] = SavedSearch.objects.filter(owner=user).delete()[0]
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
