"""The user admin, with erasure (RGPD): « Effacer les données personnelles » anonymises the
selected accounts after a confirmation page, and deleting an account also removes the name and
address its rows copied."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from ptce.core.admin import UserAdmin
from ptce.core.models import User

from .services import person_delete, person_erase

admin.site.unregister(User)


@admin.register(User)
class PrivacyUserAdmin(UserAdmin):
    actions = ["erase_people"]

    @admin.action(description="Effacer les données personnelles (anonymiser)")
    def erase_people(self, request, queryset):
        if request.POST.get("confirmation") != "oui":
            return TemplateResponse(
                request,
                "privacy/admin/erase_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Effacer les données personnelles",
                    "people": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        people = list(queryset)
        for user in people:
            person_erase(user=user)
        self.message_user(
            request,
            f"{len(people)} personne(s) anonymisée(s) : noms et adresses effacés, "
            "contributions gardées.",
            messages.SUCCESS,
        )
        return None

    def delete_model(self, request, obj):
        person_delete(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            person_delete(user=user)
