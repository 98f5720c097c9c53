from functools import cache

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates


@cache
def dsfr_renderer() -> DsfrDjangoTemplates:
    return DsfrDjangoTemplates()


class DsfrFormMixin(DsfrBaseForm):
    """Every form of the site renders with the DSFR field templates (`{{ form }}`)."""

    @property
    def default_renderer(self):
        # django-dsfr gives the class, so each form would build its own template engine and
        # read the field templates from disk again: one shared renderer instead.
        return dsfr_renderer()

    def get_context(self):
        # Same as django-dsfr's, without the warning it gives for DSFR_MARK_OPTIONAL_FIELDS.
        context = forms.BaseForm.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class DsfrForm(DsfrFormMixin):
    pass


class DsfrModelForm(DsfrFormMixin, forms.ModelForm):
    pass


class EmailAuthenticationForm(DsfrFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }
