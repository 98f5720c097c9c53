from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only: an import is made and applied on its pages (`imports/…`)."""

    list_display = ["original_name", "kind", "pole", "state", "total_rows", "uploaded_at"]
    list_filter = ["kind", "state"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
