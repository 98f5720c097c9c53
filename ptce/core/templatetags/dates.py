"""`{{ day|jour }}`: « 1er mars 2022 » (see `ptce.core.dates`)."""

from django import template

from ptce.core.dates import jour as jour_text

register = template.Library()


@register.filter
def jour(value) -> str:
    return jour_text(value)
