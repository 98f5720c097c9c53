"""Each open-data CSV in two flavours, downloads saved as files, and « Données » in the menu."""

import pytest
from django.urls import reverse


def body(response) -> bytes:
    # organisations.csv is streamed, the others are whole.
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("url_name", ["public:data_poles_csv", "public:data_organisations_csv"])
def test_the_standard_csv_is_comma_separated_without_bom(client, pole, url_name):
    response = client.get(reverse(url_name))
    content = body(response)

    assert not content.startswith("\ufeff".encode())
    assert b";" not in content.splitlines()[0]
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("url_name", "filename"),
    [
        ("public:data_poles_csv", "poles-excel.csv"),
        ("public:data_organisations_csv", "organisations-excel.csv"),
    ],
)
def test_the_excel_flavour_has_a_bom_and_semicolons(client, pole, url_name, filename):
    response = client.get(reverse(url_name), {"format": "excel"})
    content = body(response)

    assert content.startswith("\ufeff".encode())
    assert b";" in content.splitlines()[0]
    assert b"," not in content.splitlines()[0]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_geojson_is_downloaded_not_shown(client, pole):
    response = client.get(reverse("public:data_poles_geojson"))

    assert response["Content-Disposition"] == 'attachment; filename="poles.geojson"'


def test_the_data_page_offers_both_flavours(client, pole):
    content = client.get(reverse("public:data")).content.decode()

    assert f'href="{reverse("public:data_poles_csv")}?format=excel"' in content
    assert f'href="{reverse("public:data_organisations_csv")}?format=excel"' in content


def test_the_main_menu_leads_to_the_data(client, db):
    content = client.get(reverse("public:map")).content.decode()

    assert f'<a class="fr-nav__link" href="{reverse("public:data")}"' in content
