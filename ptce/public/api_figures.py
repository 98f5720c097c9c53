"""Key figures in the public API: `ptce.public.figures.national_figures`, as documented there."""

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ptce.territories.models import Region

from .figures import national_figures
from .http import ERRORS, ErrorOut

router = Router(tags=["Chiffres clés"])


class RegionRef(Schema):
    code: str
    name: str


class Total(Schema):
    total: int


class RegionCount(Schema):
    code: str | None
    name: str
    count: int


class StageCount(Schema):
    stage: int
    label: str
    count: int


class FormCount(Schema):
    form: str
    label: str
    count: int


class SectorCount(Schema):
    slug: str
    name: str
    count: int


class FamilyCount(Schema):
    family: str
    label: str
    count: int


class Members(Schema):
    total: int
    ess: int
    non_ess: int
    ess_share: float | None = Field(description="Part de l’ESS, en pourcentage.")
    by_family: list[FamilyCount]


class RegionOutcomes(Schema):
    code: str | None
    name: str
    action_count: int
    jobs_created_etp: float
    jobs_kept_etp: float
    activities_created: int


class Outcomes(Schema):
    action_count: int
    jobs_created_etp: float
    jobs_kept_etp: float
    activities_created: int
    by_region: list[RegionOutcomes]


class TypeCount(Schema):
    type: str
    label: str
    count: int


class CallPhase(Schema):
    call: str
    call_slug: str
    year: int | None
    phase: int
    phase_name: str
    applications: int = Field(
        description="Candidatures réceptionnées (déposées au moins une fois), retirées comprises."
    )
    laureates: int
    rate: int | None = Field(description="Taux de sélection, en pourcentage arrondi.")
    label: str
    withdrawn: int = Field(description="Dont candidatures retirées.")
    withdrawn_label: str


class CriterionMedian(Schema):
    letter: str
    label: str
    median: float | None


class ObjectiveMedians(Schema):
    title: str
    criteria: list[CriterionMedian]


class MedianProfile(Schema):
    referentiel: str
    pole_count: int
    objectives: list[ObjectiveMedians]


class YearCount(Schema):
    year: int
    count: int


class FiguresOut(Schema):
    region: RegionRef | None
    poles: Total
    by_region: list[RegionCount]
    by_stage: list[StageCount]
    by_form: list[FormCount]
    by_sector: list[SectorCount]
    members: Members
    outcomes: Outcomes
    actions_by_type: list[TypeCount]
    calls: list[CallPhase]
    median_profile: MedianProfile | None = Field(
        description="Profil ECARTS médian, seulement si au moins 5 pôles y contribuent."
    )
    by_creation_year: list[YearCount]
    recognitions_by_year: list[YearCount]


@router.get(
    "",
    response={200: FiguresOut, **ERRORS},
    url_name="figures",
    summary="Les chiffres clés des pôles publiés",
)
def figures(
    request,
    region: str | None = Query(None, max_length=3, description="Code INSEE d’une région."),
):
    """Les chiffres de « Le PTCE en chiffres », pour la France entière ou une région."""
    if region and not Region.objects.filter(code=region).exists():
        return Status(
            400,
            ErrorOut(
                detail=f"Aucune région ne porte le code « {region} ».",
                errors=[{"field": "region", "message": "Région inconnue."}],
            ),
        )
    return national_figures(region or None)
