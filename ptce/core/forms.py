from functools import cache

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates


@cache
def dsfr_renderer() -> DsfrDjangoTemplates:
    return DsfrDjangoTemplates()


# Django's empty choice; never shown: a select says « Choisir dans la liste », a radio list
# « Non renseigné ».
DJANGO_BLANK = "---------"


def name_the_blank_choice(field) -> None:
    """Replace Django's « --------- » empty choice of `field` by words."""
    label = (
        "Non renseigné" if isinstance(field.widget, forms.RadioSelect) else "Choisir dans la liste"
    )
    if getattr(field, "empty_label", None) == DJANGO_BLANK:
        field.empty_label = label  # a ModelChoiceField reads it when its choices are listed
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if any(value == "" and text == DJANGO_BLANK for value, text in choices):
            field.choices = [
                (value, label if value == "" and text == DJANGO_BLANK else text)
                for value, text in choices
            ]


class DsfrFormMixin(DsfrBaseForm):
    """Every form of the site renders with the DSFR field templates (`{{ form }}`)."""

    def __getitem__(self, name):
        # Every rendering of a field goes through here, including fields added by a form's
        # own __init__ after Django's.
        field = self.fields.get(name)
        if field is not None:
            name_the_blank_choice(field)
        return super().__getitem__(name)

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
