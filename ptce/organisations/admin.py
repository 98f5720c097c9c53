from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ptce.core.admin import PublicDataAdmin

from .forms import OrganisationAdminForm
from .models import Organisation, OrganisationChangeProposal, OrganisationChangeProposalTransition
from .selectors import search_condition


@admin.register(Organisation)
class OrganisationAdmin(PublicDataAdmin, SimpleHistoryAdmin):
    """The platform team's view of the registry; edits follow the same rules as the site
    (normalised identifiers, one organisation per SIRET or RNA number)."""

    form = OrganisationAdminForm
    list_display = ["name", "legal_category", "siret", "rna", "naf_code", "commune", "is_ess"]
    list_filter = ["legal_category", "ess_quality"]
    list_select_related = ["commune"]
    search_fields = ["name", "siret", "rna"]  # see `get_search_results`
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "legal_category", "ess_quality"]}),
        ("Identifiants", {"fields": ["siret", "rna", "naf_code"]}),
        ("Coordonnées", {"fields": ["commune", "website"]}),
        ("Suivi", {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description="ESS")
    def is_ess(self, obj):
        return obj.is_ess

    def get_search_results(self, request, queryset, search_term):
        """Same search as the site: name words without accents, SIRET or SIREN, RNA number."""
        condition = search_condition(search_term)
        if condition is None:
            return queryset, False
        return queryset.filter(condition), False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ProposalTransitionInline(admin.TabularInline):
    model = OrganisationChangeProposalTransition
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_state", "to_state", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OrganisationChangeProposal)
class OrganisationChangeProposalAdmin(admin.ModelAdmin):
    """Read-only: proposals are decided on the organisation's page, where the rules apply."""

    list_display = ["organisation", "proposed_by", "created_at", "state", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["organisation", "proposed_by", "decided_by"]
    inlines = [ProposalTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
