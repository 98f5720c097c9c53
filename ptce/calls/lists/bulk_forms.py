"""The fields each bulk action of the list asks for on its confirmation page."""

from django import forms

from ptce.core.forms import DsfrForm

from ..instruction.forms import MessageForm, OpinionRequestForm
from ..models import DECISION_STATES

TEXTAREA = forms.Textarea(attrs={"rows": 4})
FOLLOW_PROPOSAL = "proposition"


class BulkAssignForm(DsfrForm):
    instructor = forms.ModelChoiceField(
        label="Instructeur à affecter",
        queryset=None,
        empty_label="Choisir un instructeur",
        error_messages={"invalid_choice": "Choisissez un instructeur de la liste."},
    )

    def __init__(self, *args, instructors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = instructors
        self.fields["instructor"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.email}"
            f"{' (cellule nationale)' if u.is_national_instructor else ''}"
        )


class BulkOpinionForm(OpinionRequestForm):
    prefix = None


class BulkMessageForm(MessageForm):
    body = forms.CharField(
        label="Message",
        widget=TEXTAREA,
        max_length=10000,
        help_text="Le même message est posté sur le fil de chaque candidature.",
    )


class BulkProposalForm(DsfrForm):
    proposal = forms.ChoiceField(
        label="Proposition de la région",
        choices=[(s.value, s.label) for s in DECISION_STATES],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(label="Motivation", widget=TEXTAREA, max_length=10000)


class BulkDecisionForm(DsfrForm):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[
            (FOLLOW_PROPOSAL, "Suivre la proposition de chaque région"),
            ("decide_laureate", "Déclarer lauréates"),
            ("decide_rejected", "Ne pas retenir"),
            ("decide_closed", "Classer sans suite"),
        ],
        initial=FOLLOW_PROPOSAL,
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label="Motivation",
        widget=TEXTAREA,
        max_length=10000,
        help_text="Transmise au porteur de chaque candidature.",
    )
