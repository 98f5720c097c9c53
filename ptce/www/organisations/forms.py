from django import forms

from ptce.core.forms import DsfrForm


class DeclineForm(DsfrForm):
    reason = forms.CharField(
        label="Motif du refus",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Il est conservé avec la décision, dans le journal de la proposition.",
        error_messages={"required": "Indiquez pourquoi la proposition est refusée."},
    )
