"""Writes of a call's public documents (cahier des charges, FAQ…): a file or a link each.

A file is checked by the platform's one rule (`ptce.core.files.validate_upload`: size, type,
content matching the extension, no program) and kept in the public storage (`default`, where
the public call page links to it) under `appels/<call>/<its cleaned name>`; the storage never
overwrites an existing name. The database holds « a file or a link »
(`call_document_file_or_link`). A removed document's file is deleted once the removal is
committed; a file whose row could not be saved is deleted at once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ptce.core import invalidation
from ptce.core.files import clean_original_name, validate_upload
from ptce.core.versioning import check_version

from ..models import Call, CallDocument
from .rows import locked_call

FILE_OR_LINK = "Joignez un fichier ou indiquez un lien."
NOT_BOTH = "Joignez un fichier ou indiquez un lien, pas les deux."
FIELDS = ("title", "url", "position")


def _check(document: CallDocument, uploaded) -> None:
    """The rules, by field, in French; nothing written."""
    has_file = uploaded is not None or bool(document.file)
    if has_file and document.url:
        raise ValidationError({"url": [NOT_BOTH]})
    if not has_file and not document.url:
        raise ValidationError({"file": [FILE_OR_LINK]})
    if uploaded is not None:
        try:
            validate_upload(uploaded)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    document.full_clean(exclude=["file", "call"], validate_constraints=False)


def _save(document: CallDocument, uploaded) -> CallDocument:
    if uploaded is None:
        document.save()
        return document
    # The field holds 100 characters: a short folder leaves room for the name, which the
    # storage shortens if need be (and suffixes when it exists).
    name = f"{document.call.slug[:30]}/{clean_original_name(uploaded.name or '')}"
    document.file.save(name, uploaded, save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_create(*, call: Call, file=None, **fields) -> CallDocument:
    """A document at the end of the call's list unless `position` says where."""
    # One « next position » at once; a call deleted meanwhile is a French refusal.
    call = locked_call(call)
    document = CallDocument(call=call, **{name: fields[name] for name in FIELDS if name in fields})
    document.url = document.url or ""
    if fields.get("position") is None:
        last = CallDocument.objects.filter(call=call).aggregate(p=Max("position"))["p"]
        document.position = 0 if last is None else last + 1
    _check(document, file)
    _save(document, file)
    invalidation.invalidate(invalidation.FIGURES)
    return document


@transaction.atomic
def document_update(
    *, document: CallDocument, version: int | None = None, **fields
) -> CallDocument:
    """Title, link and position; a document's file is replaced by adding a new document and
    deleting this one."""
    check_version(document, version)
    if fields.get("position") is None:
        fields.pop("position", None)  # left empty: where it was
    for name in FIELDS:
        if name in fields:
            setattr(document, name, fields[name] or ("" if name == "url" else fields[name]))
    _check(document, None)
    document.save()
    invalidation.invalidate(invalidation.FIGURES)
    return document


@transaction.atomic
def document_delete(*, document: CallDocument) -> None:
    """Delete the document; its file leaves the storage once the deletion is committed."""
    document = CallDocument.objects.select_for_update().filter(pk=document.pk).first()
    if document is None:
        raise ValidationError("Ce document a déjà été supprimé.")
    files_deleted_after_commit([document])
    document.delete()
    invalidation.invalidate(invalidation.FIGURES)


def files_deleted_after_commit(documents) -> None:
    """The documents' files leave the storage once their rows' deletion is committed (a
    rollback keeps both); call it inside the transaction that deletes them."""
    for document in documents:
        if document.file:
            storage, name = document.file.storage, document.file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
