from django.contrib import admin

from .models import (
    Agreement,
    AgreementTransition,
    Committee,
    Instalment,
    ReportQuestion,
    ServiceItem,
)


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0
    readonly_fields = ["state", "paid_on", "paid_amount"]


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0


class TransitionInline(admin.TabularInline):
    model = AgreementTransition
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "reason"]
    can_delete = False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["application", "state", "amount_granted", "signed_on"]
    list_filter = ["state"]
    readonly_fields = ["state", "application"]
    inlines = [InstalmentInline, CommitteeInline, TransitionInline]


# The reports' forms and the bouquet's catalogue are built per call in the admin, like the
# application forms.
@admin.register(ReportQuestion)
class ReportQuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "call", "report_kind", "section", "position", "kind", "prefill"]
    list_filter = ["call", "report_kind"]
    ordering = ["call", "report_kind", "position"]


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):
    list_display = ["label", "call", "unit", "position"]
    list_filter = ["call"]
