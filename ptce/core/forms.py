from django import forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm


class DsfrForm(DsfrBaseForm):
    """Every form of the site renders with the DSFR field templates (`{{ form }}`)."""


class DsfrModelForm(DsfrBaseForm, forms.ModelForm):
    pass


class EmailAuthenticationForm(DsfrBaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }
