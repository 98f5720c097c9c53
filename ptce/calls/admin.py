"""The national cell builds calls in the call editor (`calls/editor/`, no admin rights); the
admin keeps the same tools for superusers: documents, phases (window or permanent mode,
support, eligibility rules), the form of each phase (sections, typed questions) and its scoring
grid. Applications are read-mostly here: their life goes through the workflow, never through
the admin."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from ptce.core.admin import PublicDataAdmin
from ptce.core.models import User

from .applicant.prefill import PREFILL_CHOICES
from .editor.services import PHASE_FIELDS
from .models import (
    Application,
    ApplicationTransition,
    Call,
    CallDocument,
    Phase,
    Question,
    QuestionKind,
    ScoringCriterion,
    Section,
    WebhookDelivery,
)

CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE)


class PhaseAdminForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["call", *PHASE_FIELDS, "regions"]  # the call editor's, and the call

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "La clôture doit suivre l’ouverture.")
        # Permanent mode: submissions roll with no closing date (one may still end them).
        if not data.get("is_permanent") and not (opens_on and closes_on):
            self.add_error(
                "opens_on",
                "Indiquez les dates d’ouverture et de clôture, ou choisissez le mode permanent.",
            )
        required = data.get("requires_phase")
        call = data.get("call")
        if required is not None:
            if self.instance.pk and required.pk == self.instance.pk:
                self.add_error("requires_phase", "Une phase ne peut pas se requérir elle-même.")
            elif call is not None and required.call_id != call.pk:
                self.add_error(
                    "requires_phase", "La phase préalable doit appartenir au même appel."
                )
        return data


class CallDocumentForm(forms.ModelForm):
    url = forms.URLField(label="lien", required=False, assume_scheme="https")

    class Meta:
        model = CallDocument
        fields = ["title", "file", "url", "position"]

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise ValidationError("Joignez un fichier ou indiquez un lien.")
        return data


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    form = CallDocumentForm
    extra = 0


class PhaseInline(admin.TabularInline):
    model = Phase
    form = PhaseAdminForm
    fields = ["number", "name", "is_permanent", "opens_on", "closes_on", "support_type"]
    extra = 0
    show_change_link = True


@admin.register(Call)
class CallAdmin(PublicDataAdmin, admin.ModelAdmin):
    list_display = ["name", "year", "is_published", "created_at"]
    list_filter = ["is_published", "year"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CallDocumentInline, PhaseInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "year", "summary", "description", "is_published"]}),
        ("Lettres de décision", {"fields": ["letter_laureate", "letter_other"]}),
    ]


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["position", "title", "help_text"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # The current form only: frozen revisions stay as deposited applications answered them.
        return super().get_queryset(request).filter(revision__isnull=True)


class CriterionInline(admin.TabularInline):
    model = ScoringCriterion
    fields = ["position", "label", "help_text", "weight", "max_score"]
    extra = 0


@admin.register(Phase)
class PhaseAdmin(PublicDataAdmin, admin.ModelAdmin):
    form = PhaseAdminForm
    list_display = ["__str__", "is_permanent", "opens_on", "closes_on", "support_type"]
    list_filter = ["call", "is_permanent", "support_type"]
    list_select_related = ["call"]
    filter_horizontal = ["regions"]
    fieldsets = [
        (None, {"fields": ["call", "number", "name", "description", "is_recognition"]}),
        (
            "Soutien proposé",
            {"fields": ["support_type", "support_description", "amount_per_laureate"]},
        ),
        ("Enveloppe", {"fields": ["total_budget"]}),
        ("Calendrier", {"fields": ["is_permanent", "opens_on", "closes_on"]}),
        (
            "Règles d’éligibilité",
            {
                "fields": [
                    "requires_compliance",
                    "minimum_stage",
                    "regions",
                    "requires_phase",
                    "requirement_mode",
                ]
            },
        ),
    ]
    inlines = [SectionInline, CriterionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "requires_phase":
            kwargs["queryset"] = Phase.objects.select_related("call")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label="choix possibles",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 30}),
        help_text="Un choix par ligne (choix unique ou multiple).",
    )

    class Meta:
        model = Question
        fields = [
            "position",
            "key",
            "label",
            "help_text",
            "kind",
            "required",
            "choices_text",
            "prefill",
            "parent",
            "max_repeats",
        ]
        widgets = {"prefill": forms.Select(choices=PREFILL_CHOICES)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.choices:
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean(self):
        data = super().clean()
        choices = [line.strip() for line in (data.get("choices_text") or "").splitlines()]
        choices = [line for line in choices if line]
        kind = data.get("kind")
        if kind in CHOICE_KINDS:
            if not choices:
                self.add_error("choices_text", "Indiquez les choix possibles, un par ligne.")
            elif len(set(choices)) != len(choices):
                self.add_error("choices_text", "Chaque choix ne doit figurer qu’une fois.")
        elif choices:
            self.add_error(
                "choices_text", "Seules les questions à choix unique ou multiple ont des choix."
            )
        self.instance.choices = choices if kind in CHOICE_KINDS else []
        parent = data.get("parent")
        if parent is not None:
            section_id = self.instance.section_id
            if parent.kind != QuestionKind.REPEATED:
                self.add_error("parent", "Le parent doit être une question « Bloc répété ».")
            elif section_id is not None and parent.section_id != section_id:
                self.add_error("parent", "Le bloc répété parent doit être dans la même section.")
            elif self.instance.pk and parent.pk == self.instance.pk:
                self.add_error("parent", "Une question ne peut pas être son propre parent.")
            if kind == QuestionKind.REPEATED:
                self.add_error("kind", "Un bloc répété ne peut pas être dans un autre bloc.")
        return data


class QuestionFormSet(forms.BaseInlineFormSet):
    """Keys are unique within the phase: against each other, and against the questions of the
    phase's other sections."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A child points to a « bloc répété » of this very section.
        section = self.instance if self.instance.pk else None
        repeated = Question.objects.filter(section=section, kind=QuestionKind.REPEATED)
        form.fields["parent"].queryset = repeated if section else Question.objects.none()

    def clean(self):
        # Replaces the formset's own uniqueness check, which names the field « key ».
        section = self.instance
        taken = set()
        if section.pk and section.phase_id:
            taken = set(
                Question.objects.filter(section__phase_id=section.phase_id)
                .exclude(section=section)
                .values_list("key", flat=True)
            )
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            key = form.cleaned_data.get("key")
            if not key:
                continue
            if key in taken:
                form.add_error("key", f"L’identifiant « {key} » est déjà utilisé dans la phase.")
            elif key in seen:
                form.add_error("key", f"L’identifiant « {key} » est en double dans la section.")
            seen.add(key)


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionForm
    formset = QuestionFormSet
    fk_name = "section"
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "phase", "position"]
    list_filter = ["phase__call"]
    list_select_related = ["phase__call"]
    inlines = [QuestionInline]


