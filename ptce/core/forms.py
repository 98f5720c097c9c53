from django import forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm


class DsfrFormMixin(DsfrBaseForm):
    """Every form of the site renders with the DSFR field templates (`{{ form }}`)."""

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
