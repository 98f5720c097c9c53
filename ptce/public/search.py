"""The site search: published poles (found by `ptce.poles.search`) and the organisations that
are members of them."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch

from ptce.organisations.models import LegalCategory, Organisation
from ptce.organisations.selectors import search_condition
from ptce.poles.models import Membership
from ptce.poles.search import (  # noqa: F401  (MIN_LENGTH for the view)
    MAX_QUERY_LENGTH,
    MIN_LENGTH,
    pole_ids,
    poles_in_order,
    search_words,
)

PREVIEW_SIZE = 10  # results per group on the overview
PAGE_SIZE = 20  # results per page once a group is chosen ("voir plus")
KINDS = ("poles", "organisations")


def matching_organisations(query: str):
    """Organisations that are current members of a published pole, found by name (every word,
    accents and case ignored) or SIRET (with or without spaces; a SIREN finds all its
    establishments). Natural persons are never listed: their name is personal data."""
    condition = search_condition(query[:MAX_QUERY_LENGTH])
    if condition is None:
        return Organisation.objects.none()
    public_memberships = Membership.objects.current().filter(pole__is_published=True)
    return (
        Organisation.objects.filter(condition)
        .filter(Exists(public_memberships.filter(organisation=OuterRef("pk"))))
        .exclude(legal_category=LegalCategory.PERSONNE_PHYSIQUE)
        .select_related("commune")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=public_memberships.select_related("pole").order_by(
                    "pole__search_name", "pole__name", "pole__pk"
                ),
                to_attr="public_memberships",
            )
        )
        .order_by("search_name", "name", "pk")
    )


@dataclass
class SearchResults:
    query: str
    kind: str = ""  # "" for the overview of both groups, else one of `KINDS`
    too_short: bool = True
    groups: dict[str, Page] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(page.paginator.count for page in self.groups.values())


def site_search(query: str, *, kind: str = "", page_number=1) -> SearchResults:
    """The results of `query`, grouped by kind: the first `PREVIEW_SIZE` of each on the
    overview, or one page of `PAGE_SIZE` of the chosen `kind`. A fixed number of queries."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    kind = kind if kind in KINDS else ""
    results = SearchResults(query=query, kind=kind)
    words = search_words(query)
    if not words:
        return results
    results.too_short = False
    querysets = {
        "poles": lambda: pole_ids(query, words),
        "organisations": lambda: matching_organisations(query),
    }
    for name in (kind,) if kind else KINDS:
        paginator = Paginator(querysets[name](), PAGE_SIZE if kind else PREVIEW_SIZE)
        results.groups[name] = paginator.get_page(page_number if kind else 1)
    if "poles" in results.groups:
        page = results.groups["poles"]
        page.object_list = poles_in_order(list(page.object_list))
    return results