class TransitionInline(admin.TabularInline):
    model = ApplicationTransition
    fields = ["at", "from_state", "to_state", "by", "motivation"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(PublicDataAdmin, admin.ModelAdmin):
    """Read-mostly: only the assignment may change here; states move through the workflow."""

    list_display = ["pole", "phase", "state", "first_submitted_at", "decided_at"]
    list_filter = ["state", "phase__call", "region"]
    search_fields = ["pole__name"]
    list_select_related = ["pole", "phase__call"]
    date_hierarchy = "first_submitted_at"
    filter_horizontal = ["assigned_to"]
    readonly_fields = [
        "phase",
        "pole",
        "state",
        "joint_with",
        "created_by",
        "co_editors",
        "created_at",
        "first_submitted_at",
        "submitted_at",
        "proposal",
        "proposal_motivation",
        "proposed_by",
        "proposed_at",
        "decided_at",
        "decision_motivation",
        "support_granted",
        "amount_granted",
        "answers",
        "snapshot",
    ]
    fields = ["assigned_to", *readonly_fields]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = User.objects.filter(is_instructor=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "created_at", "attempts", "next_attempt_at", "delivered_at"]
    readonly_fields = [
        "event",
        "payload",
        "created_at",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    ]

    def has_add_permission(self, request):
        return False
