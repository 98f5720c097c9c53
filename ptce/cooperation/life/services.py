"""Writes on the life of a pole: shared resources, meetings and their attachments.

Each service checks what the database cannot (dates in order, memberships of the same pole)
and raises a French `ValidationError` before writing anything.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ptce.core.files import validate_upload
from ptce.core.plausible import within_years_of_today
from ptce.core.versioning import check_version
from ptce.poles.models import Membership

from ..models import Meeting, MeetingAttachment, SharedResource

RESOURCE_FIELDS = {
    "kind",
    "category",
    "title",
    "description",
    "available_from",
    "available_until",
}
MEETING_FIELDS = {"kind", "title", "starts_at", "place", "agenda", "minutes"}
# Nullable links the model does not mark `blank`: an author may have deleted their account.
OPTIONAL_LINKS = ["created_by"]


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _check_availability(resource: SharedResource) -> None:
    start, end = resource.available_from, resource.available_until
    if start and end and start > end:
        raise ValidationError(
            {
                "available_until": (
                    "La date de fin de disponibilité doit être postérieure ou égale à la date "
                    "de début."
                )
            }
        )


def _check_membership(pole, membership: Membership) -> None:
    if membership.pole_id != pole.pk or membership.left_on is not None:
        raise ValidationError(
            {"membership": "Cette organisation n’est pas membre de ce pôle aujourd’hui."}
        )


@transaction.atomic
def resource_create(*, pole, membership: Membership, created_by, **fields) -> SharedResource:
    """An offer or a request published by a member organisation."""
    _check_fields(fields, RESOURCE_FIELDS)
    _check_membership(pole, membership)
    resource = SharedResource(pole=pole, membership=membership, created_by=created_by, **fields)
    _check_availability(resource)
    resource.full_clean(exclude=OPTIONAL_LINKS)
    resource.save()
    return resource


@transaction.atomic
def resource_update(
    *,
    resource: SharedResource,
    membership: Membership | None = None,
    version: int | None = None,
    **fields,
) -> SharedResource:
    """`version`: the one the form was loaded from (EditConflict if stale)."""
    _check_fields(fields, RESOURCE_FIELDS)
    check_version(resource, version)
    if membership is not None and membership.pk != resource.membership_id:
        _check_membership(resource.pole, membership)
        resource.membership = membership
    for name, value in fields.items():
        setattr(resource, name, value)
    _check_availability(resource)
    resource.full_clean(exclude=OPTIONAL_LINKS)
    resource.save()
    return resource


@transaction.atomic
def resource_set_active(*, resource: SharedResource, is_active: bool) -> SharedResource:
    resource.is_active = is_active
    resource.save(update_fields=["is_active"])
    return resource


def _check_attendees(pole, attendees) -> list[Membership]:
    attendees = list(attendees)
    strangers = [m for m in attendees if m.pole_id != pole.pk]
    if strangers:
        raise ValidationError(
            {"attendees": "Seules les organisations membres du pôle peuvent être indiquées."}
        )
    return attendees


MEETING_YEARS = 10  # a meeting is planned or recorded within ten years of today


def _check_when(meeting: Meeting) -> None:
    try:
        within_years_of_today(
            meeting.starts_at,
            MEETING_YEARS,
            "Une réunion se tient à moins de dix ans d’aujourd’hui.",
        )
    except ValidationError as error:
        raise ValidationError({"starts_at": error.messages}) from error


@transaction.atomic
def meeting_create(*, pole, created_by, attendees=(), **fields) -> Meeting:
    """A meeting or an event of the pole, with the member organisations that attended."""
    _check_fields(fields, MEETING_FIELDS)
    attendees = _check_attendees(pole, attendees)
    meeting = Meeting(pole=pole, created_by=created_by, **fields)
    meeting.full_clean(exclude=OPTIONAL_LINKS)
    _check_when(meeting)
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, attendees=None, version: int | None = None, **fields
) -> Meeting:
    """Change a meeting. Attendees who have since left the pole stay in the record.
    `version`: the one the form was loaded from (EditConflict if stale)."""
    _check_fields(fields, MEETING_FIELDS)
    check_version(meeting, version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=OPTIONAL_LINKS)
    _check_when(meeting)
    meeting.save()
    if attendees is not None:
        attendees = _check_attendees(meeting.pole, attendees)
        former = meeting.attendees.filter(left_on__isnull=False)
        meeting.attendees.set([*attendees, *former])
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    for attachment in meeting.attachments.all():
        attachment_delete(attachment=attachment)
    meeting.delete()


@transaction.atomic
def attachment_add(*, meeting: Meeting, uploaded_file) -> MeetingAttachment:
    """Check the file (type by content, size), then keep it under a random name."""
    attachment = MeetingAttachment(meeting=meeting, content_type=validate_upload(uploaded_file))
    attachment.keep(uploaded_file)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: MeetingAttachment) -> None:
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    # The file goes only once the row is really gone.
    transaction.on_commit(lambda: storage.delete(name))
