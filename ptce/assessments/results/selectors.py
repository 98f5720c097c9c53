"""Everything a results page or an export needs, read in a constant number of queries.

`evaluation_results(evaluation, show_names=…)` costs 8 queries whatever the number of raters,
once the evaluation's pole and région are loaded: criteria, submitted answers, agreed scores,
previous evaluation and its scores, the pole's filières, cohort scores, action plan.

Raters are named only for those who may see individual sheets (coordinators, admins); for
everyone else they are « Évaluateur 1…n », numbered in the order the sheets were created, the
same numbering in the page and in the exports.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.functional import cached_property

from .. import charts
from ..evaluation.selectors import previous_validated
from ..evaluation.stats import CriterionStats, evaluation_stats, objective_means
from ..models import ActionItem, Answer, ConsolidatedScore, Criterion, Evaluation, EvaluationState
from ..referentiel.selectors import grid, objectives_structure
from . import cohort


@dataclass(frozen=True)
class Contribution:
    rater: str
    score: int | None
    observation: str
    improvement: str


@dataclass
class CriterionResult:
    criterion: Criterion
    stats: CriterionStats
    agreed: int | None = None
    comment: str = ""
    previous: int | None = None
    cohort: float | None = None
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def letter(self) -> str:
        return self.criterion.letter

    @property
    def counts(self) -> dict[int, int]:
        return dict(Counter(c.score for c in self.contributions if c.score is not None))

    @property
    def written(self) -> list[Contribution]:
        """The contributions with an observation or an improvement idea."""
        return [c for c in self.contributions if c.observation or c.improvement]


@dataclass
class EvaluationResults:
    evaluation: Evaluation
    criteria: list[CriterionResult]
    groups: list[tuple[str, list[CriterionResult]]]
    objective_means: list[tuple[str, float | None]]
    previous: Evaluation | None
    cohorts: list[cohort.CohortMedians]
    cohort: cohort.CohortMedians | None
    actions: list[ActionItem]
    rater_labels: list[str]
    show_names: bool

    @property
    def agreed(self) -> dict[str, int | None]:
        return {item.letter: item.agreed for item in self.criteria}

    @property
    def is_final(self) -> bool:
        return self.evaluation.state == EvaluationState.VALIDATED

    @cached_property
    def radar(self):
        return radar_chart(self, id_prefix=f"radar-{self.evaluation.pk}")

    @cached_property
    def dots(self):
        rows = [
            charts.DotRow(
                item.letter,
                item.criterion.statement,
                item.counts,
                item.stats.no_opinion,
                item.stats.median,
            )
            for item in self.criteria
        ]
        return charts.dot_plot_svg(rows, id_prefix=f"dispersion-{self.evaluation.pk}")

    def cohort_values(self) -> list[tuple[CriterionResult, list[float | None]]]:
        """Per criterion, the median of each cohort group shown (same order as `cohorts`)."""
        return [
            (item, [group.medians.get(item.letter) for group in self.cohorts])
            for item in self.criteria
        ]


def _axes_groups(groups) -> list[tuple[str, list[charts.Axis]]]:
    return [
        (title, [charts.Axis(item.letter, item.criterion.statement) for item in items])
        for title, items in groups
    ]


def radar_chart(results: EvaluationResults, *, id_prefix: str, overlays: bool = True):
    """The radar of `results`; with `overlays`, the previous evaluation and the cohort."""
    label = results.evaluation.title
    series = [charts.Series("current", f"Cette évaluation : {label}", results.agreed)]
    if overlays and results.previous is not None:
        series.append(
            charts.Series(
                "previous",
                f"Évaluation précédente : {results.previous.title}",
                {item.letter: item.previous for item in results.criteria},
            )
        )
    if overlays and results.cohort is not None:
        series.append(
            charts.Series(
                "cohort",
                f"{results.cohort.label} ({results.cohort.pole_count} pôles)",
                results.cohort.medians,
            )
        )
    return charts.radar_svg(
        _axes_groups(results.groups),
        series,
        id_prefix=id_prefix,
        title=f"Profil ECARTS — {results.evaluation.pole.name}",
    )


def _contributions(evaluation: Evaluation, show_names: bool):
    """(letter → [Contribution]), the rater labels, and (letter, score) pairs for the stats."""
    rows = (
        Answer.objects.filter(rater__evaluation=evaluation, rater__submitted_at__isnull=False)
        .order_by("rater_id", "criterion__letter")
        .values_list(
            "rater_id", "rater__name", "criterion__letter", "score", "observation", "improvement"
        )
    )
    labels: dict[int, str] = {}
    by_letter: dict[str, list[Contribution]] = defaultdict(list)
    pairs = []
    for rater_id, name, letter, score, observation, improvement in rows:
        if rater_id not in labels:
            labels[rater_id] = name if show_names else f"Évaluateur {len(labels) + 1}"
        by_letter[letter].append(Contribution(labels[rater_id], score, observation, improvement))
        pairs.append((letter, score))
    return by_letter, list(labels.values()), pairs


def evaluation_results(
    evaluation: Evaluation, *, show_names: bool, cohort_param: str | None = None
) -> EvaluationResults:
    criteria = grid(evaluation.referentiel)
    letters = [criterion.letter for criterion in criteria]
    by_letter, rater_labels, pairs = _contributions(evaluation, show_names)
    stats = {item.letter: item for item in evaluation_stats(letters, pairs)}
    agreed = {
        letter: (score, comment)
        for letter, score, comment in ConsolidatedScore.objects.filter(
            evaluation=evaluation
        ).values_list("criterion__letter", "score", "comment")
    }
    previous = previous_validated(evaluation)
    previous_scores = {}
    if previous is not None:
        previous_scores = dict(
            ConsolidatedScore.objects.filter(evaluation=previous).values_list(
                "criterion__letter", "score"
            )
        )
    pole = evaluation.pole
    cohorts = cohort.cohort_medians(
        evaluation.referentiel, region=pole.region, sectors=list(pole.sectors.all())
    )
    chosen = cohort.pick(cohorts, cohort_param)
    items = {
        criterion.letter: CriterionResult(
            criterion=criterion,
            stats=stats[criterion.letter],
            agreed=agreed.get(criterion.letter, (None, ""))[0],
            comment=agreed.get(criterion.letter, (None, ""))[1],
            previous=previous_scores.get(criterion.letter),
            cohort=chosen.medians.get(criterion.letter) if chosen else None,
            contributions=by_letter.get(criterion.letter, []),
        )
        for criterion in criteria
    }
    structure = objectives_structure(criteria)
    return EvaluationResults(
        evaluation=evaluation,
        criteria=list(items.values()),
        groups=[(title, [items[letter] for letter in group]) for title, group in structure],
        objective_means=objective_means(
            {letter: item.agreed for letter, item in items.items()}, structure
        ),
        previous=previous,
        cohorts=cohorts,
        cohort=chosen,
        actions=list(ActionItem.objects.filter(evaluation=evaluation).select_related("criterion")),
        rater_labels=rater_labels,
        show_names=show_names,
    )


# --- A pole's evolution ------------------------------------------------------------------


@dataclass
class Evolution:
    referentiel: object
    referentiels: list
    evaluations: list[Evaluation]
    criteria: list[Criterion]
    rows: list[tuple[int, Evaluation, list[int | None]]]
    svg: str


def pole_evolution(pole, *, referentiel_code: str | None = None) -> Evolution | None:
    """The agreed scores of the pole's validated evaluations of one référentiel version (the
    one asked for, else the latest evaluation's), oldest first. Three queries."""
    validated = list(
        Evaluation.objects.filter(pole=pole, state=EvaluationState.VALIDATED)
        .select_related("referentiel")
        .order_by(F("validated_at").asc(nulls_first=True), "created_at", "pk")
    )
    if not validated:
        return None
    referentiels = list({e.referentiel_id: e.referentiel for e in reversed(validated)}.values())
    referentiel = next(
        (r for r in referentiels if r.code == referentiel_code), validated[-1].referentiel
    )
    evaluations = [e for e in validated if e.referentiel_id == referentiel.pk]
    criteria = grid(referentiel)
    scores: dict[int, dict[str, int | None]] = defaultdict(dict)
    for evaluation_id, letter, score in ConsolidatedScore.objects.filter(
        evaluation__in=evaluations
    ).values_list("evaluation_id", "criterion__letter", "score"):
        scores[evaluation_id][letter] = score
    rows = [
        (number, e, [scores[e.pk].get(c.letter) for c in criteria])
        for number, e in enumerate(evaluations, start=1)
    ]
    steps = [(e.title, scores[e.pk]) for e in evaluations]
    axes = [charts.Axis(c.letter, c.statement) for c in criteria]
    return Evolution(
        referentiel=referentiel,
        referentiels=referentiels,
        evaluations=evaluations,
        criteria=criteria,
        rows=rows,
        svg=charts.evolution_svg(axes, steps, id_prefix="evolution"),
    )


