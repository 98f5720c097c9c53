from django import forms
from django.urls import reverse_lazy

from .selectors import MAX_QUERY


class SireneNameInput(forms.TextInput):
    """A name input that suggests units of the SIRENE copy as one types (htmx): each suggestion
    links to `?sirene=<SIREN>` on the same page, whose view prefills the form. Without
    JavaScript it is a plain text input."""

    template_name = "sirene/widgets/name.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        input_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        results_id = f"{input_id}-sirene"
        url = reverse_lazy("sirene:search")
        context["widget"]["attrs"].update(
            {
                "id": input_id,
                "autocomplete": "off",
                "maxlength": MAX_QUERY,
                "aria-describedby": results_id,
                "hx-get": f"{url}?champ={name}",
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{results_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        context["results_id"] = results_id
        return context
