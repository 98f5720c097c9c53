from django.contrib import admin

from .models import Agreement, AgreementTransition, Committee, Instalment


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
