"""The régions' instructor accounts, managed by the national cell.

An instructor is a `User` with `is_instructor` and the régions they instruct
(`instructor_regions`, read by `core.access.UserScope`). `instructor_invite` gives an address
the instruction of a région: an existing account gains it (it keeps its other roles), a new
one is created without a password; either way an email (after commit, through the jobs)
says so, and a new account's email carries Django's password-setting link (the one of
« mot de passe oublié », valid `PASSWORD_RESET_TIMEOUT`). `instructor_region_remove` takes
a région back; with no région left the account stops being an instructor.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ptce.core.mail import mail_after_commit
from ptce.core.once import check_unique


def _set_password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("core:password_reset_confirm", args=[uid, token])


@transaction.atomic
def instructor_invite(
    *, email: str, region, by, first_name: str = "", last_name: str = "", organisation_label=""
):
    """The account, now instructing `region`; and whether it was created."""
    User = get_user_model()
    email = (email or "").strip().lower()
    validate_email(email)
    if region is None:
        raise ValidationError({"region": ["Choisissez la région à instruire."]})
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None:
        if user.is_national_instructor or user.is_superuser:
            raise ValidationError(
                {"email": [f"{email} est un compte de la cellule nationale ou d’administration."]}
            )
        check_unique(
            lambda: user if user.instructor_regions.filter(pk=region.pk).exists() else None,
            message=f"{email} instruit déjà la région {region.name}.",
            field="email",
        )
        created = False
        user.is_instructor = True
        user.save(update_fields=["is_instructor"])
    else:
        created = True
        user = User.objects.create_user(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation_label=organisation_label.strip(),
            is_instructor=True,
        )
    user.instructor_regions.add(region)
    mail_after_commit(
        subject=f"Instruction des candidatures de la région {region.name}",
        template="calls/editor/email/instructor_invitation.txt",
        context={
            "user": user,
            "region": region,
            "invited_by": by,
            "created": created,
            "link": _set_password_link(user) if created else "",
            "login": settings.SITE_URL + reverse("core:login"),
        },
        recipients=[email],
    )
    return user, created


@transaction.atomic
def instructor_region_remove(*, user, region) -> None:
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.instructor_regions.filter(pk=region.pk).exists():
        raise ValidationError(f"{user.email} n’instruit pas la région {region.name}.")
    user.instructor_regions.remove(region)
    if not user.instructor_regions.exists() and not user.is_national_instructor:
        user.is_instructor = False
        user.save(update_fields=["is_instructor"])