# --- The public radar ----------------------------------------------------------------------


def latest_public_evaluation(pole) -> Evaluation | None:
    """The pole's latest validated evaluation whose radar the coordinator published."""
    if not pole.is_published:
        return None
    return (
        Evaluation.objects.filter(pole=pole, state=EvaluationState.VALIDATED, is_public=True)
        .select_related("referentiel")
        .order_by(F("validated_at").desc(nulls_last=True), "-created_at", "-pk")
        .first()
    )


@dataclass
class PublicRadar:
    evaluation: Evaluation
    groups: list[tuple[str, list[tuple[Criterion, int | None]]]]
    objective_means: list[tuple[str, float | None]]
    svg: str


def public_radar(pole) -> PublicRadar | None:
    """The published radar of the pole (agreed scores only, no overlay), or None. 3 queries."""
    evaluation = latest_public_evaluation(pole)
    if evaluation is None:
        return None
    evaluation.pole = pole
    criteria = grid(evaluation.referentiel)
    agreed = dict(
        ConsolidatedScore.objects.filter(evaluation=evaluation).values_list(
            "criterion__letter", "score"
        )
    )
    by_letter = {c.letter: c for c in criteria}
    structure = objectives_structure(criteria)
    groups = [
        (title, [(by_letter[letter], agreed.get(letter)) for letter in letters])
        for title, letters in structure
    ]
    svg = charts.radar_svg(
        [
            (title, [charts.Axis(c.letter, c.statement) for c, _ in items])
            for title, items in groups
        ],
        [charts.Series("current", f"{evaluation.title}", agreed)],
        id_prefix=f"radar-public-{evaluation.pk}",
        title=f"Profil ECARTS publié — {pole.name}",
    )
    return PublicRadar(evaluation, groups, objective_means(agreed, structure), svg)


def blank_sheet(referentiel):
    """The criteria (with objectives and lexicon terms) and the level scale, in 3 queries."""
    criteria = list(
        Criterion.objects.filter(referentiel=referentiel)
        .select_related("principal_objective__general_objective")
        .prefetch_related("terms")
        .order_by("principal_objective__general_objective__position", "letter")
    )
    return criteria, list(referentiel.levels.all())
