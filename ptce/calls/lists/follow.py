"""Following a file (« suivre », the « suivis » queue): its writes and its two POST views.

Both are idempotent: following a followed file, or unfollowing one that is not followed, changes
nothing and says so; the unique constraint holds it under two parallel clicks.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import perms
from ..models import Application, ApplicationFollow


def application_follow(*, application: Application, user) -> bool:
    """Follow the file; False when it was already followed."""
    try:
        with transaction.atomic():
            _, created = ApplicationFollow.objects.get_or_create(application=application, user=user)
    except IntegrityError:  # a parallel click won the race: the file is followed
        return False
    return created


def application_unfollow(*, application: Application, user) -> bool:
    """Stop following the file; False when it was not followed."""
    deleted, _ = ApplicationFollow.objects.filter(application=application, user=user).delete()
    return bool(deleted)


def is_followed(user, application: Application) -> bool:
    return ApplicationFollow.objects.filter(application=application, user_id=user.pk).exists()


def _back(request, application):
    target = request.POST.get("suivant", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("calls:instruction", pk=application.pk)


@require_POST
def follow(request, pk):
    application = perms.get_application_for_user(request, pk, need="instruct")
    if application_follow(application=application, user=request.user):
        messages.success(request, "Vous suivez cette candidature.")
    else:
        messages.info(request, "Vous suiviez déjà cette candidature.")
    return _back(request, application)


@require_POST
def unfollow(request, pk):
    application = perms.get_application_for_user(request, pk, need="instruct")
    if application_unfollow(application=application, user=request.user):
        messages.success(request, "Vous ne suivez plus cette candidature.")
    else:
        messages.info(request, "Vous ne suiviez pas cette candidature.")
    return _back(request, application)
