"""The geography in the public API: régions, départements, EPCI and communes, by code or name.

The searches are those of `ptce.territories.selectors` (accents, case and hyphens do not
matter; former régions and "St"/"Saint" are understood); every list is bounded.
"""

from django.http import Http404
from ninja import Query, Router, Schema

from ptce.territories import selectors
from ptce.territories.models import Commune, Departement, Epci, Region

from .http import ERRORS

router = Router(tags=["Territoires"])

MAX_QUERY = selectors.MAX_QUERY_LENGTH


class RegionOut(Schema):
    code: str
    nom: str


class DepartementOut(Schema):
    code: str
    nom: str
    region_code: str
    region: str


class EpciOut(Schema):
    code: str
    nom: str
    nature: str
    population: int | None


class CommuneOut(Schema):
    code: str
    nom: str
    codes_postaux: list[str]
    population: int | None
    departement_code: str
    departement: str
    region_code: str
    region: str
    epci_code: str | None
    epci: str | None
    latitude: float | None
    longitude: float | None


def _region(region) -> dict:
    return {"code": region.code, "nom": region.name}


def _departement(departement) -> dict:
    return {
        "code": departement.code,
        "nom": departement.name,
        "region_code": departement.region.code,
        "region": departement.region.name,
    }


def _epci(epci) -> dict:
    return {
        "code": epci.code,
        "nom": epci.name,
        "nature": epci.nature,
        "population": epci.population,
    }


def _commune(commune) -> dict:
    return {
        "code": commune.code,
        "nom": commune.name,
        "codes_postaux": commune.postal_codes.split(),
        "population": commune.population,
        "departement_code": commune.departement.code,
        "departement": commune.departement.name,
        "region_code": commune.region.code,
        "region": commune.region.name,
        "epci_code": commune.epci.code if commune.epci else None,
        "epci": commune.epci.name if commune.epci else None,
        "latitude": commune.latitude,
        "longitude": commune.longitude,
    }


def _not_found(kind: str, code: str):
    """`kind` with its determiner: « aucune commune », « aucun EPCI »."""
    raise Http404(f"{kind[:1].upper()}{kind[1:]} ne porte le code « {code} ».")


def _query(required: bool):
    default = ... if required else ""
    return Query(
        default,
        min_length=1 if required else 0,
        max_length=MAX_QUERY,
        description="Code ou début du nom (accents et majuscules indifférents).",
    )


def _limit(default: int, maximum: int):
    return Query(default, ge=1, le=maximum, description="Nombre maximal de résultats.")


@router.get(
    "/regions",
    response={200: list[RegionOut], **ERRORS},
    url_name="regions",
    summary="Régions, par code ou par nom",
)
def list_regions(request, q: str = _query(False)):
    """Sans `q`, toutes les régions ; « Midi-Pyrénées » (ancienne région) donne Occitanie."""
    if not q.strip():
        return [_region(region) for region in Region.objects.order_by("name")]
    return [_region(region) for region in selectors.region_search(q, limit=20)]


@router.get(
    "/regions/{code}",
    response={200: RegionOut, **ERRORS},
    url_name="region",
    summary="Une région",
)
def get_region(request, code: str):
    region = Region.objects.filter(code=code).first()
    return _region(region) if region else _not_found("aucune région", code)


@router.get(
    "/departements",
    response={200: list[DepartementOut], **ERRORS},
    url_name="departements",
    summary="Départements, par code ou par nom",
)
def list_departements(request, q: str = _query(False)):
    """Sans `q`, tous les départements, par code."""
    if not q.strip():
        departements = Departement.objects.select_related("region").order_by("code")
    else:
        departements = selectors.departement_search(q, limit=120)
    return [_departement(departement) for departement in departements]


@router.get(
    "/departements/{code}",
    response={200: DepartementOut, **ERRORS},
    url_name="departement",
    summary="Un département",
)
def get_departement(request, code: str):
    departement = selectors.departement_by_code(code)
    return _departement(departement) if departement else _not_found("aucun département", code)


@router.get(
    "/epci",
    response={200: list[EpciOut], **ERRORS},
    url_name="epcis",
    summary="EPCI, par SIREN ou par nom",
)
def list_epcis(request, q: str = _query(True), limit: int = _limit(10, 50)):
    """« CC », « CA », « CU » ou leur forme longue (« Communauté de communes… »)."""
    return [_epci(epci) for epci in selectors.epci_search(q, limit=limit)]


@router.get(
    "/epci/{code}",
    response={200: EpciOut, **ERRORS},
    url_name="epci",
    summary="Un EPCI, par son SIREN",
)
def get_epci(request, code: str):
    epci = Epci.objects.filter(code=code).first()
    return _epci(epci) if epci else _not_found("aucun EPCI", code)


@router.get(
    "/communes",
    response={200: list[CommuneOut], **ERRORS},
    url_name="communes",
    summary="Communes, par code INSEE, code postal ou nom",
)
def list_communes(request, q: str = _query(True), limit: int = _limit(20, 50)):
    """« Toulouse », « saint denis 974 », « 31000 », « 2A004 »… par pertinence."""
    return [_commune(c) for c in selectors.commune_search(q, limit=limit, related=True)]


@router.get(
    "/communes/{code}",
    response={200: CommuneOut, **ERRORS},
    url_name="commune",
    summary="Une commune, par son code INSEE",
)
def get_commune(request, code: str):
    """Les codes d’arrondissement de Paris, Lyon et Marseille donnent leur commune."""
    normalized = code.strip().upper()
    commune = None
    if selectors.COMMUNE_CODE.match(normalized):
        communes = Commune.objects.select_related("departement", "region", "epci")
        commune = communes.filter(code=selectors.arrondissement_parent(normalized)).first()
    return _commune(commune) if commune else _not_found("aucune commune", code)
