from django import template

from ptce.sirene.codes import headcount_label

register = template.Library()


@register.filter
def headcount(code: str) -> str:
    """ "11" → "10 à 19 salariés"."""
    return headcount_label(code)
