from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import jobs
from .invalidation import everything_changed
from .models import ExportRun, JobRecord, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_instructor",
        "is_superuser",
        "is_active",
    ]
    list_filter = ["is_instructor", "is_national_instructor", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["instructor_regions", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "organisation_label"]}),
        (
            "Rôles de l’État",
            {"fields": ["is_instructor", "is_national_instructor", "instructor_regions"]},
        ),
        ("Administration", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class PublicDataAdmin:
    """For the admin of models the public pages show: the admin writes without the services,
    so each change or deletion renews every public cache entry (`everything_changed`): rare,
    and too varied to name its scopes."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        everything_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        everything_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        everything_changed()


@admin.register(JobRecord)
class JobRecordAdmin(admin.ModelAdmin):
    """Read-only: the worker writes these rows; an admin can only relaunch a failed job."""

    list_display = ["created_at", "name", "summary", "state", "attempts", "next_attempt_at"]
    list_filter = ["state", "name"]
    search_fields = ["name", "summary", "task_id"]
    fields = [
        "task_id",
        "name",
        "summary",
        "state",
        "attempts",
        "last_error",
        "next_attempt_at",
        "worker",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["relaunch"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Relancer les tâches échouées sélectionnées")
    def relaunch(self, request, queryset):
        relaunched = sum(jobs.job_relaunch(record=record) for record in queryset)
        skipped = queryset.count() - relaunched
        self.message_user(request, f"{relaunched} tâche(s) relancée(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} tâche(s) ignorée(s) : seule une tâche échouée peut être relancée.",
                messages.WARNING,
            )


@admin.register(ExportRun)
class ExportRunAdmin(admin.ModelAdmin):
    """Read-only: the exports people asked for and where they stand; the file itself is served
    only to its owner (« Mes exports »), never here."""

    list_display = ["created_at", "kind", "format", "requested_by", "state", "rows_done"]
    list_filter = ["state", "kind", "format"]
    list_select_related = ["requested_by"]
    search_fields = ["requested_by__email", "original_name"]
    fields = [
        "requested_by",
        "kind",
        "format",
        "params",
        "state",
        "rows_done",
        "rows_total",
        "original_name",
        "size",
        "error",
        "created_at",
        "finished_at",
        "expires_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
