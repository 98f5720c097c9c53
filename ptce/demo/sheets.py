"""The observation sheets of a demo evaluation, and what its group agrees on: pure functions
(words from `data/evaluations_text.yaml`).

Each rater varies around the evaluation's `scores` with their own temper (severe, neutral or
generous), deterministically; externals often do not rate what they cannot see from outside
(criteria D and E: « ne se prononce pas »). On one criterion two raters disagree by two points,
so that the consolidation has a divergence to discuss. The agreed score is what the
consolidation page proposes: the median, rounded half up (`CriterionStats`).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

from ptce.assessments.evaluation.stats import criterion_stats

from .files import read
from .meetings import chance
from .spec_life import EvaluationSpec

# What raters observe on each criterion by level (low 1–2, middle 3, high 4–5), their ideas,
# how a synthesis names a criterion, what the group decides to improve and who carries it
# (« porteur »: the carrier organisation), and the comment on a divergence.
TEXT = read("evaluations_text.yaml")
LOW, MIDDLE, HIGH = "bas", "moyen", "haut"
LETTERS = "ABCDEFGHI"
# How far from the group's view a rater goes on each criterion, by temper (drawn uniformly).
NOISE = {
    "sévère": (-1, 0, 0, 0, 0),
    "neutre": (-1, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    "généreux": (0, 0, 0, 0, 1),
}
INSIDE_ONLY = {"D", "E"}  # what an outsider rarely sees
EXTERNAL_DOMAIN = "partenaires.demo.ptce.fr"
MEMBER, EXTERNAL, PAPER = "membre", "externe", "papier"


@dataclass(frozen=True)
class Sheet:
    kind: str  # MEMBER, EXTERNAL or PAPER
    index: int  # in the pole's people, the spec's externals or its paper sheets
    name: str
    email: str
    answers: dict = field(default_factory=dict)
    sent: bool = True


def external_email(label: str) -> str:
    """« Martine Castel (France Active) » → martine.castel@partenaires.demo.ptce.fr"""
    person = label.split(" (")[0]
    first, _, last = person.partition(" ")
    return f"{slugify(first)}.{slugify(last).replace('-', '')}@{EXTERNAL_DOMAIN}"


def _band(score: int) -> str:
    return LOW if score <= 2 else MIDDLE if score == 3 else HIGH


def _answers(key: str, who: str, targets: str, *, outsider: bool, context: dict) -> dict:
    temper = tuple(NOISE)[int(chance(key, who, "temper") * len(NOISE))]
    answers = {}
    for letter, target in zip(LETTERS, targets, strict=True):
        roll = chance(key, who, letter)
        silent = outsider and letter in INSIDE_ONLY and roll < 0.5
        if silent or chance(key, who, letter, "nsp") < 0.04:
            answers[letter] = {"score": None, "observation": "", "improvement": ""}
            continue
        noise = NOISE[temper]
        pick = chance(key, who, letter, "noise")
        score = min(5, max(1, int(target) + noise[int(pick * len(noise))]))
        answers[letter] = {"score": score, **_words(key, who, letter, score, context)}
    return answers


def _words(key: str, who: str, letter: str, score: int, context: dict) -> dict:
    words = {"observation": "", "improvement": ""}
    if chance(key, who, letter, "observation") < 0.55:
        variants = TEXT["observations"][letter][_band(score)]
        variant = variants[int(chance(key, who, letter, "variant") * len(variants))]
        words["observation"] = variant.format(**context)
    if score <= 3 and chance(key, who, letter, "idea") < 0.35:
        words["improvement"] = TEXT["improvements"][letter]
    return words


def sheets(spec: EvaluationSpec, people: list[tuple[str, str]], context: dict) -> list[Sheet]:
    """Every rater's sheet. `people`: (e-mail, full name) of the pole's people, coordinator
    first; `context`: `lieu` and `collectivite` for the observations."""
    key = f"{spec.pole}|{spec.title}"
    found = []
    for index, (email, name) in enumerate(people[: spec.members]):
        unsent = index in spec.unsent_members
        answers = (
            {} if unsent else _answers(key, email, spec.scores, outsider=False, context=context)
        )
        found.append(Sheet(MEMBER, index, name, email, answers, sent=not unsent))
    for index, label in enumerate(spec.externals):
        answers = _answers(key, label, spec.scores, outsider=True, context=context)
        unsent = index in spec.unsent_externals
        if unsent:  # a draft: the first criteria only
            answers = {letter: answers[letter] for letter in LETTERS[:4]}
        found.append(Sheet(EXTERNAL, index, label, external_email(label), answers, not unsent))
    for index, label in enumerate(spec.paper):
        answers = _answers(key, label, spec.scores, outsider=True, context=context)
        found.append(Sheet(PAPER, index, label, "", answers))
    _diverge(key, spec.scores, [sheet for sheet in found if sheet.sent], context)
    return found


def _who(sheet: Sheet) -> str:
    return sheet.email if sheet.kind == MEMBER else sheet.name


def _diverge(key: str, targets: str, sent: list[Sheet], context: dict) -> None:
    """Make two sent sheets disagree by two points on one criterion (scored by both)."""
    candidates = [
        letter
        for letter, target in zip(LETTERS, targets, strict=True)
        if 2 <= int(target) <= 4
        and sent[0].answers[letter]["score"] is not None
        and sent[-1].answers[letter]["score"] is not None
    ]
    if len(sent) < 2 or not candidates:
        return
    letter = candidates[int(chance(key, "divergence") * len(candidates))]
    target = int(targets[LETTERS.index(letter)])
    for sheet, score in ((sent[0], target + 1), (sent[-1], target - 1)):
        sheet.answers[letter] = {
            "score": score,
            **_words(key, _who(sheet), letter, score, context),
        }


def agreed(sheets_: list[Sheet]) -> dict[str, dict]:
    """{letter: {"score", "comment"}} from the sent sheets, as the group agrees on them."""
    scores = {}
    for letter in LETTERS:
        stats = criterion_stats(
            letter, [s.answers[letter]["score"] for s in sheets_ if s.sent and s.answers]
        )
        score = stats.default_agreed_score
        comment = ""
        if stats.is_divergent:
            comment = TEXT["divergence_comment"].format(
                low=stats.minimum, high=stats.maximum, score=score
            )
        scores[letter] = {"score": score, "comment": comment}
    return scores


def synthesis(spec: EvaluationSpec, scores: dict, previous: dict | None) -> str:
    given = [(letter, row["score"]) for letter, row in scores.items() if row["score"]]
    strong = sorted(given, key=lambda item: (-item[1], item[0]))[:2]
    weak = sorted(given, key=lambda item: (item[1], item[0]))[:2]
    parts = [spec.intro] if spec.intro else []
    parts.append(
        f"Points forts : {TEXT['labels'][strong[0][0]]} et {TEXT['labels'][strong[1][0]]}."
    )
    if previous:
        gains = sorted(
            (previous[letter]["score"] - score, letter)
            for letter, score in given
            if previous[letter]["score"] and score > previous[letter]["score"]
        )
        if gains:
            better = ", ".join(TEXT["labels"][letter] for _, letter in gains[:3])
            parts.append(f"Les progrès les plus nets depuis la précédente évaluation : {better}.")
    parts.append(
        f"À travailler en priorité : {TEXT['labels'][weak[0][0]]} et {TEXT['labels'][weak[1][0]]}."
    )
    return " ".join(parts)


def action_items(scores: dict, *, carrier: str, held_on: datetime.date) -> list[dict]:
    """Two or three actions on the weakest criteria, due mid-month 6, 12 and 18 months later."""
    given = sorted(
        ((row["score"], letter) for letter, row in scores.items() if row["score"]),
    )
    count = 3 if given[0][0] <= 2 else 2
    items = []
    for position, (_, letter) in enumerate(given[:count], start=1):
        what, who = TEXT["actions"][letter]["what"], TEXT["actions"][letter]["who"]
        month = held_on.month - 1 + 6 * position
        due = datetime.date(held_on.year + month // 12, month % 12 + 1, 15)
        items.append(
            {
                "letter": letter,
                "what": what,
                "who": carrier if who == "porteur" else "Coordination du pôle",
                "due_on": due,
            }
        )
    return items
