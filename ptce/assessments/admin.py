"""Admin of the référentiel versions and a read-only view of evaluations.

The grid's structure (objectives, criteria, letters) comes from the data files; admins edit the
wording and the platform's proposals (levels, points d’observation, evidence, lexicon) while no
evaluation uses the version. Once a version is used it becomes read-only here, as everywhere.
New versions are loaded from a JSON file (« Charger une version »), through `referentiel_load`.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ptce.core.admin import PublicDataAdmin

from .models import (
    Criterion,
    Evaluation,
    EvaluationTransition,
    GeneralObjective,
    LevelDescriptor,
    LexiconTerm,
    PrincipalObjective,
    Referentiel,
)
from .referentiel.loader import ReferentielFileError
from .referentiel.services import referentiel_load, referentiel_make_default

MAX_UPLOAD_BYTES = 1_000_000


def referentiel_in_use(referentiel: Referentiel | None) -> bool:
    """True once an evaluation uses the version (cached on the instance for the request)."""
    if referentiel is None or referentiel.pk is None:
        return False
    if not hasattr(referentiel, "_in_use"):
        referentiel._in_use = referentiel.evaluations.exists()
    return referentiel._in_use


class LockedWhenUsed:
    """Change and delete only while no evaluation uses the version the object belongs to."""

    def referentiel_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and not referentiel_in_use(self.referentiel_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not referentiel_in_use(self.referentiel_of(obj))


class LockedInline(LockedWhenUsed):
    """Inlines of a version: `obj` is the parent Referentiel."""

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and not referentiel_in_use(obj)


class LinesField(forms.CharField):
    """A list of texts edited as one item per line."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class CriterionAdminForm(forms.ModelForm):
    guiding_questions = LinesField(
        label="Points d’observation", required=False, help_text="Une question par ligne."
    )
    evidence_examples = LinesField(
        label="Exemples de preuves", required=False, help_text="Un exemple par ligne."
    )

    class Meta:
        model = Criterion
        fields = ["statement", "footnote", "guiding_questions", "evidence_examples", "terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = LexiconTerm.objects.filter(
            referentiel_id=self.instance.referentiel_id
        )


class LevelDescriptorInline(LockedInline, admin.TabularInline):
    model = LevelDescriptor
    extra = 0
    max_num = 5


class LexiconTermInline(LockedInline, admin.StackedInline):
    model = LexiconTerm
    extra = 0


