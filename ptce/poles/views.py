"""The directory and pole creation. A pole's own pages gather several apps: `ptce.www.poles`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from ptce.core import once
from ptce.core.pages_cache import anonymous_page, directory_scopes
from ptce.core.throttle import throttled
from ptce.territories.models import Departement, Region
from ptce.territories.near import RADII_KM

from .directory_query import directory_query
from .forms import PoleCreateForm
from .models import Pole, Sector, Stage
from .services import pole_create

PAGE_SIZE = 20
NEAREST_COUNT = 5


@login_not_required
@anonymous_page(directory_scopes)
def directory(request):
    # The filter choices are listed anyway: resolve the chosen ones from them, not the DB.
    regions = list(Region.objects.order_by("name"))
    departements = list(Departement.objects.order_by("code"))
    sectors = list(Sector.objects.all())
    query = directory_query(
        request.GET, regions=regions, departements=departements, sectors=sectors
    )
    near, filters, origin = query.near, query.filters, query.origin
    # A place we cannot find: its message, no list that would ignore it.
    poles = Pole.objects.none() if near.errors else query.poles()
    page = Paginator(poles, PAGE_SIZE).get_page(request.GET.get("page"))
    nearest = []
    if origin is not None and not page.paginator.count:
        # Nothing within the radius: the nearest poles matching the other filters.
        nearest = query.poles(radius_km=None)[:NEAREST_COUNT]
        for pole in nearest:  # as the map's rows, for the callout they share
            pole.url = reverse("poles:detail", args=[pole.slug])
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "poles/directory.html",
        {
            "page": page,
            "filters": filters,
            "regions": regions,
            "departements": departements,
            "sectors": sectors,
            "stages": Stage.choices,
            "querystring": params.urlencode(),
            "saved_query": query.canonical() if not near.errors else None,
            "query_words": query.describe(),
            "near_form": near,
            "origin": origin,
            "nearest": nearest,
            "wider_url": _wider(request, near) if origin and not page.paginator.count else "",
        },
    )


def _wider(request, near) -> str:
    """The directory's address with the next radius, or "" at the widest."""
    wider = [km for km in RADII_KM if km > near.radius_km]
    if not wider:
        return ""
    params = request.GET.copy()
    params.pop("page", None)
    params["radius"] = str(wider[0])
    return f"{request.path}?{params.urlencode()}"


@throttled("pole_create", "PTCE_RATE_POLE_CREATE")
def create(request):
    form = once.arm(PoleCreateForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            pole = pole_create(
                name=form.cleaned_data["name"],
                summary=form.cleaned_data["summary"],
                form=form.cleaned_data["form"],
                sectors=form.cleaned_data["sectors"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Le pôle est créé, non publié. Complétez son territoire et ses membres : un "
                "instructeur de sa région le vérifiera, puis vous pourrez le publier.",
            )
            return once.done(form, redirect("poles:manage", slug=pole.slug))
    return render(request, "poles/create.html", {"form": form})
