"""Reads on the registry of organisations: search, lookup by identifier, the detail page."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, Q, When

from ptce.territories.models import Commune
from ptce.territories.text import normalize, search_key

from .models import LegalCategory, Organisation, OrganisationChangeProposal, ProposalState
from .validators import normalize_rna, normalize_siret

MAX_RESULTS = 50
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")
_RNA_LIKE = re.compile(r"W[0-9A-Z]{9}")


def organisation_search(
    query: str, *, limit: int = 20, visible: Q | None = None
) -> list[Organisation]:
    """Organisations whose name contains every word of `query` (accents and case ignored), or
    whose SIRET starts with the digits typed (a SIREN finds all its establishments), or whose
    RNA number is the one typed. At most `limit` results (never more than `MAX_RESULTS`);
    `visible` narrows them to what the searcher may know of."""
    limit = max(1, min(limit, MAX_RESULTS))
    condition = search_condition(query)
    if condition is None:
        return []
    organisations = Organisation.objects.filter(condition)
    if visible is not None:
        organisations = organisations.filter(visible)
    return list(organisations.select_related("commune").order_by("name", "pk")[:limit])


def search_condition(query: str) -> Q | None:
    """The filter behind `organisation_search` (also used by the admin), None for no query."""
    query = (query or "").strip()[:100]
    words = normalize(query).split()
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    compact = _SEPARATORS.sub("", query).upper()
    if compact.isdigit() and len(compact) >= 9:
        condition |= Q(siret__startswith=compact[:14])
    if _RNA_LIKE.fullmatch(compact):
        condition |= Q(rna=compact)
    return condition


def organisation_by_identifier(value: str) -> Organisation | None:
    """The organisation with this SIRET or RNA number, typed in any accepted form, or None."""
    for field, normalizer in (("siret", normalize_siret), ("rna", normalize_rna)):
        try:
            identifier = normalizer(value)
        except ValidationError:
            continue
        if identifier:
            return Organisation.objects.filter(**{field: identifier}).first()
    return None


def organisation_namesake(*, name: str, commune) -> Organisation | None:
    """An organisation registered under the same name (accents, case and punctuation aside) in
    the same commune: the one a new record without SIRET nor RNA may well be."""
    key = search_key(name or "")
    if not key:
        return None
    return Organisation.objects.filter(search_name=key, commune=commune).order_by("pk").first()


def organisation_duplicates(*, siret=None, rna=None, exclude_pk=None) -> dict[str, Organisation]:
    """{"siret": <Organisation>, "rna": <Organisation>} for the identifiers already taken."""
    condition = Q(pk__in=[])
    if siret:
        condition |= Q(siret=siret)
    if rna:
        condition |= Q(rna=rna)
    if not (siret or rna):
        return {}
    found = {}
    for existing in Organisation.objects.filter(condition).exclude(pk=exclude_pk):
        if siret and existing.siret == siret:
            found["siret"] = existing
        if rna and existing.rna == rna:
            found["rna"] = existing
    return found


# --- proposed changes ---

FIELD_LABELS = {
    "name": "Nom",
    "legal_category": "Catégorie juridique",
    "ess_quality": "Qualité ESS reconnue",
    "siret": "SIRET",
    "rna": "Numéro RNA",
    "naf_code": "Code NAF (APE)",
    "commune": "Commune du siège",
    "website": "Site internet",
}


@dataclass(frozen=True)
class Change:
    label: str
    current: str
    proposed: str


def pending_proposals(organisation: Organisation) -> list[OrganisationChangeProposal]:
    """The organisation's pending proposals, oldest first, each with `changes` (a list of
    `Change`, current value → proposed value); three queries whatever their number."""
    proposals = list(
        organisation.change_proposals.filter(state=ProposalState.PENDING).select_related(
            "proposed_by"
        )[:MAX_RESULTS]
    )
    return with_changes(organisation, proposals)


def with_changes(organisation: Organisation, proposals: list) -> list:
    """Set `changes` on each proposal of the organisation (one query for the communes)."""
    if not proposals:
        return proposals
    codes = {p.values.get("commune") for p in proposals} | {organisation.commune_id}
    communes = Commune.objects.in_bulk([code for code in codes if code])
    for proposal in proposals:
        proposal.changes = [
            Change(
                FIELD_LABELS.get(field, field),
                _display(field, _current(organisation, field), communes),
                _display(field, value, communes),
            )
            for field, value in proposal.values.items()
        ]
    return proposals


def pending_proposals_for(organisations, *, limit: int = 20) -> list[OrganisationChangeProposal]:
    """Pending proposals on `organisations` (a queryset), oldest first, at most `limit`
    (one query)."""
    return list(
        OrganisationChangeProposal.objects.filter(
            state=ProposalState.PENDING, organisation__in=organisations
        )
        .select_related("organisation", "proposed_by")
        .order_by("created_at", "pk")[:limit]
    )


def proposals_by(user, *, limit: int = 20) -> list[OrganisationChangeProposal]:
    """The proposals `user` made, pending first then the newest decided, at most `limit`
    (one query)."""
    if not user.is_authenticated:
        return []
    pending_first = Case(When(state=ProposalState.PENDING, then=0), default=1)
    return list(
        OrganisationChangeProposal.objects.filter(proposed_by=user)
        .select_related("organisation")
        .order_by(pending_first, "-created_at", "-pk")[:limit]
    )


def _current(organisation: Organisation, field: str):
    return organisation.commune_id if field == "commune" else getattr(organisation, field)


def _display(field: str, value, communes) -> str:
    if field == "ess_quality":
        return "oui" if value else "non"
    if value in (None, ""):
        return "Non renseigné"
    if field == "legal_category":
        return LegalCategory(value).label if value in LegalCategory.values else value
    if field == "commune":
        commune = communes.get(value)
        return f"{commune.name} ({commune.departement_id})" if commune else value
    return str(value)
