"""No public output leaks an unpublished pole or personal data.

The test walks every public output of the public face (open-data page and files, schemas,
every API operation for every published pole, the map and its data, the figures page and
every figures CSV, the embed, the search) over a dataset seeded with things that must never
show: an unpublished pole, the users of the pole (e-mails, names), the pole's public contact
details, and a member organisation that is a natural person. Outputs of parts not built yet
are skipped with a clear message, never silently.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from ptce.organisations.models import LegalCategory
from ptce.poles.models import PersonRole
from tests.core.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.poles.factories import MembershipFactory, PlaceFactory, PoleFactory, PolePersonFactory
from tests.public.test_opendata import make_located, make_toulouse

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
    make_located(pole, make_toulouse(region))
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


def _url(name, *args, query=""):
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def public_outputs(published) -> tuple[list[str], list[str]]:
    """(URLs to read, parts not built yet)."""
    urls = [
        _url("public:home"),
        _url("public:data"),
        _url("public:data_poles_csv"),
        _url("public:data_poles_geojson"),
        _url("public:data_poles_json"),
        _url("public:data_organisations_csv"),
        _url("public:data_poles_csv", query="?region=76"),
        _url("public:data_organisations_csv", query="?departement=31"),
        _url("public:data_schema", "poles"),
        _url("public:data_schema", "organisations"),
        "/api/v1/openapi.json",
        "/api/v1/poles/",
        "/api/v1/poles/?region=76&limit=500",
        "/api/v1/chiffres",
        "/api/v1/chiffres?region=76",
        "/api/v1/territoires/communes?q=toulouse",
        "/api/v1/referentiels/",
    ]
    for pole in published:
        urls += [f"/api/v1/poles/{pole.slug}", f"/api/v1/poles/{pole.slug}/organisations"]
    missing = []
    optional = {
        "map page (public:map)": [_url("public:map", query="?region=76")],
        "map data (public:map_data)": [
            _url("public:map_data"),
            _url("public:map_data", query="?region=76"),
        ],
        "map embed (public:map_embed)": [_url("public:map_embed")],
        "figures page (public:figures)": [
            _url("public:figures"),
            _url("public:figures", query="?region=76"),
        ],
        "search (public:search)": [
            _url("public:search", query="?q=" + word)
            for word in ("Confidentiel", "Particulière", "Kerbrat", "Invisible", "coteaux")
        ],
    }
    try:
        from ptce.public.views_figures import SECTIONS_BY_KEY

        optional["figures CSVs (public:figures_csv)"] = [
            _url("public:figures_csv", key) for key in SECTIONS_BY_KEY
        ] + [_url("public:figures_csv", key, query="?region=76") for key in SECTIONS_BY_KEY]
    except ImportError:
        optional["figures CSVs (public:figures_csv)"] = [None]
    for part, part_urls in optional.items():
        if any(url is None for url in part_urls):
            missing.append(part)
        else:
            urls += part_urls
    return urls, missing


def test_no_public_output_shows_an_unpublished_pole_or_personal_data(client, seeded):
    urls, missing = public_outputs(seeded)
    assert None not in urls, "a core public URL does not resolve"

    leaks = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        content = response.getvalue().decode("utf-8")  # figures CSVs stream
        leaks += [f"{url}: {what}" for what, secret in SECRETS.items() if secret in content]

    assert leaks == []
    if missing:
        pytest.skip(f"Not built yet, not walked: {', '.join(missing)}")


def test_the_walk_reaches_the_published_data(client, seeded):
    """The walk is meaningful: the published poles and their members do show."""
    poles = client.get(reverse("public:data_poles_csv")).content.decode()
    organisations = client.get(reverse("public:data_organisations_csv")).content.decode()
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
