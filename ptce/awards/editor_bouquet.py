"""The call editor's page of a call's bouquet of services (`gestion-des-appels/<call>/bouquet/`):
the national cell lists, adds, renames, reorders and deletes the services laureates may receive,
without the admin. Writes here (`service_item_*`), pages below; the rest of the editor is
`ptce.calls.editor`, whose page shape (`form_view`) and permission (`ensure_editor`) these reuse.

The database holds one label per call (`one_service_label_per_call`); a service already
delivered to a laureate (`ServiceDelivery`, protected) cannot be deleted: it can be renamed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ptce.calls.editor.views import ensure_editor, form_view, posted
from ptce.calls.models import Call
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.forms import DsfrModelForm
from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import VersionedFormMixin, check_version

from .models import ServiceItem

FIELDS = ("label", "unit", "position")

# --- Writes -----------------------------------------------------------------------------------


def _save(item: ServiceItem, fields: dict) -> ServiceItem:
    for name in FIELDS:
        if fields.get(name) is not None:
            setattr(item, name, fields[name])
    unique = {
        "existing": lambda: (
            ServiceItem.objects.filter(call_id=item.call_id, label=item.label)
            .exclude(pk=item.pk)
            .first()
        ),
        "message": f"Le bouquet de cet appel a déjà le service « {item.label} ».",
        "url": lambda found: reverse("awards:editor_service", args=[found.pk]),
        "field": "label",
    }
    check_unique(**unique)
    item.full_clean(validate_unique=False, validate_constraints=False)
    return save_unique(item, **unique)


@transaction.atomic
def service_item_create(*, call: Call, **fields) -> ServiceItem:
    """A service at the end of the bouquet unless `position` says where."""
    Call.objects.select_for_update().filter(pk=call.pk).first()
    item = ServiceItem(call=call)
    if fields.get("position") is None:
        last = ServiceItem.objects.filter(call=call).aggregate(p=Max("position"))["p"]
        fields["position"] = 0 if last is None else last + 1
    return _save(item, fields)


@transaction.atomic
def service_item_update(*, item: ServiceItem, version: int | None = None, **fields):
    check_version(item, version)
    return _save(item, fields)


@transaction.atomic
def service_item_delete(*, item: ServiceItem) -> None:
    """Refused once the service was delivered (read again under the row's lock)."""
    item = ServiceItem.objects.select_for_update().filter(pk=item.pk).first()
    if item is None:
        raise ValidationError("Ce service a déjà été supprimé.")
    delivered = item.deliveries.count()
    if delivered:
        raise ValidationError(
            f"Le service « {item.label} » a été délivré {delivered} fois à des lauréats : il "
            "ne peut pas être supprimé, pour garder le suivi de ce qui a été délivré."
        )
    item.delete()


# --- Pages ------------------------------------------------------------------------------------


class ServiceItemForm(VersionedFormMixin, DsfrModelForm):
    class Meta:
        model = ServiceItem
        fields = list(FIELDS)
        help_texts = {
            "unit": "Ce que l’on compte : journée, séance, heure…",
            "position": "Les services se suivent dans cet ordre ; vide : à la fin.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False

    def validate_unique(self):
        """The service checks uniqueness, with a link to what exists."""


def _list_url(call_id) -> str:
    return reverse("awards:editor_services", args=[call_id])


def service_list(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    items = list(
        ServiceItem.objects.filter(call=call)
        .annotate(delivery_count=Count("deliveries"))
        .order_by("position", "label", "pk")
    )
    return render(request, "awards/editor_services.html", {"call": call, "items": items})


def service_create(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    return form_view(
        request,
        ServiceItemForm(posted(request)),
        save=lambda version, **data: service_item_create(call=call, **data),
        done_url=lambda item: _list_url(call.pk),
        done_message=lambda item: f"Le service « {item.label} » est ajouté au bouquet.",
        cancel_url=_list_url(call.pk),
        template="calls/editor/form_page.html",
        title=f"Nouveau service du bouquet de l’appel « {call.name} »",
        call=call,
    )


def service_edit(request, item_pk):
    ensure_editor(request)
    item = get_object_or_404(ServiceItem.objects.select_related("call"), pk=item_pk)
    return form_view(
        request,
        ServiceItemForm(posted(request), instance=item),
        save=lambda version, **data: service_item_update(item=item, version=version, **data),
        done_url=lambda item: _list_url(item.call_id),
        done_message=lambda item: f"Le service « {item.label} » est enregistré.",
        cancel_url=_list_url(item.call_id),
        template="calls/editor/form_page.html",
        title=f"Service « {item.label} »",
        call=item.call,
    )


@confirmed_action
def service_delete(request, item_pk):
    ensure_editor(request)
    item = get_object_or_404(ServiceItem.objects.select_related("call"), pk=item_pk)
    back = _list_url(item.call_id)
    if is_confirmed(request):
        try:
            service_item_delete(item=item)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Le service « {item.label} » est supprimé du bouquet.")
        return redirect(back)
    return confirmation_page(
        request,
        Confirmation(
            title="Supprimer le service",
            subject=f"le service « {item.label} » du bouquet de l’appel « {item.call.name} »",
            cancel_url=back,
            effects=["Il n’est plus proposé lors de la saisie des services délivrés."],
        ),
    )
