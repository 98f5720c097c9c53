from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


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
