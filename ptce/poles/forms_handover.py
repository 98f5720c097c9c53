"""The national cell's form: a pole created for its future coordinator (`handover.py`)."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.territories.models import Departement, Region


class HandoverForm(DsfrForm):
    name = forms.CharField(label="Nom du pôle", max_length=200)
    region = forms.ModelChoiceField(
        Region.objects.order_by("name"), label="Région principale", empty_label="Choisissez"
    )
    departements = forms.ModelMultipleChoiceField(
        Departement.objects.select_related("region").order_by("code"),
        required=False,
        label="Départements couverts",
        help_text="Facultatif : le coordinateur précisera le territoire (communes, EPCI).",
    )
    email = forms.EmailField(
        label="Adresse électronique du coordinateur ou de la coordinatrice",
        help_text="Une invitation lui est envoyée ; le pôle est à elle ou à lui quand elle est "
        "acceptée. Vous n’en devenez pas coordinateur.",
    )
    verified = forms.BooleanField(
        label="J’ai vérifié l’existence du pôle, son territoire et ses membres : il est vérifié "
        "dès sa création.",
        required=False,
    )

    def __init__(self, *args, may_verify: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_verify:
            del self.fields["verified"]
