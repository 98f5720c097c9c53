"""`{% todo_count as count %}`: the logged-in person's to-do count if the cache knows it, else
None (the header's link then asks for it, `core:todo_link`)."""

from django import template

from ptce.www.dashboard.counter import known_count

register = template.Library()


@register.simple_tag(takes_context=True)
def todo_count(context) -> int | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return known_count(user) if user is not None else 0
