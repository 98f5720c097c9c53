"""Archiving a pole (platform admins and the national cell): a confirmation page with the
reason, then the move of `ptce.poles.archiving`; the same page brings an archived pole back."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ptce.core.forms import DsfrForm
from ptce.poles import perms
from ptce.poles.archiving import can_archive, pole_archive, pole_unarchive


class ArchiveForm(DsfrForm):
    reason = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Il est conservé dans l’historique d’archivage du pôle.",
    )


@require_http_methods(["GET", "POST"])
def archive(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="internal")
    if not can_archive(request.user):
        raise PermissionDenied("Seules la cellule nationale et l’administration archivent un pôle.")
    archived = pole.is_archived
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        move = pole_unarchive if archived else pole_archive
        try:
            move(pole=pole, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"« {pole.name} » est désarchivé ; son équipe peut le republier."
                if archived
                else f"« {pole.name} » est archivé : il n’est plus public et son équipe ne peut "
                "plus le modifier.",
            )
            return redirect("poles:internal", slug=pole.slug)
    return render(
        request,
        "www/poles/archive.html",
        {
            "pole": pole,
            "form": form,
            "archived": archived,
            "log": pole.archive_log.select_related("by").order_by("-at", "-pk")[:20],
            "protected": {
                "applications": pole.applications.count(),
                "evaluations": pole.evaluations.count(),
            },
        },
    )
