"""Poles in the public API: the list (the map's filters, paginated), one pole, its members.

The records are the open-data ones (`opendata.pole_records`,
`opendata_organisations.organisation_records`): one vocabulary for the pole data, whether
downloaded or read from the API.
"""

from typing import Literal

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from ptce.poles.models import Pole, PoleForm, Stage
from ptce.poles.near import poles_by_distance
from ptce.territories.near import DEFAULT_RADIUS_KM, RADII_KM

from . import opendata, opendata_organisations
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


class PoleListItem(PoleOut):
    distance_km: float | None = Field(
        None,
        description="Avec `near` : distance en km du lieu indiqué au pôle ou à son lieu le "
        "plus proche.",
    )


class PolePage(Schema):
    count: int = Field(description="Nombre total de pôles correspondant aux filtres.")
    limit: int
    offset: int
    next: str | None = Field(description="Adresse de la page suivante, s’il y en a une.")
    previous: str | None = Field(description="Adresse de la page précédente, s’il y en a une.")
    results: list[PoleListItem]


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
RadiusValue = Literal[tuple(str(km) for km in RADII_KM)]


class PoleFilters(Schema):
    region: str | None = Field(None, description="Code INSEE de la région (ex. 76).")
    departement: str | None = Field(None, description="Code INSEE du département (ex. 31).")
    sector: str | None = Field(None, description="Identifiant de la filière (ex. alimentation).")
    form: FormValue | None = Field(None, description="Forme du pôle.")
    stage: StageValue | None = Field(None, description="Étape, de 1 à 4.")
    charter: YesNo | None = Field(None, description="Signataire de la charte des PTCE.")
    laureate: str | None = Field(None, description="Identifiant d’un appel : ses lauréats.")
    q: str | None = Field(
        None,
        max_length=100,
        description="Recherche tolérante (fautes de frappe, ordre des mots) sur le nom du pôle, "
        "de ses membres, ses communes, EPCI et filières ; résultats par pertinence.",
    )
    near: str | None = Field(
        None,
        max_length=100,
        description="Près de : une commune, un code postal ou une adresse (ex. Toulouse, 31000) ; "
        "résultats du plus proche au plus lointain, avec `distance_km`.",
    )
    radius: RadiusValue | None = Field(
        None, description=f"Rayon en km autour de `near` ({DEFAULT_RADIUS_KM} par défaut)."
    )


def _ranked(poles, form) -> list[tuple[int, float | None]] | None:
    """[(pole id, distance)…] nearest first with `near`, most relevant first with `q`; None
    for the order by name."""
    if form.origin is not None:
        return poles_by_distance(poles, form.origin, form.radius_km)
    if form.matching_ids is not None:
        kept = set(poles.values_list("pk", flat=True))
        return [(pk, None) for pk in form.matching_ids if pk in kept]
    return None


def _records_in_order(ranked) -> list[dict]:
    """The records of the poles of `ranked`, in its order, with their `distance_km`."""
    ids = [pk for pk, _ in ranked]
    slugs = dict(Pole.objects.filter(pk__in=ids).values_list("slug", "pk"))
    distances = dict(ranked)
    records = opendata.pole_records(Pole.objects.filter(pk__in=ids))
    for record in records:
        record["distance_km"] = distances[slugs[record["slug"]]]
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(records, key=lambda record: position[slugs[record["slug"]]])


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
    """Les pôles publiés, par nom (par pertinence avec `q`, du plus proche au plus lointain
    avec `near`), avec les mêmes filtres que la carte ; `count` donne le total, `limit` et
    `offset` la page. Un filtre inconnu ou un lieu introuvable répond 400."""
    params = {key: str(value) for key, value in filters.dict().items() if value not in (None, "")}
    poles, form = published_poles(params)
    if params and not form.is_valid():
        raise FilterError(form)
    ranked = _ranked(poles, form)
    if ranked is None:
        count = poles.count()
        results = opendata.pole_records(poles, start=offset, stop=offset + limit)
    else:
        count = len(ranked)
        results = _records_in_order(ranked[offset : offset + limit])
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
        raise Http404(f"Aucun pôle publié ne porte l’identifiant « {slug} ».")
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
        raise Http404(f"Aucun pôle publié ne porte l’identifiant « {slug} ».")
    return opendata_organisations.organisation_records(poles)
