"""Step 2: the topics × needs matrix."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ptce.cooperation.models import TopicNeedLink
from tests.cooperation.factories import TerritoryNeedFactory, TopicFactory, TopicNeedLinkFactory
from tests.editing import PostForms

pytestmark = pytest.mark.django_db


class MatrixPage(HTMLParser):
    """Header cells (by scope), selects (id, name, selected value) and labels of the matrix."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headers = {"col": [], "row": []}
        self.selects, self.labels = [], {}
        self._text = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("th", "label"):
            self._text = (tag, attrs.get("scope") or attrs.get("for"), [])
        elif tag == "select":
            self.selects.append({"id": attrs["id"], "name": attrs["name"], "selected": None})
        elif tag == "option" and "selected" in attrs:
            self.selects[-1]["selected"] = attrs["value"]

    def handle_endtag(self, tag):
        if self._text and self._text[0] == tag:
            kind, key, parts = self._text
            text = " ".join("".join(parts).split())
            if kind == "th":
                self.headers[key].append(text)
            else:
                self.labels[key] = text
            self._text = None

    def handle_data(self, data):
        if self._text:
            self._text[2].append(data)


def matrix_url(pole):
    return reverse("cooperation:matrix", args=[pole.slug])


def cell(topic, need):
    return f"cell-{topic.pk}-{need.pk}"


@pytest.fixture
def grid(pole):
    topics = [TopicFactory(pole=pole, title=f"Sujet {n}") for n in (1, 2)]
    needs = [TerritoryNeedFactory(pole=pole, title=f"Besoin {n}") for n in (1, 2, 3)]
    return topics, needs


def test_a_member_marks_cells_and_the_matrix_keeps_them(client_as, pole, member, grid):
    topics, needs = grid
    client = client_as("member")
    response = client.post(
        matrix_url(pole), {cell(topics[0], needs[0]): "3", cell(topics[1], needs[2]): "1"}
    )
    assert response.status_code == 302
    links = {(link.topic_id, link.need_id): link.strength for link in TopicNeedLink.objects.all()}
    assert links == {(topics[0].pk, needs[0].pk): 3, (topics[1].pk, needs[2].pk): 1}
    assert TopicNeedLink.objects.filter(marked_by=member).count() == 2


def test_changing_and_clearing_a_cell_updates_and_removes_the_link(client_as, pole, member, grid):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[0], strength=1)
    TopicNeedLinkFactory(topic=topics[0], need=needs[1], strength=2)
    client_as("member").post(
        matrix_url(pole), {cell(topics[0], needs[0]): "2", cell(topics[0], needs[1]): ""}
    )
    assert list(TopicNeedLink.objects.values_list("need_id", "strength")) == [(needs[0].pk, 2)]


def test_an_out_of_range_strength_is_refused_and_nothing_changes(client_as, pole, member, grid):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[0], strength=1)
    response = client_as("member").post(
        matrix_url(pole), {cell(topics[0], needs[0]): "3", cell(topics[0], needs[1]): "7"}
    )
    assert response.status_code == 200
    assert "une intensité va de 1 (faible) à 3 (forte)" in response.text
    assert list(TopicNeedLink.objects.values_list("strength", flat=True)) == [1]


def test_the_matrix_is_an_accessible_table_of_labelled_selects(client_as, pole, member, grid):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[1], need=needs[2], strength=3)
    page = MatrixPage(client_as("member").get(matrix_url(pole)).text)
    assert page.headers["col"][1:] == [
        "Besoin 1 non traité",
        "Besoin 2 non traité",
        "Besoin 3 non traité",
    ]
    assert page.headers["row"] == ["Sujet 1", "Sujet 2"]
    assert len(page.selects) == 6
    for select in page.selects:
        assert "répond au besoin" in page.labels[select["id"]]
    selected = {select["name"]: select["selected"] for select in page.selects}
    assert selected[cell(topics[1], needs[2])] == "3"
    assert selected[cell(topics[0], needs[0])] == ""


def test_the_coordinator_can_turn_a_marked_cell_into_an_action(client_as, pole, coordinator, grid):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[1], strength=2)
    page = client_as("coordinator").get(matrix_url(pole)).text
    action_url = reverse("cooperation:action_add", args=[pole.slug])
    assert f"{action_url}?sujet={topics[0].pk}&amp;besoin={needs[1].pk}" in page
    assert page.count("Créer une action") == 1


def test_members_mark_but_do_not_create_actions(client_as, pole, member, grid):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[1])
    assert "Créer une action" not in client_as("member").get(matrix_url(pole)).text


