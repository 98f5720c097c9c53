"""Step 2, « co-construire »: territory needs, topics, the topics × needs matrix; and the stage
tracker. The action plan and actions are in `views_actions`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.versioning import EditConflict, conflict_response

from ..models import TerritoryNeed, Topic
from . import perms, selectors
from .forms import MatrixForm, NeedForm, TopicForm
from .services import (
    need_create,
    need_delete,
    need_update,
    topic_create,
    topic_delete,
    topic_update,
)
from .services_matrix import MatrixConflict, matrix_set
from .stages import pole_stages


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _context(request, pole, tab, **extra):
    return {
        "pole": pole,
        "tab": tab,
        "can_propose": perms.can_propose(request.user, pole),
        "can_manage": perms.can_manage(request.user, pole),
        **extra,
    }


# --- Needs and topics (one shape, two kinds) -------------------------------------------------

KINDS = {
    "need": {
        "model": TerritoryNeed,
        "form": NeedForm,
        "create": need_create,
        "update": lambda obj, **data: need_update(need=obj, **data),
        "delete": lambda obj: need_delete(need=obj),
        "list": "cooperation:needs",
        "tab": "needs",
        "template": "cooperation/plan/need_form.html",
        "created": "Le besoin « {} » est enregistré.",
        "deleted": "Le besoin « {} » est supprimé.",
    },
    "topic": {
        "model": Topic,
        "form": TopicForm,
        "create": topic_create,
        "update": lambda obj, **data: topic_update(topic=obj, **data),
        "delete": lambda obj: topic_delete(topic=obj),
        "list": "cooperation:topics",
        "tab": "topics",
        "template": "cooperation/plan/topic_form.html",
        "created": "Le sujet « {} » est enregistré.",
        "deleted": "Le sujet « {} » est supprimé.",
    },
}


def _proposal_for_edit(request, pole, kind, pk):
    obj = get_object_or_404(KINDS[kind]["model"], pk=pk, pole=pole)
    if not perms.can_edit_proposal(request.user, obj):
        raise PermissionDenied(
            "Seuls son auteur et les coordinateurs du pôle peuvent modifier cela."
        )
    return obj


def _proposal_form(request, slug, kind, pk=None):
    spec = KINDS[kind]
    pole = perms.get_pole_for_user(request, slug, need="propose")
    obj = _proposal_for_edit(request, pole, kind, pk) if pk else None
    form = spec["form"](request.POST if request.method == "POST" else None, instance=obj)
    if obj is None:
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if obj is None:
                obj = spec["create"](pole=pole, proposed_by=request.user, **data)
            else:
                spec["update"](obj, version=form.cleaned_data.get("version"), **data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse(spec["list"], args=[pole.slug]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, spec["created"].format(obj.title))
            return once.done(form, redirect(spec["list"], slug=pole.slug))
    return render(
        request, spec["template"], _context(request, pole, spec["tab"], form=form, obj=obj)
    )


def _proposal_delete(request, slug, kind, pk):
    spec = KINDS[kind]
    pole = perms.get_pole_for_user(request, slug, need="propose")
    obj = _proposal_for_edit(request, pole, kind, pk)
    spec["delete"](obj)
    messages.success(request, spec["deleted"].format(obj.title))
    return redirect(spec["list"], slug=pole.slug)


def needs(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="read")
    return render(
        request,
        "cooperation/plan/needs.html",
        _context(request, pole, "needs", needs=selectors.pole_needs(pole)),
    )


def need_form(request, slug, pk=None):
    return _proposal_form(request, slug, "need", pk)


@require_POST
def need_remove(request, slug, pk):
    return _proposal_delete(request, slug, "need", pk)


def topics(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="read")
    return render(
        request,
        "cooperation/plan/topics.html",
        _context(request, pole, "topics", topics=selectors.pole_topics(pole)),
    )


def topic_form(request, slug, pk=None):
    return _proposal_form(request, slug, "topic", pk)


@require_POST
def topic_remove(request, slug, pk):
    return _proposal_delete(request, slug, "topic", pk)


# --- The matrix ----------------------------------------------------------------------------


def matrix(request, slug):
    """Topics × needs. People of the pole mark the cells (a plain form: one labelled select
    per cell); instructors and admins of the région read it."""
    pole = perms.get_pole_for_user(request, slug, need="read")
    can_propose = perms.can_propose(request.user, pole)
    if request.method == "POST" and not can_propose:
        raise PermissionDenied("Seules les personnes du pôle peuvent marquer la matrice.")
    grid = selectors.topic_need_matrix(pole)
    form = MatrixForm(request.POST if request.method == "POST" else None, matrix=grid)
    if request.method == "POST" and form.is_valid():
        try:
            changed = matrix_set(
                pole=pole,
                cells=form.cells(),
                marked_by=request.user,
                loaded=form.cleaned_data["loaded"],
            )
        except MatrixConflict as conflict:
            return _matrix_conflict(request, pole, form, conflict)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"La matrice est enregistrée ({changed} case{'s' if changed > 1 else ''} "
                f"modifiée{'s' if changed > 1 else ''}).",
            )
        return redirect("cooperation:matrix", slug=pole.slug)
    return render(
        request,
        "cooperation/plan/matrix.html",
        _context(request, pole, "matrix", matrix=grid, form=form, grid=form.grid()),
    )


def _matrix_conflict(request, pole, form, conflict):
    """The matrix as saved now, with this person's own changes put back in their cells, and the
    cells both changed listed: sending it again keeps theirs knowingly (409)."""
    grid = selectors.topic_need_matrix(pole)
    loaded, yours = form.cleaned_data["loaded"] or {}, form.cells()
    data = {"loaded": MatrixForm.encode(grid.strengths)}
    for topic, row in grid.rows():
        for need, strength in row:
            key = (topic.pk, need.pk)
            changed = key in yours and yours[key] != loaded.get(key)
            value = yours[key] if changed else strength
            data[MatrixForm.cell_name(topic, need)] = "" if value is None else str(value)
    titles = {t.pk: t.title for t in grid.topics}
    needs = {n.pk: n.title for n in grid.needs}
    conflicts = [
        {
            "label": f"«\u00a0{titles[t]}\u00a0» × «\u00a0{needs[n]}\u00a0»",
            "theirs": f"{theirs} / 3" if theirs else "—",
            "yours": f"{yours[t, n]} / 3" if yours[t, n] else "—",
        }
        for (t, n), theirs in sorted(conflict.cells.items())
    ]
    retry = MatrixForm(data, matrix=grid)
    retry.is_valid()
    context = _context(
        request, pole, "matrix", matrix=grid, form=retry, grid=retry.grid(), conflicts=conflicts
    )
    return render(request, "cooperation/plan/matrix.html", context, status=409)


# --- Stage tracker -------------------------------------------------------------------------


def stages(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    return render(
        request,
        "cooperation/plan/stages.html",
        {"pole": pole, "tab": "stages", "stages": pole_stages(pole)},
    )
