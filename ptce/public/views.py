from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ptce.core.pages_cache import anonymous_page, everything_scopes
from ptce.core.retention import retention_periods

from .guide import GUIDE_PAGES, get_guide_page, guide_neighbours
from .selectors import home_figures

# Shown on the accessibility statement; a placeholder the operator of the service replaces.
ACCESSIBILITY_CONTACT_EMAIL = "accessibilite@ptce.example"
# Date the accessibility statement was written; update it with the statement.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 26)

# The home page's calls to action: title, description, URL name (and kwargs), DSFR pictogram.
HOME_ACTIONS = (
    (
        "Trouver un pôle",
        "L’annuaire des pôles, par région, filière ou nom.",
        "poles:directory",
        {},
        "digital/search",
    ),
    ("Carte", "Les pôles et leurs lieux sur la carte.", "public:map", {}, "map/map"),
    (
        "Comprendre les PTCE",
        "Le guide : définition, objectifs, parties prenantes, référentiel ECARTS.",
        "public:guide",
        {},
        "leisure/book",
    ),
    (
        "Créer ou animer un pôle",
        "Les trois étapes clés de la mise en place d’un PTCE.",
        "public:guide_page",
        {"slug": "etapes"},
        "environment/human-cooperation",
    ),
    (
        "Mon espace",
        "Accéder à vos pôles et à vos démarches (connexion requise).",
        "core:dashboard",
        {},
        "digital/avatar",
    ),
)


@login_not_required
@anonymous_page(everything_scopes)
def home(request):
    actions = [
        {
            "title": title,
            "description": description,
            "url": reverse(url_name, kwargs=kwargs),
            "pictogram": f"dsfr/dist/artwork/pictograms/{pictogram}.svg",
        }
        for title, description, url_name, kwargs, pictogram in HOME_ACTIONS
    ]
    return render(request, "public/home.html", {"actions": actions, "figures": home_figures()})


@login_not_required
def guide(request, slug=None):
    if slug is None:
        return render(request, "public/guide/index.html", {"pages": GUIDE_PAGES})
    page = get_guide_page(slug)
    if page is None:
        raise Http404("Cette page du guide n’existe pas.")
    previous, following = guide_neighbours(page)
    menu = {
        "id": "guide-menu",
        "title": "Guide des PTCE",
        "title_url": reverse("public:guide"),
        "button": "Dans ce guide",
        "items": [
            {
                "key": item.slug,
                "label": item.title,
                "url": reverse("public:guide_page", args=[item.slug]),
            }
            for item in GUIDE_PAGES
        ],
    }
    context = {"page": page, "menu": menu, "previous": previous, "next": following}
    return render(request, page.template, context)


@login_not_required
def accessibility(request):
    context = {
        "contact_email": ACCESSIBILITY_CONTACT_EMAIL,
        "statement_date": ACCESSIBILITY_STATEMENT_DATE,
    }
    return render(request, "public/accessibility.html", context)


@login_not_required
def legal(request):
    return render(request, "public/legal.html", {"retention": retention_periods()})
