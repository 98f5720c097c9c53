from django import forms
from django.core.exceptions import ValidationError

from .models import Commune


class CommuneField(forms.Field):
    """A commune typed as an INSEE code. Returns a `Commune` (or None when not required)."""

    widget = forms.TextInput

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        commune = Commune.objects.filter(code=value).select_related("departement").first()
        if commune is None:
            raise ValidationError("Commune introuvable : saisissez son code INSEE.")
        return commune

    def prepare_value(self, value):
        return value.code if isinstance(value, Commune) else value
