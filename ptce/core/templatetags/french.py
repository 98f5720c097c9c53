"""`{{ count|pluriel }}`, `{{ count|pluriel:"al,aux" }}`: the French plural, which starts at 2
(« 0 comité », « 1,5 jour », « 2 comités »); Django's `pluralize` follows English (« 0 comités »).
A built-in of the templates (`TEMPLATES` in the settings): no `{% load %}` needed."""

from django import template

register = template.Library()


@register.filter
def pluriel(value, forms: str = "s") -> str:
    singular, _, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    try:
        count = abs(float(value))
    except (TypeError, ValueError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return plural if count >= 2 else singular
