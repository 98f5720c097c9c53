"""The cooperation network: measures on small known graphs, the drawing, the data it reads."""

import pytest

from ptce.cooperation.life import network
from ptce.cooperation.life.selectors import network_data
from ptce.cooperation.models import ActionStatus
from tests.cooperation.factories import CooperationActionFactory
from tests.cooperation.life.helpers import member_of


def graph_of(families: dict, actions: list):
    """`families`: member id → family; `actions`: lists of participant ids."""
    members = [(member_id, f"Membre {member_id}", family) for member_id, family in families.items()]
    return network.build_graph(members, dict(enumerate(actions)))


def test_a_triangle_has_full_density():
    graph = graph_of({1: "ess", 2: "ess", 3: "ess"}, [[1, 2], [2, 3], [1, 3]])

    measures = network.measure(graph)

    assert measures.density == 1
    assert measures.density_percent == 100
    assert measures.link_count == 3
    assert measures.isolated == []


def test_one_action_with_three_participants_links_each_pair():
    graph = graph_of({1: "ess", 2: "ess", 3: "ess"}, [[1, 2, 3]])

    assert network.measure(graph).density == 1


def test_a_star_has_half_density_and_its_centre_is_the_most_connected():
    graph = graph_of(
        {1: "collectivite", 2: "ess", 3: "ess", 4: "ess"}, [[1, 2], [1, 3], [1, 4], [1, 4]]
    )

    measures = network.measure(graph)

    assert measures.density == pytest.approx(3 / 6)
    [centre, *others] = measures.most_connected
    assert (centre.id, centre.degree, centre.weighted_degree) == (1, 3, 4)
    assert [(r.id, r.weighted_degree) for r in others] == [(4, 2), (2, 1), (3, 1)]
    assert measures.cross_share == 1
    assert measures.cross_percent == 100


def test_a_path_of_four_has_half_density_and_no_isolated_member():
    graph = graph_of({1: "ess", 2: "ess", 3: "ess", 4: "ess"}, [[1, 2], [2, 3], [3, 4]])

    measures = network.measure(graph)

    assert measures.density == pytest.approx(0.5)
    assert measures.isolated == []
    assert [r.id for r in measures.most_connected] == [2, 3, 1, 4]


def test_the_cross_category_share_counts_links_between_two_families():
    graph = graph_of(
        {1: "ess", 2: "ess", 3: "entreprise", 4: "collectivite", 5: "recherche_formation"},
        [[1, 2], [1, 3], [2, 4], [4, 5]],
    )

    measures = network.measure(graph)

    assert measures.cross_link_count == 3
    assert measures.cross_share == pytest.approx(0.75)
    assert measures.cross_percent == 75


def test_members_without_a_shared_action_are_isolated():
    graph = graph_of({1: "ess", 2: "ess", 3: "entreprise"}, [[1, 2], [3]])

    measures = network.measure(graph)

    assert [r.name for r in measures.isolated] == ["Membre 3"]
    assert measures.density == pytest.approx(1 / 3)


def test_an_empty_or_single_member_network_has_no_density_nor_share():
    for graph in (graph_of({}, []), graph_of({1: "ess"}, [])):
        measures = network.measure(graph)
        assert measures.density == 0
        assert measures.cross_share is None
        assert measures.cross_percent is None


def test_weights_count_the_shared_actions_and_participants_outside_the_pole_are_ignored():
    graph = graph_of({1: "ess", 2: "entreprise"}, [[1, 2], [1, 2, 99], [2, 1]])

    [link] = network.links_table(graph)

    assert (link["a"], link["b"], link["weight"], link["crosses"]) == (
        "Membre 1",
        "Membre 2",
        3,
        True,
    )
    assert 99 not in graph


def test_the_drawing_is_deterministic_and_gives_each_family_its_shape_and_colour():
    families = {1: "ess", 2: "entreprise", 3: "collectivite", 4: "recherche_formation", 5: "autre"}
    graph = graph_of(families, [[1, 2], [2, 3], [3, 4], [4, 5]])

    first, second = network.drawing(graph), network.drawing(graph)

    assert first == second
    looks = {node["id"]: (node["shape"], node["colour"]) for node in first["nodes"]}
    assert len(set(looks.values())) == 5
    assert len({shape for shape, _ in looks.values()}) == 5
    assert looks[1][0] == "circle"
    assert looks[2][0] == "square"
    assert len(first["lines"]) == 4


def test_members_of_one_family_stand_next_to_each_other_on_the_circle():
    graph = graph_of({1: "ess", 2: "entreprise", 3: "ess", 4: "entreprise"}, [])

    where = network.positions(graph)
    angles = sorted(where, key=lambda node: where[node][2])

    assert [graph.nodes[n]["family"] for n in angles] == ["ess", "ess", "entreprise", "entreprise"]


@pytest.mark.django_db
def test_network_data_reads_current_members_and_actions_still_alive(pole):
    a, b, c = member_of(pole, "A"), member_of(pole, "B"), member_of(pole, "C")
    gone = member_of(pole, "Partie")
    gone.left_on = "2024-01-01"
    gone.save()
    CooperationActionFactory(pole=pole, participants=[a, b, gone])
    CooperationActionFactory(pole=pole, participants=[b, c], status=ActionStatus.ABANDONED)

    memberships, participants = network_data(pole)
    result = network.pole_network(memberships, participants)

    assert [m.organisation.name for m in memberships] == ["A", "B", "C"]
    assert [(row["a"], row["b"]) for row in result["links"]] == [("A", "B")]
    assert [r.name for r in result["measures"].isolated] == ["C"]


def test_the_drawing_keeps_the_strongest_links_and_counts_the_others():
    # Four members, six links; the pair 1–2 shares three actions, 3–4 two.
    graph = graph_of(
        dict.fromkeys([1, 2, 3, 4], "ess"),
        [[1, 2, 3, 4], [1, 2], [1, 2], [3, 4]],
    )
    drawn = network.drawing(graph, limit=2)
    assert [(line["a"], line["b"], line["weight"]) for line in drawn["lines"]] == [
        ("Membre 1", "Membre 2", 3),
        ("Membre 3", "Membre 4", 2),
    ]
    assert drawn["hidden"] == 4
    assert len(network.drawing(graph, limit=None)["lines"]) == 6
    assert network.drawing(graph, limit=None)["hidden"] == 0