class GeneralObjectiveInline(LockedInline, admin.TabularInline):
    model = GeneralObjective
    fields = ["position", "title"]
    readonly_fields = ["position"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # the structure comes from the data file

    def has_delete_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["letter", "statement"]
    readonly_fields = ["letter", "statement"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReferentielFileForm(forms.Form):
    file = forms.FileField(
        label="Fichier JSON du référentiel",
        help_text="Même format que ptce/assessments/data/ecarts-generique.json ; 1 Mo au plus.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Le fichier dépasse 1 Mo.")
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError(f"Ce fichier n’est pas un JSON valide : {error}") from error


@admin.register(Referentiel)
class ReferentielAdmin(LockedWhenUsed, admin.ModelAdmin):
    list_display = ["name", "code", "is_default", "criteria_count", "evaluations_count"]
    search_fields = ["name", "code"]
    fields = [
        "code",
        "name",
        "is_default",
        "theme",
        "introduction",
        "usage_note",
        "source",
        "proposal_note",
        "created_at",
    ]
    readonly_fields = ["code", "is_default", "created_at"]
    inlines = [GeneralObjectiveInline, CriterionInline, LevelDescriptorInline, LexiconTermInline]
    actions = ["make_default"]
    change_list_template = "assessments/referentiel/admin_change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                criteria_total=Count("criteria", distinct=True),
                evaluations_total=Count("evaluations", distinct=True),
            )
        )

    @admin.display(description="critères", ordering="criteria_total")
    def criteria_count(self, obj):
        return obj.criteria_total

    @admin.display(description="évaluations qui l’utilisent", ordering="evaluations_total")
    def evaluations_count(self, obj):
        return obj.evaluations_total

    def has_add_permission(self, request):
        return False  # versions are loaded from a file: see `load_view`

    @admin.action(description="Définir comme version par défaut")
    def make_default(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choisissez une seule version.", messages.ERROR)
            return
        referentiel = referentiel_make_default(referentiel=queryset.get())
        self.message_user(request, f"« {referentiel.name} » est la version par défaut.")

    def get_urls(self):
        load = self.admin_site.admin_view(self.load_view)
        return [path("charger/", load, name="assessments_referentiel_load"), *super().get_urls()]

    def load_view(self, request):
        if not request.user.has_perm("assessments.add_referentiel"):
            raise PermissionDenied
        form = ReferentielFileForm(
            request.POST if request.method == "POST" else None, request.FILES or None
        )
        if form.is_valid():
            try:
                result = referentiel_load(source=form.cleaned_data["file"])
            except ReferentielFileError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                self.message_user(
                    request,
                    f"Référentiel « {result.referentiel.code} » {result.status}.",
                    messages.SUCCESS,
                )
                return redirect(
                    reverse("admin:assessments_referentiel_change", args=[result.referentiel.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Charger une version du référentiel",
            "form": form,
        }
        return TemplateResponse(request, "assessments/referentiel/admin_load.html", context)


class PrincipalObjectiveInline(admin.TabularInline):
    model = PrincipalObjective
    fields = ["position", "title"]
    readonly_fields = ["position"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and not referentiel_in_use(obj.referentiel if obj else None)


@admin.register(GeneralObjective)
class GeneralObjectiveAdmin(LockedWhenUsed, admin.ModelAdmin):
    list_display = ["title", "position", "referentiel"]
    list_filter = ["referentiel"]
    list_select_related = ["referentiel"]
    fields = ["referentiel", "position", "title"]
    readonly_fields = ["referentiel", "position"]
    inlines = [PrincipalObjectiveInline]

    def referentiel_of(self, obj):
        return obj.referentiel if obj else None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Criterion)
class CriterionAdmin(LockedWhenUsed, admin.ModelAdmin):
    form = CriterionAdminForm
    list_display = ["letter", "statement", "referentiel"]
    list_filter = ["referentiel"]
    list_select_related = ["referentiel"]
    search_fields = ["statement"]
    readonly_fields = ["referentiel", "letter", "principal_objective"]
    fieldsets = [
        (None, {"fields": ["referentiel", "letter", "principal_objective"]}),
        ("Texte du référentiel", {"fields": ["statement", "footnote"]}),
        (
            "Proposition de la plateforme",
            {"fields": ["guiding_questions", "evidence_examples", "terms"]},
        ),
    ]
    filter_horizontal = ["terms"]

    def referentiel_of(self, obj):
        return obj.referentiel if obj else None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LexiconTerm)
class LexiconTermAdmin(LockedWhenUsed, admin.ModelAdmin):
    list_display = ["term", "slug", "referentiel"]
    list_filter = ["referentiel"]
    list_select_related = ["referentiel"]
    search_fields = ["term", "definition"]
    readonly_fields = ["referentiel"]
    fields = ["referentiel", "term", "slug", "definition"]

    def referentiel_of(self, obj):
        return obj.referentiel if obj else None

    def has_add_permission(self, request):
        return False  # add terms from the version's page (inline)


class EvaluationTransitionInline(admin.TabularInline):
    model = EvaluationTransition
    fields = ["at", "from_state", "to_state", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(PublicDataAdmin, admin.ModelAdmin):
    """Read-only: evaluations change only through their workflow services."""

    list_display = ["title", "pole", "referentiel", "mode", "state", "created_at", "validated_at"]
    list_filter = ["state", "mode", "referentiel", "is_public"]
    list_select_related = ["pole", "referentiel"]
    search_fields = ["title", "pole__name"]
    date_hierarchy = "created_at"
    inlines = [EvaluationTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
