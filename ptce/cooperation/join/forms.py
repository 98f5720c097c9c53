"""Forms of step 1: the public join form, the coordinator's acceptance and refusal. They parse
and check input; services write."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.organisations.models import LegalCategory
from ptce.organisations.validators import RNA_HELP, SIRET_HELP
from ptce.poles.models import MembershipRole
from ptce.territories.forms import CommuneField

HONEYPOT = "adresse_web"


class JoinRequestForm(DsfrForm):
    organisation_name = forms.CharField(
        label="Nom de l’organisation",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    legal_category = forms.ChoiceField(
        label="Catégorie juridique", choices=[("", "Choisir…"), *LegalCategory.choices]
    )
    siret = forms.CharField(label="SIRET", required=False, max_length=30, help_text=SIRET_HELP)
    rna = forms.CharField(label="Numéro RNA", required=False, max_length=20, help_text=RNA_HELP)
    commune = CommuneField(label="Commune du siège", required=False)
    contact_name = forms.CharField(
        label="Personne à contacter",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label="Courriel de la personne à contacter",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="La réponse du pôle sera envoyée à cette adresse.",
    )
    contribution = forms.CharField(
        label="Ce que votre organisation peut apporter au pôle",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.CharField(
        label="Ce dont votre organisation a besoin",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def is_spam(self) -> bool:
        """The honeypot field is hidden from people; robots fill it."""
        return bool(self.data.get(HONEYPOT))


class JoinAcceptForm(DsfrForm):
    role = forms.ChoiceField(
        label="Rôle dans le pôle", choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )
    organisation = forms.TypedChoiceField(
        label="Organisation",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, candidates=(), identified=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {organisation.pk: organisation for organisation in candidates}
        if identified is not None or not candidates:
            del self.fields["organisation"]
            return
        self.fields["organisation"].choices = [
            ("", "Enregistrer une nouvelle organisation avec les informations de la demande"),
            *(
                (
                    o.pk,
                    f"Utiliser « {o.name} » déjà enregistrée"
                    + (f" ({o.commune.name})" if o.commune else ""),
                )
                for o in candidates
            ),
        ]
        self.fields["organisation"].initial = ""

    def clean_organisation(self):
        pk = self.cleaned_data.get("organisation")
        return self.candidates.get(pk) if pk else None


class JoinDeclineForm(DsfrForm):
    reason = forms.CharField(
        label="Motif du refus",
        help_text="Il est transmis à l’organisation par courriel.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Indiquez le motif du refus : il est transmis à l’organisation."
        },
    )
