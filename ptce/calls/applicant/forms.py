"""The applicant's small forms; the application's own form is built per phase by
`formbuilder.py`."""

from django import forms

from ptce.core.forms import DsfrForm


class CoeditorForm(DsfrForm):
    user = forms.ModelChoiceField(
        label="Coordinateur ou coordinatrice du pôle", queryset=None, empty_label="—"
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"


class WithdrawForm(DsfrForm):
    motivation = forms.CharField(
        label="Motivation (facultative)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Elle est transmise à l’instruction.",
    )
