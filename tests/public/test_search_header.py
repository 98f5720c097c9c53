"""The header's search box: on every page, in the tools area and in the mobile menu, a plain
GET form (no JavaScript needed) with a label, leading to the search page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.conftest import ROLES


class SearchForms(HTMLParser):
    """The role="search" forms of a page, with their inputs, labels and submit buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.labels: dict[str, str] = {}
        self._label_for = None
        self._in_form = False
        self._in_header = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "header":
            self._in_header += 1
        if tag == "form" and attrs.get("role") == "search":
            self._in_form = True
            self.forms.append(
                {**attrs, "in_header": bool(self._in_header), "inputs": [], "submits": 0}
            )
        elif self._in_form and tag == "input":
            self.forms[-1]["inputs"].append(attrs)
        elif self._in_form and tag == "button" and attrs.get("type") == "submit":
            self.forms[-1]["submits"] += 1
        if tag == "label":
            self._label_for = attrs.get("for")
            self.labels[self._label_for] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "label":
            self._label_for = None
        elif tag == "header":
            self._in_header -= 1

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] += data


def search_forms(response):
    parser = SearchForms()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize(
    "url", [reverse("public:home"), reverse("poles:directory"), reverse("public:guide")]
)
def test_every_page_has_a_search_box_in_the_header_and_in_the_mobile_menu(client, db, url):
    parser = search_forms(client.get(url))
    header_forms = [form for form in parser.forms if form["in_header"]]

    assert len(header_forms) == 2  # the tools area, and the mobile menu
    for form in header_forms:
        assert form["method"] == "get"
        assert form["action"] == reverse("public:search")
        assert form["aria-label"]
        assert form["submits"] == 1
        [field] = form["inputs"]
        assert field["name"] == "q"
        assert field["type"] == "search"
        assert parser.labels[field["id"]].strip() == "Rechercher un pôle ou une organisation"
    assert len({form["inputs"][0]["id"] for form in header_forms}) == 2  # unique ids


def test_the_header_box_is_a_dsfr_search_bar_that_the_navbar_button_opens(client, db):
    content = client.get(reverse("public:home")).content.decode()

    assert 'class="fr-header__search fr-modal" id="recherche-entete"' in content
    assert 'class="fr-btn--search fr-btn"' in content
    assert 'aria-controls="recherche-entete"' in content
    assert content.count('class="fr-search-bar') == 2
    # Its buttons do not read « Rechercher »: pages have their own « Rechercher » buttons.
    assert content.count(">Lancer la recherche</button>") == 2
    assert ">Rechercher</button>" not in content


@pytest.mark.parametrize("role", ROLES)
def test_submitting_the_header_box_leads_to_the_results(client_as, pole, role):
    client = client_as(role)
    form = next(f for f in search_forms(client.get(reverse("public:home"))).forms)

    response = client.get(form["action"], {"q": "COTEAUX"})

    assert response.status_code == 200
    assert [p.name for p in response.context["results"].groups["poles"]] == ["Pôle des Coteaux"]


def test_the_results_page_keeps_the_query_in_its_own_box(client, pole):
    parser = search_forms(client.get(reverse("public:search"), {"q": "Côteaux"}))
    [page_form] = [form for form in parser.forms if not form["in_header"]]

    assert page_form["inputs"][0]["value"] == "Côteaux"
