"""What the directory's address asks (its GET parameters), read once: the filters, the
« près de » form, the same query written in one canonical way (a saved search's key) and in
words. Shared by the directory and the saved searches (`ptce.cooperation.searches`).

Unknown values of the lists (a région, a filière…) are ignored as the directory always did;
a place that cannot be found is the « près de » form's error.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q

from ptce.territories.forms import NearForm
from ptce.territories.models import Departement, Region

from .models import Sector, Stage
from .selectors import RankedPoles, directory_poles

MAX_Q = 100
COORDINATE_DECIMALS = 3  # about 100 m: a position, not a person's doorstep


def _pick(options, key, value):
    return next((option for option in options if getattr(option, key) == value), None)


def _words(value) -> str:
    return " ".join(str(value or "").split())


@dataclass
class DirectoryQuery:
    filters: dict  # region, departement, sector, stage, q: `directory_poles`' arguments
    near: NearForm  # validated

    @property
    def origin(self):
        return self.near.origin if not self.near.errors else None

    @property
    def radius_km(self) -> int:
        return self.near.radius_km

    def poles(self, **overrides):
        """The directory's poles for this query (`selectors.directory_poles`)."""
        arguments = {**self.filters, "origin": self.origin, "radius_km": self.radius_km}
        return directory_poles(**{**arguments, **overrides})

    def pole_ids(self):
        """The ids of the poles found: a list, or a subquery when neither a search nor a place
        orders them."""
        found = self.poles()
        return found.ids() if isinstance(found, RankedPoles) else found.values("pk")

    def canonical(self) -> str:
        """The query string of what this query keeps, in a fixed order: two addresses asking
        the same (parameters in another order, blank or unknown values, the page, the default
        radius left out) give the same string."""
        data = getattr(self.near, "cleaned_data", {}) or {}
        filters = self.filters
        params = {
            "q": filters["q"],
            "region": filters["region"].code if filters["region"] else "",
            "departement": filters["departement"].code if filters["departement"] else "",
            "filiere": filters["sector"].slug if filters["sector"] else "",
            "etape": filters["stage"],
        }
        if self.origin is not None:
            if data.get("lat") is not None and data.get("lon") is not None:
                params["lat"] = f"{data['lat']:.{COORDINATE_DECIMALS}f}"
                params["lon"] = f"{data['lon']:.{COORDINATE_DECIMALS}f}"
            else:
                params["near"] = _words(data.get("near"))
            params["radius"] = str(self.radius_km)
        return urlencode(sorted((key, value) for key, value in params.items() if value))

    def describe(self) -> str:
        """The query in words: « Près de Toulouse (31), 50 km · Filière : Énergie »."""
        filters, parts = self.filters, []
        if self.origin is not None:
            parts.append(f"Près de {self.origin.label}, {self.radius_km}\u00a0km")
        if filters["q"]:
            parts.append(f"«\u00a0{filters['q']}\u00a0»")
        if filters["sector"]:
            parts.append(f"Filière\u00a0: {filters['sector'].name}")
        if filters["departement"]:
            departement = filters["departement"]
            parts.append(f"{departement.name} ({departement.code})")
        if filters["region"]:
            parts.append(filters["region"].name)
        if filters["stage"]:
            parts.append(f"Étape\u00a0: {Stage(int(filters['stage'])).label}")
        return " · ".join(parts) or "Tous les pôles"


def directory_query(params, *, regions=None, departements=None, sectors=None) -> DirectoryQuery:
    """Read `params` (a QueryDict or a dict of strings). The lists of régions, départements and
    filières the page shows anyway may be given: the chosen ones are picked from them, else
    read (one query each, only for a value given)."""
    get = params.get
    stage = get("etape", "") or ""
    near = NearForm(params)
    near.is_valid()
    filters = {
        "region": _chosen(regions, Region, "code", get("region")),
        "departement": _chosen(departements, Departement, "code", get("departement")),
        "sector": _chosen(sectors, Sector, "slug", get("filiere")),
        "stage": stage if stage in {str(value) for value in Stage.values} else "",
        "q": _words(get("q", ""))[:MAX_Q],
    }
    return DirectoryQuery(filters=filters, near=near)


def _chosen(options, model, key, value):
    if not value:
        return None
    if options is not None:
        return _pick(options, key, value)
    return model.objects.filter(Q(**{key: str(value)[:100]})).first()
