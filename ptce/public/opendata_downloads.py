"""The files of /donnees/, as listed there and written by `opendata_export`."""

from ptce.core.exports import CSV_TYPE

from .opendata import poles_csv, poles_geojson, poles_json
from .opendata_organisations import organisations_csv

DOWNLOADS = (
    {
        "filename": "poles.csv",
        "url_name": "public:data_poles_csv",
        "title": "Pôles publiés (CSV)",
        "description": "Un pôle par ligne : identité, territoire, filières, forme, étape, "
        "charte, coordonnées, nombre de membres.",
        "format": "CSV (UTF-8, séparateur virgule, ligne d’en-tête)",
        "schema": "poles",
        "content_type": CSV_TYPE,
        "build": poles_csv,
    },
    {
        "filename": "poles.geojson",
        "url_name": "public:data_poles_geojson",
        "title": "Pôles publiés (GeoJSON)",
        "description": "Les pôles localisés, en points WGS 84 [longitude, latitude] "
        "(RFC 7946), avec les mêmes propriétés que le CSV.",
        "format": "GeoJSON (RFC 7946)",
        "schema": "",
        "content_type": "application/geo+json; charset=utf-8",
        "build": poles_geojson,
    },
    {
        "filename": "poles.json",
        "url_name": "public:data_poles_json",
        "title": "Pôles publiés (JSON)",
        "description": "Les mêmes données que le CSV, avec des listes et des valeurs typées.",
        "format": "JSON",
        "schema": "",
        "content_type": "application/json; charset=utf-8",
        "build": poles_json,
    },
    {
        "filename": "organisations.csv",
        "url_name": "public:data_organisations_csv",
        "title": "Organisations membres des pôles publiés (CSV)",
        "description": "Une ligne par adhésion en cours : pôle, organisation, SIRET, "
        "catégorie, ESS, commune. Jamais de personnes ni de coordonnées.",
        "format": "CSV (UTF-8, séparateur virgule, ligne d’en-tête)",
        "schema": "organisations",
        "content_type": CSV_TYPE,
        "build": organisations_csv,
    },
)


def download(filename: str) -> dict | None:
    return next((item for item in DOWNLOADS if item["filename"] == filename), None)
