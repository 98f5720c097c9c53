"""Pages of a phase's application form (sections, questions, frozen revisions) and of its
scoring grid. Only the current form is edited: a section or question of a frozen revision is
a 404 here (it stays readable in the applications that answered it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed

from ..models import Phase, Question, ScoringCriterion, Section
from . import selectors, services_form
from .forms import CriterionForm, QuestionForm, SectionForm
from .revisions import form_is_frozen
from .views import ensure_editor, form_view, posted

FROZEN_NOTE = (
    "Des candidatures ont été déposées sur ce formulaire : il est figé. Votre modification "
    "crée une nouvelle révision ; les candidatures déposées gardent celle à laquelle elles "
    "ont répondu."
)


def _phase(pk):
    return get_object_or_404(Phase.objects.select_related("call"), pk=pk)


def _section(pk):
    return get_object_or_404(
        Section.objects.select_related("phase__call"), pk=pk, revision__isnull=True
    )


def _question(pk):
    return get_object_or_404(
        Question.objects.select_related("section__phase__call"),
        pk=pk,
        section__revision__isnull=True,
    )


def _form_url(phase_id) -> str:
    return reverse("calls:editor_form", args=[phase_id])


def form_page(request, phase_pk):
    ensure_editor(request)
    phase = _phase(phase_pk)
    page = selectors.form_page(phase)
    return render(
        request,
        "calls/editor/form.html",
        {"phase": phase, "call": phase.call, "page": page, "frozen_note": FROZEN_NOTE},
    )


def _context(phase, title, frozen=True):
    frozen = frozen and form_is_frozen(phase.pk)
    return {
        "phase": phase,
        "call": phase.call,
        "title": title,
        "note": FROZEN_NOTE if frozen else "",
    }


def section_create(request, phase_pk):
    ensure_editor(request)
    phase = _phase(phase_pk)
    return form_view(
        request,
        SectionForm(posted(request)),
        save=lambda version, **data: services_form.section_create(
            phase=phase, by=request.user, **data
        ),
        done_url=lambda section: _form_url(phase.pk),
        done_message=lambda section: f"La section « {section.title} » est ajoutée.",
        cancel_url=_form_url(phase.pk),
        template="calls/editor/form_page.html",
        **_context(phase, "Nouvelle section du formulaire"),
    )


def section_edit(request, section_pk):
    ensure_editor(request)
    section = _section(section_pk)
    phase = section.phase
    return form_view(
        request,
        SectionForm(posted(request), instance=section),
        save=lambda version, **data: services_form.section_update(
            section=section, by=request.user, version=version, **data
        ),
        done_url=lambda section: _form_url(phase.pk),
        done_message=lambda section: f"La section « {section.title} » est enregistrée.",
        cancel_url=_form_url(phase.pk),
        template="calls/editor/form_page.html",
        **_context(phase, f"Section « {section.title} »"),
    )


def _delete(request, *, title, subject, effects, act, back, done):
    ensure_editor(request)
    if is_confirmed(request):
        try:
            act()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(back)
    return confirmation_page(
        request, Confirmation(title=title, subject=subject, cancel_url=back, effects=effects)
    )


def _deletion_effects(phase) -> list[str]:
    if form_is_frozen(phase.pk):
        return [
            "Le formulaire est figé : une nouvelle révision est créée, sans cet élément.",
            "Les candidatures déposées gardent la révision à laquelle elles ont répondu.",
        ]
    return ["Les réponses déjà saisies dans les brouillons à cet endroit ne sont plus montrées."]


@confirmed_action
def section_delete(request, section_pk):
    ensure_editor(request)
    section = _section(section_pk)
    return _delete(
        request,
        title="Supprimer la section",
        subject=f"la section « {section.title} » et ses questions",
        effects=_deletion_effects(section.phase),
        act=lambda: services_form.section_delete(section=section, by=request.user),
        back=_form_url(section.phase_id),
        done=f"La section « {section.title} » est supprimée.",
    )


def question_create(request, section_pk):
    ensure_editor(request)
    section = _section(section_pk)
    return form_view(
        request,
        QuestionForm(posted(request), section=section),
        save=lambda version, **data: services_form.question_create(
            section=section, by=request.user, **data
        ),
        done_url=lambda question: _form_url(section.phase_id),
        done_message=lambda question: f"La question « {question.label} » est ajoutée.",
        cancel_url=_form_url(section.phase_id),
        template="calls/editor/form_page.html",
        **_context(section.phase, f"Nouvelle question de la section « {section.title} »"),
    )


def question_edit(request, question_pk):
    ensure_editor(request)
    question = _question(question_pk)
    section = question.section
    return form_view(
        request,
        QuestionForm(posted(request), instance=question, section=section),
        save=lambda version, **data: services_form.question_update(
            question=question, by=request.user, version=version, **data
        ),
        done_url=lambda question: _form_url(section.phase_id),
        done_message=lambda question: f"La question « {question.label} » est enregistrée.",
        cancel_url=_form_url(section.phase_id),
        template="calls/editor/form_page.html",
        **_context(section.phase, f"Question « {question.label} »"),
    )


@confirmed_action
def question_delete(request, question_pk):
    ensure_editor(request)
    question = _question(question_pk)
    return _delete(
        request,
        title="Supprimer la question",
        subject=f"la question « {question.label} »",
        effects=_deletion_effects(question.section.phase),
        act=lambda: services_form.question_delete(question=question, by=request.user),
        back=_form_url(question.section.phase_id),
        done=f"La question « {question.label} » est supprimée.",
    )


# --- The scoring grid -------------------------------------------------------------------------


def _grid_url(phase_id) -> str:
    return reverse("calls:editor_grid", args=[phase_id])


def grid_page(request, phase_pk):
    ensure_editor(request)
    phase = _phase(phase_pk)
    criteria = selectors.phase_criteria(phase)
    return render(
        request,
        "calls/editor/grid.html",
        {
            "phase": phase,
            "call": phase.call,
            "criteria": criteria,
            "total": sum(c.max_score * c.weight for c in criteria),
        },
    )


def criterion_create(request, phase_pk):
    ensure_editor(request)
    phase = _phase(phase_pk)
    return form_view(
        request,
        CriterionForm(posted(request)),
        save=lambda version, **data: services_form.criterion_create(phase=phase, **data),
        done_url=lambda criterion: _grid_url(phase.pk),
        done_message=lambda criterion: f"Le critère « {criterion.label} » est ajouté.",
        cancel_url=_grid_url(phase.pk),
        template="calls/editor/form_page.html",
        **_context(phase, "Nouveau critère de la grille", frozen=False),
    )


def criterion_edit(request, criterion_pk):
    ensure_editor(request)
    criterion = get_object_or_404(
        ScoringCriterion.objects.select_related("phase__call"), pk=criterion_pk
    )
    phase = criterion.phase
    return form_view(
        request,
        CriterionForm(posted(request), instance=criterion),
        save=lambda version, **data: services_form.criterion_update(
            criterion=criterion, version=version, **data
        ),
        done_url=lambda criterion: _grid_url(phase.pk),
        done_message=lambda criterion: f"Le critère « {criterion.label} » est enregistré.",
        cancel_url=_grid_url(phase.pk),
        template="calls/editor/form_page.html",
        **_context(phase, f"Critère « {criterion.label} »", frozen=False),
    )


@confirmed_action
def criterion_delete(request, criterion_pk):
    ensure_editor(request)
    criterion = get_object_or_404(ScoringCriterion, pk=criterion_pk)
    return _delete(
        request,
        title="Supprimer le critère",
        subject=f"le critère « {criterion.label} » de la grille de notation",
        effects=["Le critère disparaît de la grille des candidatures qui ne l’ont pas noté."],
        act=lambda: services_form.criterion_delete(criterion=criterion),
        back=_grid_url(criterion.phase_id),
        done=f"Le critère « {criterion.label} » est supprimé.",
    )
