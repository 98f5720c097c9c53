"""Pages of a call's public documents: add (a file or a link), edit (title, link, order),
delete after confirmation. The list is on the call's page (`views.call_edit`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.files import ALLOWED_LABEL, human_size, max_bytes

from ..models import Call, CallDocument
from . import documents
from .forms import DocumentCreateForm, DocumentForm
from .views import ensure_editor, form_view


def _call_url(call_id) -> str:
    return reverse("calls:editor_call", args=[call_id]) + "#documents"


def _document(pk) -> CallDocument:
    return get_object_or_404(CallDocument.objects.select_related("call"), pk=pk)


def document_create(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    form = DocumentCreateForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    return form_view(
        request,
        form,
        save=lambda version, **data: documents.document_create(call=call, **data),
        done_url=lambda document: _call_url(call.pk),
        done_message=lambda document: f"Le document « {document.title} » est ajouté.",
        cancel_url=_call_url(call.pk),
        template="calls/editor/form_page.html",
        title=f"Nouveau document de l’appel « {call.name} »",
        note=(
            "Le document est public : il est proposé sur la page de l’appel dès sa publication. "
            f"Fichiers acceptés : {ALLOWED_LABEL}, {human_size(max_bytes())} au plus."
        ),
        call=call,
    )


def document_edit(request, document_pk):
    ensure_editor(request)
    document = _document(document_pk)
    call = document.call
    return form_view(
        request,
        DocumentForm(request.POST if request.method == "POST" else None, instance=document),
        save=lambda version, **data: documents.document_update(
            document=document, version=version, **data
        ),
        done_url=lambda document: _call_url(call.pk),
        done_message=lambda document: f"Le document « {document.title} » est enregistré.",
        cancel_url=_call_url(call.pk),
        template="calls/editor/form_page.html",
        title=f"Document « {document.title} »",
        note=(
            "Pour remplacer le fichier, ajoutez un nouveau document puis supprimez celui-ci."
            if document.file
            else ""
        ),
        call=call,
    )


@confirmed_action
def document_delete(request, document_pk):
    ensure_editor(request)
    document = _document(document_pk)
    back = _call_url(document.call_id)
    if is_confirmed(request):
        try:
            documents.document_delete(document=document)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Le document « {document.title} » est supprimé.")
        return redirect(back)
    effects = ["Le document disparaît de la page publique de l’appel."]
    if document.file:
        effects.append("Son fichier est effacé du stockage : il ne pourra pas être récupéré.")
    return confirmation_page(
        request,
        Confirmation(
            title="Supprimer le document",
            subject=f"le document « {document.title} » de l’appel « {document.call.name} »",
            cancel_url=back,
            effects=effects,
        ),
    )
