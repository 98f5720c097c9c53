"""No public output leaks an unpublished pole or personal data.

The test walks every public output of the public face (open-data page and files, schemas,
every API operation for every published pole, the map and its data, the figures page and
every figures CSV, the embed, the search) over a dataset seeded with things that must never
show: an unpublished pole, the users of the pole (e-mails, names), the pole's public contact
details, and a member organisation that is a natural person. Every URL of the public app and
of the API is walked: one the walk cannot reach (no parameters for it here, or a name that no
longer resolves) fails the test, listed by name.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from ptce.organisations.models import LegalCategory
from ptce.poles.models import PersonRole
from ptce.public.guide import GUIDE_PAGES
from ptce.public.opendata import SCHEMA_NAMES
from ptce.public.views_figures import SECTIONS_BY_KEY
from tests.assessments.factories import load_default_referentiel
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory, PolePersonFactory
from tests.public.test_opendata import make_located, make_toulouse
from tests.territories.factories import EpciFactory

SECRETS = {
    "unpublished pole name": "Pôle Confidentiel Zéta",
    "unpublished pole slug": "pole-confidentiel-zeta",
    "unpublished pole summary": "Projet encore discret",
    "coordinator e-mail": "gwendoline.kerbrat@perso.example",
    "coordinator first name": "Gwendoline",
    "coordinator last name": "Kerbrat-Secretan",
    "member e-mail": "ninon.particuliere@perso.example",
    "member last name": "Particulière-Lambda",
    "natural person member": "Ninon Particulière-Lambda",
    "pole contact e-mail": "contact-coteaux@pole.example",
    "pole contact phone": "05 61 23 45 67",
    "pole contact phone, compact": "0561234567",
    "member of the unpublished pole": "Coopérative Invisible Oméga",
}


@pytest.fixture
def seeded(pole, region, other_pole):
    """The cast's published poles, plus everything that must stay private."""
    cache.clear()
    toulouse = make_toulouse(region)
    toulouse.epci = EpciFactory(code="243100518", name="Toulouse Métropole", nature="ME")
    toulouse.save()
    make_located(pole, toulouse)
    load_default_referentiel()
    pole.contact_email = SECRETS["pole contact e-mail"]
    pole.contact_phone = SECRETS["pole contact phone"]
    pole.charter_signed_on = date(2023, 3, 1)
    pole.save()
    PolePersonFactory(
        pole=pole,
        role=PersonRole.COORDINATOR,
        user=UserFactory(
            email=SECRETS["coordinator e-mail"],
            first_name=SECRETS["coordinator first name"],
            last_name=SECRETS["coordinator last name"],
        ),
    )
    natural_person = MembershipFactory(
        pole=pole,
        organisation=OrganisationFactory(
            name=SECRETS["natural person member"],
            legal_category=LegalCategory.PERSONNE_PHYSIQUE,
            siret=None,
        ),
    )
    PolePersonFactory(
        pole=pole,
        membership=natural_person,
        user=UserFactory(
            email=SECRETS["member e-mail"],
            first_name="Ninon",
            last_name=SECRETS["member last name"],
        ),
    )
    hidden = PoleFactory(
        name=SECRETS["unpublished pole name"],
        slug=SECRETS["unpublished pole slug"],
        summary=SECRETS["unpublished pole summary"],
        region=region,
        is_published=False,
    )
    hidden.covered_departements.add(*pole.covered_departements.all())
    PlaceFactory(pole=hidden, latitude=43.7, longitude=1.5, is_main=True)
    MembershipFactory(
        pole=hidden,
        organisation=OrganisationFactory(
            name=SECRETS["member of the unpublished pole"], legal_category=LegalCategory.SCOP
        ),
    )
    return [pole, other_pole]


# The public face: every URL of these namespaces is walked.
NAMESPACES = ("public", "api")
REGION = "?region=76"
# Outside DEBUG, django-ninja's root answers 404 (in DEBUG it redirects to the docs).
NOT_FOUND = {"api:api-root": 404, "api:not_found": 404}
SEARCHES = ("Confidentiel", "Particulière", "Kerbrat", "Invisible", "coteaux")


