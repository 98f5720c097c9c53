"""The audit trail of a pole: its own changes, its memberships, its people, its members' records."""

from dataclasses import dataclass

from ptce.organisations.models import Organisation

from .models import Membership, Pole, PolePerson

ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}
SKIPPED_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "updated_at",
    "created_at",
    "search_name",
}


@dataclass
class Entry:
    date: object
    user: object
    action: str
    subject: str
    changes: list[tuple[str, object, object]]


def pole_history(pole: Pole, *, limit: int = 100) -> list[Entry]:
    sources = [
        ("Pôle", Pole.history.filter(id=pole.pk)),
        ("Adhésion", Membership.history.filter(pole_id=pole.pk).select_related("organisation")),
        ("Personne", PolePerson.history.filter(pole_id=pole.pk).select_related("user")),
        (
            "Organisation",
            Organisation.history.filter(
                id__in=Membership.objects.filter(pole=pole).values("organisation_id")
            ),
        ),
    ]
    entries = []
    for kind, queryset in sources:
        records = list(queryset.select_related("history_user").order_by("-history_date")[:limit])
        entries.extend(_entries(kind, records))
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]


def _entries(kind, records):
    fields = (
        [f for f in records[0]._meta.fields if f.attname not in SKIPPED_FIELDS] if records else []
    )
    previous_by_id = {}
    for record in reversed(records):  # oldest first, to diff each record with the one before
        before = previous_by_id.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            for field in fields:
                old, new = getattr(before, field.attname), getattr(record, field.attname)
                if old != new:
                    changes.append((str(field.verbose_name), old, new))
        previous_by_id[record.id] = record
        yield Entry(
            date=record.history_date,
            user=record.history_user,
            action=ACTIONS.get(record.history_type, record.history_type),
            subject=f"{kind} : {_label(record)}",
            changes=changes,
        )


def _label(record) -> str:
    if getattr(record, "name", None):
        return record.name
    if hasattr(record, "organisation_id") and record.organisation_id:
        return record.organisation.name
    if hasattr(record, "user_id") and record.user_id:
        return record.user.email
    return f"n° {record.id}"
