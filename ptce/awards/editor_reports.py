"""The call editor's page of a call's report forms (`gestion-des-appels/<call>/rapports/`): the
national cell lists, adds, edits and deletes the questions of the interim and final reports,
without the admin. Writes here (`report_question_*`), pages below, in the shape of the rest of
the editor (`ptce.calls.editor.views.form_view`).

Reports keep their answers by question key: once a report of the call and kind has been
submitted, a question's key and type no longer change and no question is deleted (its answers
would no longer be shown); wording, help, order and « obligatoire » still do.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from ptce.calls.editor.forms import ChoicesField
from ptce.calls.editor.views import ensure_editor, form_view, posted
from ptce.calls.models import Call, QuestionKind
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.forms import DsfrModelForm
from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import VersionedFormMixin, check_version

from .models import Report, ReportKind, ReportQuestion, ReportState
from .services_reports import REPORT_SOURCES

FIELDS = ("report_kind", "section", "label", "key", "help_text", "kind", "required", "choices")
FIELDS += ("prefill", "position")
CHOICE_KINDS = {QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE}
LOCKED = (
    "Un rapport de ce type a déjà été remis pour cet appel : l’identifiant et le type de ses "
    "questions ne changent plus, et aucune question n’est supprimée (ses réponses ne seraient "
    "plus montrées)."
)

# --- Writes -----------------------------------------------------------------------------------


def answered(call_id: int, report_kind: str) -> bool:
    """A report of this call and kind was submitted: its questions' keys are in use."""
    return (
        Report.objects.filter(agreement__application__phase__call_id=call_id, kind=report_kind)
        .exclude(state=ReportState.DRAFT)
        .exists()
    )


def _save(question: ReportQuestion, fields: dict, *, before: tuple | None) -> ReportQuestion:
    for name in FIELDS:
        if name in fields and fields[name] is not None:
            setattr(question, name, fields[name])
    question.key = question.key or slugify(question.label)[:60] or "question"
    errors = {}
    if question.kind in CHOICE_KINDS and not question.choices:
        errors["choices"] = ["Indiquez au moins un choix, un par ligne."]
    if question.kind not in CHOICE_KINDS:
        question.choices = []
    if question.prefill and question.prefill not in REPORT_SOURCES:
        errors["prefill"] = ["Source de pré-remplissage inconnue."]
    changed = before is not None and before != (question.report_kind, question.key, question.kind)
    if changed and answered(question.call_id, before[0]):
        errors[NON_FIELD_ERRORS] = [LOCKED]
    if errors:
        raise ValidationError(errors)
    unique = {
        "existing": lambda: (
            ReportQuestion.objects.filter(
                call_id=question.call_id, report_kind=question.report_kind, key=question.key
            )
            .exclude(pk=question.pk)
            .first()
        ),
        "message": f"Ce rapport a déjà une question d’identifiant « {question.key} ».",
        "url": lambda found: reverse("awards:editor_report_question", args=[found.pk]),
        "field": "key",
    }
    check_unique(**unique)
    question.full_clean(validate_unique=False, validate_constraints=False)
    return save_unique(question, **unique)


@transaction.atomic
def report_question_create(*, call: Call, **fields) -> ReportQuestion:
    """A question at the end of its report unless `position` says where."""
    Call.objects.select_for_update().filter(pk=call.pk).first()
    if fields.get("position") is None:
        same = ReportQuestion.objects.filter(call=call, report_kind=fields.get("report_kind"))
        last = same.aggregate(p=Max("position"))["p"]
        fields["position"] = 0 if last is None else last + 1
    return _save(ReportQuestion(call=call), fields, before=None)


@transaction.atomic
def report_question_update(*, question: ReportQuestion, version: int | None = None, **fields):
    Call.objects.select_for_update().filter(pk=question.call_id).first()
    check_version(question, version)
    before = (question.report_kind, question.key, question.kind)
    return _save(question, fields, before=before)


@transaction.atomic
def report_question_delete(*, question: ReportQuestion) -> None:
    Call.objects.select_for_update().filter(pk=question.call_id).first()
    question = ReportQuestion.objects.filter(pk=question.pk).first()
    if question is None:
        raise ValidationError("Cette question a déjà été supprimée.")
    if answered(question.call_id, question.report_kind):
        raise ValidationError(LOCKED)
    question.delete()


# --- Pages ------------------------------------------------------------------------------------


class ReportQuestionForm(VersionedFormMixin, DsfrModelForm):
    choices = ChoicesField(
        label="Choix possibles", required=False, help_text="Un par ligne, pour un choix."
    )
    prefill = forms.ChoiceField(
        label="Pré-remplissage",
        required=False,
        choices=[("", "Aucun")] + [(k, label) for k, (label, _) in REPORT_SOURCES.items()],
        help_text="Donnée du pôle proposée comme réponse.",
    )

    class Meta:
        model = ReportQuestion
        fields = list(FIELDS)
        widgets = {"help_text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "key": "Laissé vide : tiré du libellé. Sert aux exports.",
            "section": "Les questions d’une même section sont regroupées.",
            "position": "Vide : à la fin du rapport.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        self.fields["position"].required = False

    def validate_unique(self):
        """The service checks uniqueness, with a link to what exists."""


def _list_url(call_id) -> str:
    return reverse("awards:editor_report_questions", args=[call_id])


def question_list(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    questions = list(
        ReportQuestion.objects.filter(call=call).order_by("report_kind", "position", "pk")
    )
    reports = [
        (label, [q for q in questions if q.report_kind == kind])
        for kind, label in ReportKind.choices
    ]
    return render(
        request, "awards/editor_report_questions.html", {"call": call, "reports": reports}
    )


def question_create(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    return form_view(
        request,
        ReportQuestionForm(posted(request)),
        save=lambda version, **data: report_question_create(call=call, **data),
        done_url=lambda question: _list_url(call.pk),
        done_message=lambda question: f"La question « {question.label} » est ajoutée.",
        cancel_url=_list_url(call.pk),
        template="calls/editor/form_page.html",
        title=f"Nouvelle question des rapports de l’appel « {call.name} »",
        call=call,
    )


def question_edit(request, report_question_pk):
    ensure_editor(request)
    question = get_object_or_404(
        ReportQuestion.objects.select_related("call"), pk=report_question_pk
    )
    return form_view(
        request,
        ReportQuestionForm(posted(request), instance=question),
        save=lambda version, **data: report_question_update(
            question=question, version=version, **data
        ),
        done_url=lambda question: _list_url(question.call_id),
        done_message=lambda question: f"La question « {question.label} » est enregistrée.",
        cancel_url=_list_url(question.call_id),
        template="calls/editor/form_page.html",
        title=f"Question « {question.label} »",
        note=LOCKED if answered(question.call_id, question.report_kind) else "",
        call=question.call,
    )


@confirmed_action
def question_delete(request, report_question_pk):
    ensure_editor(request)
    question = get_object_or_404(
        ReportQuestion.objects.select_related("call"), pk=report_question_pk
    )
    back = _list_url(question.call_id)
    if is_confirmed(request):
        try:
            report_question_delete(question=question)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"La question « {question.label} » est supprimée.")
        return redirect(back)
    return confirmation_page(
        request,
        Confirmation(
            title="Supprimer la question",
            subject=f"la question « {question.label} » du "
            f"{question.get_report_kind_display().lower()}",
            cancel_url=back,
            effects=["Elle disparaît du formulaire des rapports qui ne sont pas encore remis."],
        ),
    )