def test_instructors_read_the_matrix_without_selects_and_cannot_post(
    client_as, pole, instructor, grid
):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[0], strength=2)
    client = client_as("instructor")
    page = client.get(matrix_url(pole))
    assert page.status_code == 200
    assert "<select" not in page.text
    assert "2 / 3" in page.text
    assert client.post(matrix_url(pole), {cell(topics[0], needs[1]): "3"}).status_code == 403
    assert TopicNeedLink.objects.count() == 1


def test_cells_of_another_pole_cannot_be_marked(client_as, pole, other_pole, member, grid):
    foreign_topic = TopicFactory(pole=other_pole)
    foreign_need = TerritoryNeedFactory(pole=other_pole)
    client_as("member").post(matrix_url(pole), {cell(foreign_topic, foreign_need): "3"})
    assert not TopicNeedLink.objects.exists()


def test_an_empty_matrix_says_what_it_needs(client_as, pole, member):
    page = client_as("member").get(matrix_url(pole)).text
    assert "au moins un" in page
    assert reverse("cooperation:topics", args=[pole.slug]) in page
    assert reverse("cooperation:needs", args=[pole.slug]) in page


@pytest.mark.parametrize("size", [3, 10])
def test_the_matrix_query_count_does_not_grow(
    client_as, pole, coordinator, size, django_assert_num_queries
):
    topics = TopicFactory.create_batch(size, pole=pole)
    needs = TerritoryNeedFactory.create_batch(size, pole=pole)
    for topic, need in zip(topics, needs, strict=True):
        TopicNeedLinkFactory(topic=topic, need=need)
    client = client_as("coordinator")
    with django_assert_num_queries(9):
        response = client.get(matrix_url(pole))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 10])
def test_saving_the_matrix_query_count_does_not_grow(
    client_as, pole, member, size, django_assert_num_queries
):
    topics = TopicFactory.create_batch(size, pole=pole)
    needs = TerritoryNeedFactory.create_batch(size, pole=pole)
    TopicNeedLinkFactory(topic=topics[0], need=needs[0], strength=1)
    TopicNeedLinkFactory(topic=topics[1], need=needs[1], strength=1)
    data = {cell(t, n): "2" for t in topics for n in needs}
    data[cell(topics[1], needs[1])] = ""
    client = client_as("member")
    with django_assert_num_queries(18):  # the pole row lock serialises matrix saves
        response = client.post(matrix_url(pole), data)
    assert response.status_code == 302
    assert TopicNeedLink.objects.count() == size * size - 1


def _loaded_form(client, pole):
    forms = PostForms(client.get(matrix_url(pole)).content.decode()).forms
    (form,) = [form for form in forms if "loaded" in form]
    return {name: values[0] for name, values in form.items()}


def _links():
    return {(link.topic_id, link.need_id): link.strength for link in TopicNeedLink.objects.all()}


def test_two_people_marking_different_cells_both_keep_theirs(client_as, pole, member, grid):
    topics, needs = grid
    client = client_as("member")
    tab_a, tab_b = _loaded_form(client, pole), _loaded_form(client, pole)
    client.post(matrix_url(pole), {**tab_a, cell(topics[0], needs[0]): "3"})
    response = client.post(matrix_url(pole), {**tab_b, cell(topics[1], needs[2]): "1"})

    assert response.status_code == 302
    assert _links() == {(topics[0].pk, needs[0].pk): 3, (topics[1].pk, needs[2].pk): 1}


def test_a_cell_changed_on_both_sides_shows_the_conflict_and_writes_nothing(
    client_as, pole, member, grid
):
    topics, needs = grid
    TopicNeedLinkFactory(topic=topics[0], need=needs[0], strength=1)
    client = client_as("member")
    tab_a, tab_b = _loaded_form(client, pole), _loaded_form(client, pole)
    client.post(matrix_url(pole), {**tab_a, cell(topics[0], needs[0]): "3"})
    conflict = client.post(
        matrix_url(pole),
        {**tab_b, cell(topics[0], needs[0]): "2", cell(topics[1], needs[1]): "2"},
    )

    assert conflict.status_code == 409
    assert (
        "«\xa0Sujet 1\xa0» × «\xa0Besoin 1\xa0»&nbsp;: 3 / 3 enregistré entre-temps, 2 / 3"
        in conflict.text
    )
    assert _links() == {(topics[0].pk, needs[0].pk): 3}

    # The page keeps this person's changes; sending it again applies them knowingly.
    (retry,) = [f for f in PostForms(conflict.content.decode()).forms if "loaded" in f]
    retry = {name: values[0] for name, values in retry.items()}
    assert client.post(matrix_url(pole), retry).status_code == 302
    assert _links() == {(topics[0].pk, needs[0].pk): 2, (topics[1].pk, needs[1].pk): 2}
