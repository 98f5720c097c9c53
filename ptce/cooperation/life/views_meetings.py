"""Meetings and events, their attachments, and the animation indicators (the coordinator's page
and the instructors' regional summary)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.files import ACCEPT_ATTRIBUTE, private_file_response
from ptce.core.versioning import EditConflict, conflict_response
from ptce.poles.models import Membership
from ptce.poles.perms import get_pole_for_user

from ..models import MeetingAttachment
from . import perms, selectors
from .animation import alert_months
from .forms import AttachmentForm, MeetingForm, upload_help
from .services import (
    attachment_add,
    attachment_delete,
    meeting_create,
    meeting_delete,
    meeting_update,
)
from .views import _querystring, _render, add_errors

SUMMARY_PAGE_SIZE = 100


def meetings(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    page = Paginator(selectors.pole_meetings(pole), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return _render(
        request,
        "cooperation/life/meetings.html",
        pole,
        "meetings",
        page=page,
        querystring=_querystring(request),
    )


def _current_memberships(pole):
    return (
        Membership.objects.current()
        .filter(pole=pole)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _get_meeting(pole, pk):
    meeting = selectors.meeting_detail(pole, pk)
    if meeting is None:
        raise Http404("Réunion introuvable.")
    return meeting


def _meeting_form(request, pole, meeting=None):
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        instance=meeting,
        memberships=_current_memberships(pole),
    )
    if meeting is None:
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        data = dict(form.cleaned_data)
        attendees = data.pop("attendees")
        try:
            if meeting is None:
                meeting = meeting_create(
                    pole=pole, created_by=request.user, attendees=attendees, **data
                )
            else:
                meeting_update(meeting=meeting, attendees=attendees, **data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("cooperation:meeting_detail", args=[pole.slug, meeting.pk]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"« {meeting.title} » est enregistré.")
            return once.done(
                form, redirect("cooperation:meeting_detail", slug=pole.slug, pk=meeting.pk)
            )
    return _render(
        request,
        "cooperation/life/meeting_form.html",
        pole,
        "meetings",
        form=form,
        meeting=meeting,
    )


def meeting_new(request, slug):
    pole = get_pole_for_user(request, slug, need="manage")
    return _meeting_form(request, pole)


def meeting_edit(request, slug, pk):
    pole = get_pole_for_user(request, slug, need="manage")
    return _meeting_form(request, pole, _get_meeting(pole, pk))


def _detail(request, pole, meeting, attachment_form=None):
    can_manage = perms.can_manage_life(request.user, pole)
    if can_manage and attachment_form is None:
        attachment_form = once.arm(AttachmentForm())
    return _render(
        request,
        "cooperation/life/meeting_detail.html",
        pole,
        "meetings",
        meeting=meeting,
        attendees=selectors.meeting_attendees(meeting),
        attachments=list(meeting.attachments.all()),
        attachment_form=attachment_form,
        accept=ACCEPT_ATTRIBUTE,
        upload_help=upload_help(),
    )


def meeting_detail(request, slug, pk):
    pole = get_pole_for_user(request, slug, need="internal")
    return _detail(request, pole, _get_meeting(pole, pk))


@require_POST
def meeting_remove(request, slug, pk):
    pole = get_pole_for_user(request, slug, need="manage")
    meeting = _get_meeting(pole, pk)
    meeting_delete(meeting=meeting)
    messages.success(request, f"« {meeting.title} » est supprimé.")
    return redirect("cooperation:meetings", slug=pole.slug)


@require_POST
def attachment_upload(request, slug, pk):
    pole = get_pole_for_user(request, slug, need="manage")
    meeting = _get_meeting(pole, pk)
    form = once.arm(AttachmentForm(request.POST, request.FILES))
    if form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            attachment = attachment_add(meeting=meeting, uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request, f"La pièce jointe « {attachment.original_name} » est ajoutée."
            )
            return once.done(
                form, redirect("cooperation:meeting_detail", slug=pole.slug, pk=meeting.pk)
            )
    response = _detail(request, pole, meeting, attachment_form=form)
    response.status_code = 400
    return response


def _get_attachment(pole, pk, attachment_pk):
    return get_object_or_404(
        MeetingAttachment.objects.select_related("meeting"),
        pk=attachment_pk,
        meeting_id=pk,
        meeting__pole=pole,
    )


def attachment_download(request, slug, pk, attachment_pk):
    """Only through this view: people of the pole, instructors of the région, admins."""
    pole = get_pole_for_user(request, slug, need="internal")
    attachment = _get_attachment(pole, pk, attachment_pk)
    return private_file_response(attachment)


@require_POST
def attachment_remove(request, slug, pk, attachment_pk):
    pole = get_pole_for_user(request, slug, need="manage")
    attachment = _get_attachment(pole, pk, attachment_pk)
    attachment_delete(attachment=attachment)
    messages.success(request, f"La pièce jointe « {attachment.original_name} » est supprimée.")
    return redirect("cooperation:meeting_detail", slug=pole.slug, pk=pk)


def animation(request, slug):
    """The coordinator's animation page (in « Gérer le pôle »)."""
    pole = get_pole_for_user(request, slug, need="manage")
    return render(
        request,
        "cooperation/life/animation.html",
        {
            "pole": pole,
            "tab": "animation",
            "animation": selectors.pole_animation(pole),
            "alert_months": alert_months(),
        },
    )


def animation_summary(request):
    """Instructors: the poles of their régions (national cell and admins: all)."""
    perms.require(
        perms.can_view_animation_summary(request.user),
        "Cette page est réservée aux instructeurs et aux administrateurs.",
    )
    windows, poles = selectors.animation_summary(regions=perms.summary_regions(request.user))
    page = Paginator(poles, SUMMARY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/life/animation_summary.html",
        {
            "page": page,
            "rows": selectors.summary_rows(page, windows),
            "alert_months": alert_months(),
            "querystring": _querystring(request),
        },
    )
