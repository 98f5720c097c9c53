from django.conf import settings

# django-dsfr reads SITE_CONFIG from its database model; a constant spares a query per page.
SITE_CONFIG = {
    "site_title": "PTCE",
    "site_tagline": "Pôles territoriaux de coopération économique",
    "header_brand_html": "République<br>française",
    "footer_brand_html": "République<br>française",
    "footer_description": "Plateforme des pôles territoriaux de coopération économique (PTCE), "
    "article 9 de la loi du 31 juillet 2014 relative à l’économie sociale et solidaire.",
}


def site(request):
    return {"SITE_CONFIG": SITE_CONFIG, "SITE_URL": settings.SITE_URL}
