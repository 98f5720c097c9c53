"""The call's row, locked: what the editor's services that change a call's parts take first."""

from django.core.exceptions import ValidationError

from ..models import Call


def locked_call(call: Call) -> Call:
    """The call's row, locked; deleted meanwhile (`services.call_delete`), a French refusal
    rather than an integrity error."""
    locked = Call.objects.select_for_update().filter(pk=call.pk).first()
    if locked is None:
        raise ValidationError("Cet appel a été supprimé entre-temps.")
    return locked
