"""Helpers of the evaluation workflow tests: evaluations in each state, sheets, sample files.

The fixtures (`referentiel`, `evaluation`, `open_evaluation`, `member_rater`) are in
tests/assessments/conftest.py.
"""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from ptce.assessments.evaluation import (
    services,
    services_consolidation,
    services_sheet,
    services_workflow,
)
from ptce.assessments.models import Evaluation
from tests.core.factories import UserFactory
from tests.poles.factories import PolePersonFactory

LETTERS = "ABCDEFGHI"


def pole_member(pole, email=None):
    kwargs = {"user__email": email} if email else {}
    return PolePersonFactory(pole=pole, role="membre", **kwargs).user


def answers(scores: str, **texts) -> dict:
    """`"345-33333"` → {letter: {"score": …}}; "-" is « ne se prononce pas », " " no answer."""
    return {
        letter: {"score": None if char == "-" else int(char), **texts}
        for letter, char in zip(LETTERS, scores, strict=False)
        if char != " "
    }


def sheet(evaluation, scores: str, *, name=None, by=None):
    """A sent paper sheet with these scores."""
    return services_sheet.sheet_enter_on_paper(
        evaluation=evaluation,
        participant_name=name or f"Participant {evaluation.raters.count() + 1}",
        answers=answers(scores),
        by=by or evaluation.created_by,
    )


def to_consolidation(evaluation, *sheets: str) -> Evaluation:
    """Open (if needed) an evaluation, enter sheets, start consolidation."""
    by = evaluation.created_by
    if evaluation.state == "brouillon":
        services_workflow.evaluation_open(evaluation=evaluation, by=by)
    for scores in sheets or ("333333333",):
        sheet(evaluation, scores)
    return services_workflow.evaluation_start_consolidation(evaluation=evaluation, by=by)


def validate(evaluation, *sheets: str) -> Evaluation:
    by = evaluation.created_by
    if evaluation.state != "consolidation":
        to_consolidation(evaluation, *sheets)
    services_consolidation.consolidation_save(
        evaluation=evaluation,
        scores={letter: {"score": 3, "comment": ""} for letter in LETTERS},
        synthesis="Un pôle bien ancré.",
        action_items=[],
        by=by,
    )
    return services_workflow.evaluation_validate(evaluation=evaluation, by=by)


def many_raters(evaluation, count: int):
    """`count` sent sheets: half by members of the pole, half on paper."""
    for n in range(count):
        if n % 2:
            sheet(evaluation, "345123451"[n % 9 :] + "345123451"[: n % 9])
        else:
            user = UserFactory()
            PolePersonFactory(pole=evaluation.pole, user=user, role="membre")
            rater = services.rater_add_member(
                evaluation=evaluation, user=user, by=evaluation.created_by
            )
            services_sheet.sheet_save(rater=rater, answers=answers("334455112"), submit=True)


# Sample files, made here (no binary fixture in the repository) ------------------------------


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png_bytes() -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(**extra) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            **extra,
        }
    )


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text") -> bytes:
    return zip_bytes({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