def public_url_names(patterns=None, namespace=None) -> set[str]:
    """`namespace:name` of every URL of the public app and of the API."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            names |= public_url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and namespace in NAMESPACES:
            names.add(f"{namespace}:{pattern.name}")
    return names


def walk_plan(published) -> dict[str, list]:
    """For each URL name of the public face, what the walk reads: (args, query string) to
    reverse, or a literal path."""
    return {
        "public:home": [((), "")],
        "public:guide": [((), "")],
        "public:guide_page": [((page.slug,), "") for page in GUIDE_PAGES],
        "public:accessibility": [((), "")],
        "public:legal": [((), "")],
        "public:map": [((), ""), ((), REGION)],
        "public:map_data": [((), ""), ((), REGION)],
        "public:map_outlines": [((), "")],
        "public:map_embed": [((), ""), ((), REGION)],
        # The places in the area shown (around Toulouse, where the hidden pole has one).
        "public:map_places": [((), "?bbox=42,-1,46,4"), ((), REGION + "&bbox=42,-1,46,4")],
        "public:figures": [((), ""), ((), REGION)],
        "public:figures_csv": [
            ((key,), query) for key in SECTIONS_BY_KEY for query in ("", REGION)
        ],
        "public:data": [((), "")],
        "public:data_poles_csv": [((), ""), ((), REGION)],
        "public:data_poles_geojson": [((), ""), ((), REGION)],
        "public:data_poles_json": [((), ""), ((), REGION)],
        "public:data_organisations_csv": [((), ""), ((), "?departement=31")],
        "public:data_schema": [((name,), "") for name in SCHEMA_NAMES],
        "public:search": [((), "?q=" + word) for word in SEARCHES],
        "api:api-root": [((), "")],
        "api:openapi-json": [((), "")],
        "api:openapi-view": [((), "")],
        "api:not_found": ["/api/v1/inconnu"],
        "api:referentiel_list": [((), "")],
        "api:referentiel_detail": [(("ecarts-generique",), "")],
        "api:poles": [((), ""), ((), REGION + "&limit=500")]
        + [((), "?q=" + word) for word in SEARCHES],
        "api:pole": [((pole.slug,), "") for pole in published],
        "api:pole_organisations": [((pole.slug,), "") for pole in published],
        "api:figures": [((), ""), ((), REGION)],
        "api:regions": [((), "")],
        "api:region": [(("76",), "")],
        "api:departements": [((), "")],
        "api:departement": [(("31",), "")],
        "api:epcis": [((), "?q=toulouse")],
        "api:epci": [(("243100518",), "")],
        "api:communes": [((), "?q=toulouse")],
        "api:commune": [(("31555",), "")],
    }


def public_outputs(published) -> list[tuple[str, str]]:
    """(URL name, address) of everything the walk reads; fails naming the URLs it cannot
    reach."""
    plan = walk_plan(published)
    names = public_url_names()
    problems = [f"{name}: no parameters in walk_plan" for name in sorted(names - set(plan))]
    problems += [f"{name}: in walk_plan, not a URL" for name in sorted(set(plan) - names)]
    urls = []
    for name, targets in plan.items():
        for target in targets:
            if isinstance(target, str):
                urls.append((name, target))
                continue
            args, query = target
            try:
                urls.append((name, reverse(name, args=args) + query))
            except NoReverseMatch as error:
                problems.append(f"{name}{list(args)}: {error}")
    assert not problems, "Public URLs the privacy walk cannot reach:\n" + "\n".join(problems)
    return urls


def test_the_walk_covers_every_url_of_the_public_face(seeded):
    urls = dict(reversed(output) for output in public_outputs(seeded))

    assert urls["/donnees/poles.csv?region=76"] == "public:data_poles_csv"
    assert urls[f"/api/v1/poles/{seeded[0].slug}/organisations"] == "api:pole_organisations"


def test_no_public_output_shows_an_unpublished_pole_or_personal_data(client, seeded):
    leaks = []
    for name, url in public_outputs(seeded):
        response = client.get(url)
        expected = NOT_FOUND.get(name, 200)
        assert response.status_code == expected, f"{url} answered {response.status_code}"
        content = response.getvalue().decode("utf-8")  # figures CSVs stream
        leaks += [f"{url}: {what}" for what, secret in SECRETS.items() if secret in content]

    assert leaks == []


def test_the_walk_reaches_the_published_data(client, seeded):
    """The walk is meaningful: the published poles and their members do show."""
    poles = client.get(reverse("public:data_poles_csv")).content.decode()
    organisations = client.get(reverse("public:data_organisations_csv")).getvalue().decode()
    api = client.get("/api/v1/poles/pole-des-coteaux/organisations").json()

    assert "Pôle des Coteaux" in poles
    assert "pole-armor" in poles
    assert "Coop des Coteaux" in organisations
    assert [o["organisation"] for o in api] == ["Coop des Coteaux", "Mairie de Balma"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/poles/pole-confidentiel-zeta",
        "/api/v1/poles/pole-confidentiel-zeta/organisations",
        "/donnees/poles.csv?region=76&laureate=inconnu",
    ],
)
def test_the_unpublished_pole_cannot_be_reached_directly(client, seeded, url):
    response = client.get(url)

    assert response.status_code in (400, 404)
    assert SECRETS["unpublished pole name"] not in response.content.decode()
