"""The applicant's writes: create, answer, invite co-editors, submit, withdraw.

Every service is atomic and writes nothing on bad input (French `ValidationError`, or
`PermissionDenied`). State changes go through `moves.move`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ptce.core.invalidation import pole_activity_changed
from ptce.core.once import check_unique, save_unique
from ptce.core.versioning import lock_part_version
from ptce.poles.perms import is_coordinator

from .. import perms, uploads
from ..models import Application, ApplicationState, Phase
from ..moves import lock_state, move
from ..workflow import EDITABLE_STATES
from .acknowledgement import acknowledge_deposit
from .completeness import missing_items
from .compliance import BLOCKING, compliance_report, refresh_computed_answers
from .eligibility import EligibilityContext, check_eligibility, joint_application, window_reasons
from .formbuilder import form_structure, section_form
from .prefill import pole_snapshot, prefill_answers

NOT_EDITABLE = (
    "Cette candidature est « {state} » : ses réponses ne peuvent plus être modifiées "
    "(sauf quand l’instruction demande un complément)."
)
AUTHORS_ONLY = "Seuls l’auteur et les co-rédacteurs de la candidature peuvent la modifier."


class AnswersInvalid(ValidationError):
    """The section's form did not validate; `form` holds the errors to show."""

    def __init__(self, form):
        super().__init__("Certaines réponses sont invalides : corrigez-les.")
        self.form = form


def _ensure_editor(application: Application, by) -> None:
    if not perms.can_edit_answers(by, application):
        raise PermissionDenied(AUTHORS_ONLY)


def _ensure_editable(application: Application) -> None:
    state = lock_state(application)
    if state not in EDITABLE_STATES:
        raise ValidationError(NOT_EDITABLE.format(state=ApplicationState(state).label))


@transaction.atomic
def application_create(*, pole, phase, by) -> Application:
    """A draft for `pole` on `phase`, prefilled from the pole's data; only a coordinator of the
    pole may create it, and only if the pole is eligible."""
    if not is_coordinator(by, pole):
        raise PermissionDenied("Seuls les coordinateurs du pôle peuvent candidater pour lui.")
    if pole.archived_at is not None:
        raise ValidationError("Ce pôle est archivé : il ne peut plus candidater.")
    context = EligibilityContext(pole)
    reasons = check_eligibility(pole, phase, context=context)
    if reasons:
        raise ValidationError(reasons)
    unique = {
        "existing": Application.objects.filter(pole=pole, phase=phase).first,
        "message": "Le pôle a déjà une candidature à cette phase.",
        "url": lambda found: reverse("calls:application_detail", args=[found.pk]),
    }
    check_unique(**unique)
    application = Application(
        pole=pole,
        phase=phase,
        created_by=by,
        joint_with=joint_application(pole, phase, context),
    )
    prefill_answers(application)
    application = save_unique(application, **unique)
    pole_activity_changed(region_code=pole.region_id)
    return application


@transaction.atomic
def application_save_answers(*, application, section, data, files, by) -> Application:
    """Save one section's answers as a draft: nothing is required yet, types are checked.
    Raises `AnswersInvalid` (with the bound form) when an answer is of the wrong type.

    The row is locked and its answers read again, and only this section's questions are
    replaced: two people saving two sections at once both keep theirs. The form carries the
    section's version: if someone saved this section since the page was loaded, `EditConflict`
    and nothing is written (a form without a version is not checked)."""
    _ensure_editor(application, by)
    _ensure_editable(application)
    if (section.phase_id, section.revision_id) != (
        application.phase_id,
        application.form_revision_id,
    ):
        raise ValidationError("Cette section n’appartient pas au formulaire de la candidature.")
    questions = next(
        (
            qs
            for s, qs in form_structure(application.phase, revision=application.form_revision_id)
            if s.pk == section.pk
        ),
        [],
    )
    form = section_form(application, section, questions, data=data, files=files)
    if not form.is_valid():
        raise AnswersInvalid(form)
    locked = lock_part_version(
        Application, pk=application.pk, part=section.pk, expected=form.pop_version()
    )
    # This section as saved now: the old files and rows the new answers keep.
    form.answers = locked.answers or {}

    def store_file(question_key, uploaded):
        return uploads.store(
            application=application, question_key=question_key, uploaded=uploaded, by=by
        ).pk

    locked.answers = {**form.answers, **form.to_answers(store_file)}
    refresh_computed_answers(locked, [(section, questions)])
    locked.save(update_fields=["answers", "versions", "updated_at"])
    application.answers, application.versions = locked.answers, locked.versions
    return application


@transaction.atomic
def application_coeditor_add(*, application, user, by) -> None:
    """Invite one of the pole's coordinators to edit; asked by the author or a co-editor."""
    if not (perms.is_admin(by) or perms.can_edit_answers(by, application)):
        raise PermissionDenied("Seuls l’auteur et les co-rédacteurs invitent des co-rédacteurs.")
    if not is_coordinator(user, application.pole):
        raise ValidationError("Seuls les coordinateurs du pôle peuvent être co-rédacteurs.")
    if user.pk == application.created_by_id:
        raise ValidationError("L’auteur de la candidature la modifie déjà.")
    application.co_editors.add(user)


@transaction.atomic
def application_coeditor_remove(*, application, user, by) -> None:
    if not (perms.is_admin(by) or perms.can_edit_answers(by, application)):
        raise PermissionDenied("Seuls l’auteur et les co-rédacteurs retirent des co-rédacteurs.")
    if not application.co_editors.filter(pk=user.pk).exists():
        raise ValidationError("Cette personne n’est pas co-rédactrice de la candidature.")
    application.co_editors.remove(user)


@transaction.atomic
def application_submit(*, application, by) -> Application:
    """Submit (or, after a complement request, resubmit): everything required must be there,
    and the art. 9 checks pass when the phase requires it; the art. 9 answers are computed
    anew, the answers and the pole's data snapshotted, and the pole's coordinators get an
    acknowledgement with the summary as a PDF (a job, once the deposit commits)."""
    _ensure_editor(application, by)
    _ensure_editable(application)
    # The phase's lock: a deposit and the call editor freezing the form into a revision
    # (`editor/revisions.py`) never interleave.
    Phase.objects.select_for_update().filter(pk=application.phase_id).first()
    # Read under the lock: what a co-editor saved a moment ago is part of what is submitted.
    application.refresh_from_db(fields=["answers", "form_revision"])
    name = "resubmit" if application.state == ApplicationState.COMPLEMENT else "submit"
    if name == "submit":
        closed = window_reasons(application.phase, timezone.localdate())
        if closed:
            raise ValidationError(closed)
    structure = form_structure(application.phase, revision=application.form_revision_id)
    refresh_computed_answers(application, structure)
    problems = [
        f"{item.section} — {item.message}" for item in missing_items(application, structure)
    ]
    compliance = compliance_report(application, live=True)
    if compliance.blocks_deposit:
        problems += [BLOCKING, *compliance.messages()]
    if problems:
        raise ValidationError(problems)
    application.snapshot = {
        "answers": application.answers or {},
        "pole": pole_snapshot(application.pole),
        "taken_at": timezone.now().isoformat(),
    }
    application.save(update_fields=["answers", "snapshot", "updated_at"])
    move(application=application, name=name, by=by)
    acknowledge_deposit(application=application, resubmission=name == "resubmit")
    return application


@transaction.atomic
def application_withdraw(*, application, by, motivation: str = "") -> Application:
    move(application=application, name="withdraw", by=by, motivation=motivation)
    return application
