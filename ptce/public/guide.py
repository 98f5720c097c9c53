"""The guide « Comprendre les PTCE »: its pages, as data, in reading order.

The text follows the project's source document (the seed presentation of PTCE); each page's
text lives in its template, `public/guide/<slug>.html`. The order of `GUIDE_PAGES` is the
reading order: it drives the index, the side menu and the « précédent / suivant » links.

Stable addresses, ``/guide/<slug>/`` — other parts of the platform link to them: never rename
or remove a slug (add a new page instead).

======================  =================================================
slug                    page
======================  =================================================
definition              Définition et cadre légal (article 9 de la loi)
historique              Historique
objectifs               Objectifs
echelle                 Échelle de mise en œuvre
parties-prenantes       Les parties prenantes à mobiliser
etapes                  Les étapes clés de la mise en place (les trois)
conditions-de-reussite  Les conditions de réussite
animation               Point d’attention : l’animation
chiffres                Les PTCE en chiffres (étude 2017, AMI 2021, 2022)
referentiel-ecarts      Le référentiel ECARTS (critères A à I)
ressources              Pour aller plus loin (ressources)
======================  =================================================

Link to them with ``{% url 'public:guide_page' slug='etapes' %}`` (or ``reverse``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    summary: str
    template: str


def _page(slug: str, title: str, summary: str) -> GuidePage:
    return GuidePage(slug, title, summary, f"public/guide/{slug}.html")


GUIDE_PAGES: tuple[GuidePage, ...] = (
    _page(
        "definition",
        "Définition et cadre légal",
        "Un concept né en 2009, défini par l’article 9 de la loi du 31 juillet 2014 relative "
        "à l’économie sociale et solidaire.",
    ),
    _page(
        "historique",
        "Historique",
        "Des premières expérimentations aux appels à manifestation d’intérêt de 2021 et 2022.",
    ),
    _page(
        "objectifs",
        "Objectifs",
        "Un modèle économique endogène : mutualiser, coopérer, structurer une filière, innover.",
    ),
    _page(
        "echelle",
        "Échelle de mise en œuvre",
        "Un projet local mené par des acteurs locaux, du bassin de vie au département.",
    ),
    _page(
        "parties-prenantes",
        "Les parties prenantes à mobiliser",
        "Entreprises, associations, collectivités, SCIC, universités…",
    ),
    _page(
        "etapes",
        "Les étapes clés de la mise en place",
        "Réunir les volontaires, identifier les sujets à co-construire, préparer un plan "
        "d’action et candidater.",
    ),
    _page(
        "conditions-de-reussite",
        "Les conditions de réussite",
        "Cohérence des projets, mutualisation des compétences et des ressources, approches "
        "transversales.",
    ),
    _page(
        "animation",
        "Point d’attention : l’animation",
        "L’animation des partenaires est un point central, à faire vivre dans la durée.",
    ),
    _page(
        "chiffres",
        "Les PTCE en chiffres",
        "La première étude du Labo de l’ESS (2017) et les lauréats des AMI 2021 et 2022.",
    ),
    _page(
        "referentiel-ecarts",
        "Le référentiel ECARTS",
        "Un référentiel pour caractériser chaque PTCE : 3 objectifs généraux, 9 critères "
        "notés de 1 à 5.",
    ),
    _page(
        "ressources",
        "Pour aller plus loin",
        "Les ressources du Coorace et du Labo de l’ESS sur les PTCE.",
    ),
)

_BY_SLUG = {page.slug: page for page in GUIDE_PAGES}


def get_guide_page(slug: str) -> GuidePage | None:
    return _BY_SLUG.get(slug)


def guide_neighbours(page: GuidePage) -> tuple[GuidePage | None, GuidePage | None]:
    """The pages before and after `page` in reading order (None at either end)."""
    index = GUIDE_PAGES.index(page)
    previous = GUIDE_PAGES[index - 1] if index > 0 else None
    following = GUIDE_PAGES[index + 1] if index + 1 < len(GUIDE_PAGES) else None
    return previous, following
