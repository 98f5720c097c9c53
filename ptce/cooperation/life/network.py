"""The cooperation network of a pole: its current member organisations, linked when they take
part in the same action (the link's weight is the number of actions they share).

Measures (explained in French on the page): density, the share of links crossing families (the
seed's « partenariats décloisonnés »: ESS ↔ classic enterprise ↔ local authority ↔ research
and training), isolated members, the most connected members.

The drawing is computed here, deterministically: members stand on a circle grouped by family
(then by name), each family with its own colour *and* shape; the template writes the SVG with
presentation attributes only (no inline style, CSP).
"""

import math
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from ptce.organisations.models import FAMILY_LABELS

FAMILY_ORDER = ["ess", "entreprise", "collectivite", "recherche_formation", "autre"]
# DSFR illustrative colours, readable on white; the shape carries the family for those who do
# not see colours.
FAMILY_LOOK = {
    "ess": ("cercle", "circle", "#18753c"),
    "entreprise": ("carré", "square", "#0063cb"),
    "collectivite": ("triangle", "triangle", "#b34000"),
    "recherche_formation": ("losange", "diamond", "#6e445a"),
    "autre": ("hexagone", "hexagon", "#3a3a3a"),
}
MOST_CONNECTED = 5
# A 200-member pole has ~9,500 links: drawing them all (and listing them all) made a 4.5 MB
# page of 735 ms (issue #18). The drawing keeps the strongest, « voir tout » draws them all;
# the links' table is paginated.
DRAWN_LINKS = 300
LINKS_PER_PAGE = 50
WIDTH, HEIGHT = 860, 640
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, HEIGHT / 2, 220
LABEL_CHARS = 28

EXPLANATIONS = {
    "density": (
        "La densité est la part des liens possibles qui existent : 100 % si chaque "
        "organisation membre mène au moins une action avec chacune des autres, 0 % si aucune "
        "ne coopère avec une autre."
    ),
    "cross": (
        "Part des liens qui relient deux familles différentes (entreprises de l’ESS, "
        "entreprises classiques, collectivités, recherche et formation, autres) : ce sont les "
        "« partenariats décloisonnés » que vise la définition de l’article 9 et le critère C "
        "du référentiel ECARTS."
    ),
    "isolated": (
        "Organisations membres qui ne mènent encore aucune action avec une autre "
        "organisation du pôle."
    ),
    "connected": (
        "Degré : nombre d’organisations avec lesquelles un membre mène au moins une action. "
        "Actions partagées : total des actions menées en commun, lien par lien."
    ),
}


