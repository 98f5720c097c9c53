"""`{% file_nav application %}`: on a file's instruction page, « suivre / ne plus suivre » and
the link to the next file of the instructor's « à traiter » queue (`lists/queues.py`)."""

from django import template
from django.urls import reverse

from ..lists.follow import is_followed
from ..lists.queues import next_to_process

register = template.Library()


@register.inclusion_tag("calls/lists/file_nav.html", takes_context=True)
def file_nav(context, application):
    user = context["request"].user
    following = is_followed(user, application)
    return {
        "application": application,
        "following": following,
        "follow_url": reverse(
            "calls:instruction_unfollow" if following else "calls:instruction_follow",
            args=[application.pk],
        ),
        "next_application": next_to_process(user, application),
        "csrf_token": context.get("csrf_token"),
    }
