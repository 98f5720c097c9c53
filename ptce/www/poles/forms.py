"""The instructor's forms on a pole's verification page."""

from django import forms

from ptce.core.forms import DsfrForm


class UnverifyForm(DsfrForm):
    reason = forms.CharField(
        label="Motif du retrait",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Il est conservé dans l’historique de vérification du pôle.",
    )


class VerifyForm(DsfrForm):
    confirm = forms.BooleanField(
        label="J’ai vérifié l’existence du pôle, son territoire et ses membres.", required=True
    )