def build_graph(members, participants: dict) -> nx.Graph:
    """`members`: (id, name, family) of current member organisations; `participants`: action id
    → ids of its participants. Participants that are not in `members` are ignored."""
    graph = nx.Graph()
    for member_id, name, family in members:
        graph.add_node(member_id, name=name, family=family)
    for action_participants in participants.values():
        present = sorted({p for p in action_participants if p in graph})
        for a, b in combinations(present, 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
            else:
                graph.add_edge(a, b, weight=1)
    return graph


@dataclass(frozen=True)
class Ranked:
    id: int
    name: str
    family: str
    degree: int
    weighted_degree: int

    @property
    def family_label(self) -> str:
        return FAMILY_LABELS[self.family]


@dataclass(frozen=True)
class Measures:
    member_count: int
    link_count: int
    density: float
    cross_link_count: int
    cross_share: float | None
    isolated: list
    most_connected: list

    @property
    def density_percent(self) -> int:
        return round(self.density * 100)

    @property
    def cross_percent(self) -> int | None:
        return None if self.cross_share is None else round(self.cross_share * 100)


def crosses_families(graph: nx.Graph, a, b) -> bool:
    return graph.nodes[a]["family"] != graph.nodes[b]["family"]


def measure(graph: nx.Graph) -> Measures:
    links = graph.number_of_edges()
    cross = sum(1 for a, b in graph.edges if crosses_families(graph, a, b))
    weighted = dict(graph.degree(weight="weight"))
    ranked = [
        Ranked(
            id=node,
            name=data["name"],
            family=data["family"],
            degree=graph.degree(node),
            weighted_degree=weighted[node],
        )
        for node, data in graph.nodes(data=True)
    ]
    connected = sorted(
        (r for r in ranked if r.degree), key=lambda r: (-r.degree, -r.weighted_degree, r.name)
    )
    return Measures(
        member_count=graph.number_of_nodes(),
        link_count=links,
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        cross_link_count=cross,
        cross_share=cross / links if links else None,
        isolated=sorted((r for r in ranked if not r.degree), key=lambda r: r.name),
        most_connected=connected[:MOST_CONNECTED],
    )


def links_table(graph: nx.Graph) -> list[dict]:
    """Every link, the strongest first: the drawing's text alternative."""
    rows = []
    for a, b, data in graph.edges(data=True):
        first, second = sorted((graph.nodes[a], graph.nodes[b]), key=lambda n: n["name"])
        rows.append(
            {
                "a": first["name"],
                "a_family": FAMILY_LABELS[first["family"]],
                "b": second["name"],
                "b_family": FAMILY_LABELS[second["family"]],
                "weight": data["weight"],
                "crosses": crosses_families(graph, a, b),
            }
        )
    return sorted(rows, key=lambda row: (-row["weight"], row["a"], row["b"]))


def _polygon(x, y, r, corners, rotation) -> str:
    points = []
    for i in range(corners):
        angle = rotation + 2 * math.pi * i / corners
        points.append(f"{x + r * math.cos(angle):.1f},{y + r * math.sin(angle):.1f}")
    return " ".join(points)


def _shape(shape: str, x: float, y: float, r: float) -> dict:
    if shape == "circle":
        return {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{r:.1f}"}
    if shape == "square":
        return {"x": f"{x - r:.1f}", "y": f"{y - r:.1f}", "side": f"{2 * r:.1f}"}
    corners, rotation = {"triangle": (3, -math.pi / 2), "diamond": (4, 0), "hexagon": (6, 0)}[shape]
    return {"points": _polygon(x, y, r * 1.25, corners, rotation)}


def _label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def positions(graph: nx.Graph) -> dict:
    """Members on a circle, grouped by family then by name, the first one at the top."""
    ordered = sorted(
        graph.nodes(data=True),
        key=lambda item: (FAMILY_ORDER.index(item[1]["family"]), item[1]["name"], item[0]),
    )
    count = len(ordered)
    if count == 1:
        return {ordered[0][0]: (CENTRE_X, CENTRE_Y, -math.pi / 2)}
    result = {}
    for index, (node, _data) in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        result[node] = (
            CENTRE_X + RADIUS * math.cos(angle),
            CENTRE_Y + RADIUS * math.sin(angle),
            angle,
        )
    return result


def strongest_edges(graph: nx.Graph, limit: int | None):
    """The edges to draw: the `limit` strongest (all when None), in a stable order."""
    edges = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
    if limit is None or len(edges) <= limit:
        return edges
    kept = sorted(edges, key=lambda e: (-e[2]["weight"], e[0], e[1]))[:limit]
    return sorted(kept, key=lambda e: (e[0], e[1]))


def drawing(graph: nx.Graph, *, limit: int | None = DRAWN_LINKS) -> dict:
    """What the SVG template needs: nodes with shape, colour and label, weighted lines (the
    `limit` strongest; `hidden`: how many are not drawn)."""
    where = positions(graph)
    weighted = dict(graph.degree(weight="weight"))
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y, angle = where[node]
        label_name, shape, colour = FAMILY_LOOK[data["family"]]
        r = 7 + min(weighted[node], 10) * 0.8
        right_side = math.cos(angle) >= -1e-9
        label_distance = r + 8
        nodes.append(
            {
                "id": node,
                "name": data["name"],
                "label": _label(data["name"]),
                "family_label": FAMILY_LABELS[data["family"]],
                "shape": shape,
                "shape_name": label_name,
                "colour": colour,
                "geometry": _shape(shape, x, y, r),
                "label_x": f"{x + label_distance * math.cos(angle):.1f}",
                "label_y": f"{y + label_distance * math.sin(angle) + 4:.1f}",
                "anchor": "start" if right_side else "end",
                "degree": graph.degree(node),
            }
        )
    lines = []
    drawn = strongest_edges(graph, limit)
    for a, b, data in drawn:
        (xa, ya, _), (xb, yb, _) = where[a], where[b]
        lines.append(
            {
                "x1": f"{xa:.1f}",
                "y1": f"{ya:.1f}",
                "x2": f"{xb:.1f}",
                "y2": f"{yb:.1f}",
                "width": f"{min(1 + (data['weight'] - 1) * 1.5, 8):.1f}",
                "weight": data["weight"],
                "a": graph.nodes[a]["name"],
                "b": graph.nodes[b]["name"],
                "crosses": crosses_families(graph, a, b),
            }
        )
    hidden = graph.number_of_edges() - len(drawn)
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "lines": lines, "hidden": hidden}


def legend() -> list[dict]:
    items = []
    for family in FAMILY_ORDER:
        label_name, shape, colour = FAMILY_LOOK[family]
        items.append(
            {
                "label": FAMILY_LABELS[family],
                "shape": shape,
                "shape_name": label_name,
                "colour": colour,
                "geometry": _shape(shape, 10, 10, 7),
            }
        )
    return items


def pole_network(memberships, participants: dict, *, all_links: bool = False) -> dict:
    """Everything the network page shows, from `selectors.network_data`; `links` is the whole
    table (the view paginates it)."""
    graph = build_graph(
        [(m.pk, m.organisation.name, m.organisation.family) for m in memberships], participants
    )
    return {
        "measures": measure(graph),
        "links": links_table(graph),
        "drawing": drawing(graph, limit=None if all_links else DRAWN_LINKS),
        "legend": legend(),
        "explanations": EXPLANATIONS,
    }
