from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin

from ptce.core.admin import PublicDataAdmin

from .forms import PoleAdminForm
from .models import Invitation, Membership, Place, Pole, PolePerson, Sector
from .services import pole_territory_set


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0
    raw_id_fields = ["commune"]


class PolePersonInline(admin.TabularInline):
    model = PolePerson
    extra = 0
    raw_id_fields = ["user", "membership"]


@admin.register(Pole)
class PoleAdmin(PublicDataAdmin, SimpleHistoryAdmin):
    form = PoleAdminForm
    list_display = [
        "name",
        "region",
        "stage",
        "verification",
        "is_published",
        "archived_at",
        "updated_at",
    ]
    list_filter = [
        "verification",
        "is_published",
        ("archived_at", admin.EmptyFieldListFilter),
        "stage",
        "form",
        "region",
    ]
    # Verification and archiving are written only by their workflows (the site's pages).
    readonly_fields = ["verification", "archived_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["carrier", "territory_communes", "territory_epcis"]
    filter_horizontal = ["sectors", "territory_departements"]
    list_select_related = ["region"]
    inlines = [PlaceInline, PolePersonInline]

    def get_actions(self, request):
        # One pole at a time, through `delete_view`, which refuses a pole the State keeps.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        pole = self.get_object(request, object_id)
        if pole is not None and request.method in ("GET", "POST") and _state_records(pole):
            self.message_user(request, _KEPT_BY_THE_STATE.format(pole=pole), messages.ERROR)
            return redirect("admin:poles_pole_change", pole.pk)
        return super().delete_view(request, object_id, extra_context)

    def save_related(self, request, form, formsets, change):
        """The territory goes through the same service as the site, so the covered
        départements and the main région derived from it stay in step."""
        super().save_related(request, form, formsets, change)
        pole = form.instance
        pole_territory_set(
            pole=pole,
            communes=list(pole.territory_communes.all()),
            epcis=list(pole.territory_epcis.all()),
            departements=list(pole.territory_departements.all()),
            scale=pole.scale,
            area_type=pole.area_type,
        )


_KEPT_BY_THE_STATE = (
    "Le pôle « {pole} » ne peut pas être supprimé : l’État en garde des dossiers "
    "(candidatures, évaluations). Archivez-le plutôt, depuis son espace des membres "
    "(« Archiver le pôle ») : il disparaîtra du site public sans perdre son histoire."
)


def _state_records(pole) -> bool:
    """Whether deleting the pole would be refused by a `PROTECT` (the State's records)."""
    collector = NestedObjects(using=router.db_for_write(type(pole)))
    collector.collect([pole])
    return bool(collector.protected)


@admin.register(Membership)
class MembershipAdmin(PublicDataAdmin, SimpleHistoryAdmin):
    list_display = ["organisation", "pole", "role", "joined_on", "left_on"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "pole__name"]
    raw_id_fields = ["pole", "organisation"]
    list_select_related = ["organisation", "pole"]
    # Newest first by key, not the model's organisation name: sorting 60,000 rows through a join
    # on every page of the list was its whole cost (issue #18); a column header still sorts.
    ordering = ["-pk"]
    show_full_result_count = False  # one COUNT of 60,000 rows per page, not two
    list_per_page = 50  # the admin's rendering of 100 rows was most of the list's 50 ms


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "pole", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "pole__name"]
    raw_id_fields = ["pole", "membership", "invited_by", "accepted_by"]
    readonly_fields = ["token"]
    list_select_related = ["pole"]


@admin.register(Sector)
class SectorAdmin(PublicDataAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
