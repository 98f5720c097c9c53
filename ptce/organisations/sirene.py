"""An organisation's form prefilled from a unit of the SIRENE copy (`ptce.sirene`): INSEE's
legal category (`categorieJuridiqueUniteLegale`, 4 digits) read as the project's
`LegalCategory`, the ESS flag, NAF code, identifiers and head office's commune."""

from django.core.exceptions import ValidationError

from ptce.sirene.codes import HEADCOUNT_BANDS
from ptce.sirene.models import SireneUnit
from ptce.territories.models import Commune

from .models import ESS_OVERRIDABLE, LegalCategory
from .validators import normalize_naf, normalize_rna, normalize_siret

# Level-III codes of INSEE's « catégories juridiques » with a category of their own here.
_EXACT = {
    # SCOP: SARL, SA à conseil d'administration, SA à directoire.
    "5458": LegalCategory.SCOP,
    "5558": LegalCategory.SCOP,
    "5658": LegalCategory.SCOP,
    # Other cooperatives (SARL, SA, agricultural).
    **dict.fromkeys(
        ["5443", "5451", "5453", "5454", "5455", "5459", "5460"], LegalCategory.COOPERATIVE
    ),
    **dict.fromkeys(
        ["5551", "5552", "5553", "5554", "5555", "5559", "5560"], LegalCategory.COOPERATIVE
    ),
    **dict.fromkeys(
        ["5651", "5652", "5653", "5654", "5655", "5659", "5660"], LegalCategory.COOPERATIVE
    ),
    **dict.fromkeys(["6316", "6317", "6318"], LegalCategory.COOPERATIVE),
    # Communes, départements, régions, other local authorities; EPCI and syndicats.
    **dict.fromkeys(["7210", "7220", "7225", "7229", "7230"], LegalCategory.COLLECTIVITE),
    **dict.fromkeys(
        ["7343", "7344", "7345", "7346", "7347", "7348", "7349"], LegalCategory.COLLECTIVITE
    ),
    **dict.fromkeys(["7353", "7354", "7355", "7356", "7357"], LegalCategory.COLLECTIVITE),
    "7383": LegalCategory.UNIVERSITE,  # EP à caractère scientifique, culturel et professionnel
    "1000": LegalCategory.PERSONNE_PHYSIQUE,  # entrepreneur individuel
}
# Families by their first two digits, when no exact code applies.
_FAMILIES = {
    "92": LegalCategory.ASSOCIATION,
    "93": LegalCategory.FONDATION,
    "82": LegalCategory.MUTUELLE,
    "52": LegalCategory.SOCIETE_COMMERCIALE,  # SNC, SCS
    "53": LegalCategory.SOCIETE_COMMERCIALE,  # SCA
    "54": LegalCategory.SOCIETE_COMMERCIALE,  # SARL
    "55": LegalCategory.SOCIETE_COMMERCIALE,  # SA à conseil d'administration
    "56": LegalCategory.SOCIETE_COMMERCIALE,  # SA à directoire
    "57": LegalCategory.SOCIETE_COMMERCIALE,  # SAS
}


def legal_category(insee_code: str) -> str:
    code = (insee_code or "").strip()
    return _EXACT.get(code) or _FAMILIES.get(code[:2]) or LegalCategory.AUTRE


def _or_blank(normalizer, value) -> str:
    try:
        return normalizer(value)
    except ValidationError:
        return ""  # an old nomenclature's code, say: left for the person to fill in


def organisation_initial(unit: SireneUnit) -> dict:
    """The initial values of an `OrganisationForm` for this unit."""
    category = legal_category(unit.legal_form)
    initial = {
        "name": unit.name,
        "legal_category": category,
        "ess_quality": unit.ess and category in ESS_OVERRIDABLE,
        "siret": _or_blank(normalize_siret, unit.siret),
        "rna": _or_blank(normalize_rna, unit.rna) if category == LegalCategory.ASSOCIATION else "",
        "naf_code": _or_blank(normalize_naf, unit.naf_code),
        "address": unit.address,
        "headcount_band": unit.headcount_band if unit.headcount_band in HEADCOUNT_BANDS else "",
    }
    commune = Commune.objects.filter(pk=unit.commune_code).first() if unit.commune_code else None
    if commune is not None:
        initial["commune"] = str(commune)
    return initial
