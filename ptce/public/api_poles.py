"""Poles in the public API: the list (the map's filters, paginated), one pole, its members.

The records are the open-data ones (`opendata.pole_records`, `opendata.organisation_records`):
one vocabulary for the pole data, whether downloaded or read from the API.
"""

from typing import Literal

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from ptce.poles.models import Pole, PoleForm, Stage

from . import opendata
from .filters import published_poles
from .http import ERRORS, FilterError

router = Router(tags=["Pôles"])

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000


class PoleOut(Schema):
    slug: str
    nom: str
    resume: str
    region_code: str | None
    region: str | None
    departements: list[str] = Field(description="Codes INSEE des départements couverts.")
    filieres: list[str]
    forme: str | None
    forme_libelle: str | None
    etape: int
    etape_libelle: str
    annee_creation: int | None
    signataire_charte: bool
    date_signature_charte: str | None = Field(description="AAAA-MM-JJ")
    latitude: float | None
    longitude: float | None
    site_internet: str | None
    url: str = Field(description="Page publique du pôle.")
    nombre_membres: int


class PoleDetailOut(PoleOut):
    description: str


class PolePage(Schema):
    count: int = Field(description="Nombre total de pôles correspondant aux filtres.")
    limit: int
    offset: int
    next: str | None = Field(description="Adresse de la page suivante, s’il y en a une.")
    previous: str | None = Field(description="Adresse de la page précédente, s’il y en a une.")
    results: list[PoleOut]


class OrganisationOut(Schema):
    pole_slug: str
    pole_nom: str
    organisation: str
    siret: str | None
    categorie: str
    categorie_libelle: str
    ess: bool
    role: str
    commune_code: str | None
    commune: str | None


# Closed lists are typed (a value outside them is a 422); the other filters name data (a
# région, a filière, a call) and are checked by the map's filter (an unknown one is a 400).
FormValue = Literal[tuple(PoleForm.values)]
StageValue = Literal[tuple(str(value) for value in Stage.values)]
YesNo = Literal["oui", "non"]


class PoleFilters(Schema):
    region: str | None = Field(None, description="Code INSEE de la région (ex. 76).")
    departement: str | None = Field(None, description="Code INSEE du département (ex. 31).")
    sector: str | None = Field(None, description="Identifiant de la filière (ex. alimentation).")
    form: FormValue | None = Field(None, description="Forme du pôle.")
    stage: StageValue | None = Field(None, description="Étape, de 1 à 4.")
    charter: YesNo | None = Field(None, description="Signataire de la charte des PTCE.")
    laureate: str | None = Field(None, description="Identifiant d’un appel : ses lauréats.")


def _page_url(request, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return f"{request.path}?{query.urlencode()}"


@router.get(
    "/",
    response={200: PolePage, **ERRORS},
    url_name="poles",
    summary="Liste des pôles publiés",
)
def list_poles(
    request,
    filters: Query[PoleFilters],
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Taille de la page."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Rang du premier pôle."),
):
    """Les pôles publiés, par nom, avec les mêmes filtres que la carte ; `count` donne le
    total, `limit` et `offset` la page. Un filtre inconnu répond 400."""
    params = {key: value for key, value in filters.dict().items() if value not in (None, "")}
    poles, form = published_poles(params)
    if params and not form.is_valid():
        raise FilterError(form)
    count = poles.count()
    results = opendata.pole_records(poles, start=offset, stop=offset + limit)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0), limit) if offset else None,
        "results": results,
    }


@router.get(
    "/{slug}",
    response={200: PoleDetailOut, **ERRORS},
    url_name="pole",
    summary="Un pôle publié",
)
def get_pole(request, slug: str):
    """Un pôle publié, par son identifiant (`slug`) ; 404 s’il n’existe pas ou n’est pas
    publié."""
    records = opendata.pole_records(
        Pole.objects.published().filter(slug=slug), extra=("description",)
    )
    if not records:
        raise Http404(f"Aucun pôle publié ne porte l’identifiant « {slug} ».")
    return records[0]


@router.get(
    "/{slug}/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    url_name="pole_organisations",
    summary="Les organisations membres d’un pôle publié",
)
def pole_organisations(request, slug: str):
    """Les adhésions en cours (jamais de personne physique ni de coordonnées), par nom."""
    poles = Pole.objects.published().filter(slug=slug)
    if not poles.exists():
        raise Http404(f"Aucun pôle publié ne porte l’identifiant « {slug} ».")
    return opendata.organisation_records(poles)
