"""Statistics of an evaluation, as pure functions of the scores (no database access).

A score is 1–5; `None` means « ne se prononce pas » and is left out of every statistic.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean, median

# Raters whose scores differ by this much or more on a criterion should talk it over.
DIVERGENCE_THRESHOLD = 2


@dataclass(frozen=True)
class CriterionStats:
    letter: str
    count: int
    no_opinion: int
    median: float | None
    mean: float | None
    minimum: int | None
    maximum: int | None

    @property
    def spread(self) -> int | None:
        return None if self.count == 0 else self.maximum - self.minimum

    @property
    def is_divergent(self) -> bool:
        return self.count > 1 and self.spread >= DIVERGENCE_THRESHOLD

    @property
    def default_agreed_score(self) -> int | None:
        """The median, rounded half up (2.5 → 3): the consolidated score proposed by default."""
        return round_half_up(self.median)


def round_half_up(value: float | None) -> int | None:
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def criterion_stats(letter: str, scores: list[int | None]) -> CriterionStats:
    given = [score for score in scores if score is not None]
    if not given:
        return CriterionStats(letter, 0, len(scores), None, None, None, None)
    return CriterionStats(
        letter=letter,
        count=len(given),
        no_opinion=len(scores) - len(given),
        median=float(median(given)),
        mean=round(float(mean(given)), 2),
        minimum=min(given),
        maximum=max(given),
    )


def evaluation_stats(
    letters: list[str], answers: list[tuple[str, int | None]]
) -> list[CriterionStats]:
    """Stats per criterion, in the order of `letters`, from (letter, score) pairs."""
    by_letter: dict[str, list[int | None]] = {letter: [] for letter in letters}
    for letter, score in answers:
        by_letter.setdefault(letter, []).append(score)
    return [criterion_stats(letter, by_letter[letter]) for letter in letters]


def objective_means(
    scores: dict[str, int | None], objectives: list[tuple[str, list[str]]]
) -> list[tuple[str, float | None]]:
    """The mean of each general objective's criteria, skipping criteria without a score."""
    result = []
    for title, letters in objectives:
        given = [scores[letter] for letter in letters if scores.get(letter) is not None]
        result.append((title, round(float(mean(given)), 2) if given else None))
    return result


def cohort_median(values: list[int | None]) -> float | None:
    given = [value for value in values if value is not None]
    return float(median(given)) if given else None
