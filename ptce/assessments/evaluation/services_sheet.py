"""Writes on observation sheets: answers, paper sheets entered by the coordinator, evidence files.

`answers` is `{letter: {"score": 1–5 or None, "observation": str, "evidence_links": str,
"improvement": str}}`; a score of None means « ne se prononce pas ». Only the letters given are
written (a draft may hold a few criteria). Every write goes through `ensure_writable`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ptce.core.files import validate_upload

from ..models import Answer, Criterion, Evaluation, EvidenceFile, Rater
from .services import delete_stored_files, ensure_manager, ensure_writable
from .workflow import SHEET_STATES

MAX_FILES_PER_ANSWER = 5
SHEET_REFUSAL = "Les feuilles ne se remplissent que lorsque l’évaluation est ouverte."
SENT_REFUSAL = "Cette feuille a déjà été envoyée : elle ne peut plus être modifiée."
ANSWER_KEYS = {"score", "observation", "evidence_links", "improvement"}
TEXT_KEYS = ("observation", "evidence_links", "improvement")


def _valid_score(score) -> bool:
    return score is None or (type(score) is int and 1 <= score <= 5)


def _criteria_for(evaluation: Evaluation, answers: dict) -> dict[str, Criterion]:
    """The criteria named in `answers`, after checking letters and scores (French messages)."""
    criteria = {
        c.letter: c for c in Criterion.objects.filter(referentiel=evaluation.referentiel_id)
    }
    unknown = sorted(set(answers) - set(criteria), key=str)
    if unknown:
        raise ValidationError(
            f"Critère inconnu dans ce référentiel : {', '.join(map(str, unknown))}."
        )
    for letter, values in answers.items():
        extra = set(values) - ANSWER_KEYS
        if extra:
            raise ValidationError(f"Critère {letter} : champ inconnu ({', '.join(sorted(extra))}).")
        if not _valid_score(values.get("score")):
            raise ValidationError(
                f"Critère {letter} : la note doit être un nombre entier de 1 à 5, ou « ne se "
                "prononce pas »."
            )
    return criteria


def _write_answers(rater: Rater, answers: dict, criteria: dict[str, Criterion]) -> dict:
    """Create or update the rater's answers for the given letters; returns {letter: Answer}."""
    existing = {a.criterion_id: a for a in Answer.objects.filter(rater=rater)}
    now = timezone.now()
    to_create, to_update, written = [], [], {}
    for letter, values in answers.items():
        criterion = criteria[letter]
        answer = existing.get(criterion.pk) or Answer(rater=rater, criterion=criterion)
        answer.score = values.get("score")
        for key in TEXT_KEYS:
            setattr(answer, key, (values.get(key) or "").strip())
        answer.updated_at = now
        try:
            answer.full_clean(exclude=["rater", "criterion"], validate_unique=False)
        except ValidationError as error:
            raise ValidationError(f"Critère {letter} : {' '.join(error.messages)}") from error
        (to_update if answer.pk else to_create).append(answer)
        written[letter] = answer
    Answer.objects.bulk_create(to_create)
    if to_update:
        Answer.objects.bulk_update(to_update, ["score", *TEXT_KEYS, "updated_at"])
    return written


def _attach(answer: Answer, uploaded_file) -> EvidenceFile:
    if answer.pk and answer.files.count() >= MAX_FILES_PER_ANSWER:
        raise ValidationError(
            f"Critère {answer.criterion.letter} : {MAX_FILES_PER_ANSWER} fichiers au plus."
        )
    evidence = EvidenceFile(answer=answer, content_type=validate_upload(uploaded_file))
    evidence.keep(uploaded_file)
    evidence.save()
    return evidence


def _refuse_if_sent(rater: Rater) -> None:
    """Read again under lock: a sheet sent meanwhile (another tab) is final."""
    rater.submitted_at = (
        Rater.objects.select_for_update().values_list("submitted_at", flat=True).get(pk=rater.pk)
    )
    if rater.submitted_at is not None:
        raise ValidationError(SENT_REFUSAL)


@transaction.atomic
def sheet_save(
    *, rater: Rater, answers: dict, submit: bool = False, files: dict | None = None
) -> Rater:
    """Save the rater's draft, attach new files (`{letter: [UploadedFile]}`), and send it if
    `submit`. A sheet sent is final; the coordinator sees it, the other raters never do."""
    evaluation = rater.evaluation
    ensure_writable(evaluation, states=SHEET_STATES, refusal=SHEET_REFUSAL)
    _refuse_if_sent(rater)
    files = {letter: list(items) for letter, items in (files or {}).items() if items}
    criteria = _criteria_for(evaluation, {**dict.fromkeys(files, {}), **answers})
    written = _write_answers(rater, answers, criteria)
    stored = []
    try:
        for letter, uploads in files.items():
            answer = (
                written.get(letter)
                or Answer.objects.get_or_create(rater=rater, criterion=criteria[letter])[0]
            )
            for uploaded_file in uploads:
                stored.append(_attach(answer, uploaded_file).file.name)
    except ValidationError:
        delete_stored_files(stored)  # the rows roll back; the files on disk must go too
        raise
    if submit:
        rater.submitted_at = timezone.now()
        rater.save(update_fields=["submitted_at"])
    return rater


@transaction.atomic
def sheet_enter_on_paper(
    *, evaluation: Evaluation, participant_name: str, answers: dict, by
) -> Rater:
    """The coordinator types in a paper sheet for a named participant; it counts as sent."""
    ensure_manager(by, evaluation)
    ensure_writable(evaluation, states=SHEET_STATES, refusal=SHEET_REFUSAL)
    name = (participant_name or "").strip()
    if not name:
        raise ValidationError("Indiquez le nom de la personne qui a rempli la feuille papier.")
    criteria = _criteria_for(evaluation, answers)
    if not answers:
        raise ValidationError("La feuille papier ne contient aucune réponse.")
    rater = Rater(evaluation=evaluation, name=name, entered_by=by, submitted_at=timezone.now())
    rater.full_clean()
    rater.save()
    _write_answers(rater, answers, criteria)
    return rater


@transaction.atomic
def evidence_attach(*, answer: Answer, uploaded_file) -> EvidenceFile:
    """Attach a checked file (see `ptce.core.files.validate_upload`) to a draft answer."""
    rater = answer.rater
    ensure_writable(rater.evaluation, states=SHEET_STATES, refusal=SHEET_REFUSAL)
    _refuse_if_sent(rater)
    return _attach(answer, uploaded_file)


@transaction.atomic
def evidence_delete(*, evidence: EvidenceFile, rater: Rater) -> None:
    """The rater takes a file off their draft sheet."""
    if evidence.answer.rater_id != rater.pk:
        raise PermissionDenied("Ce fichier n’appartient pas à votre feuille.")
    ensure_writable(rater.evaluation, states=SHEET_STATES, refusal=SHEET_REFUSAL)
    _refuse_if_sent(rater)
    name = evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: delete_stored_files([name]))
