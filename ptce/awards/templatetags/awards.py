from django import template

from ..formats import euros as format_euros

register = template.Library()


@register.filter
def euros(value) -> str:
    return format_euros(value)
