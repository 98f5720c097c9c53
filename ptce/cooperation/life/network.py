"""The cooperation network of a pole: its current member organisations, linked when they take
part in the same action (the link's weight is the number of actions they share).

Measures (explained in French on the page): density, the share of links crossing families (the
seed's « partenariats décloisonnés »: ESS ↔ classic enterprise ↔ local authority ↔ research
and training), isolated members, the most connected members.

The drawing is computed here, deterministically: members stand on a circle grouped by family
(then by name), each family with its own colour *and* shape; its SVG is written here too, with
presentation attributes only (no inline style, CSP). A 200-member pole has ~10,000 links: plain
dictionaries and one sort, no graph library, and the links' table built one page at a time
(issue #18: 976 ms for that pole, under load).
"""

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, combinations

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ptce.core.templatetags.french import pluriel
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


@dataclass
class Network:
    """Members (`nodes`: id → {"name", "family"}) and links (`weights`: (a, b) with a < b → the
    number of actions they share)."""

    nodes: dict
    weights: Counter = field(default_factory=Counter)
    # Shared actions of each member: an action of k members adds k - 1 to each of them.
    weighted: Counter = field(default_factory=Counter)

    def __contains__(self, node) -> bool:
        return node in self.nodes

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.weights)

    @cached_property
    def degrees(self) -> tuple[Counter, Counter]:
        """(links, shared actions) of each member, once the links are all counted."""
        return Counter(chain.from_iterable(self.weights)), self.weighted

    @cached_property
    def family(self) -> dict:
        return {node: data["family"] for node, data in self.nodes.items()}

    def crosses(self, a, b) -> bool:
        return self.family[a] != self.family[b]


def build_graph(members, participants: dict) -> Network:
    """`members`: (id, name, family) of current member organisations; `participants`: action id
    → ids of its participants. Participants that are not in `members` are ignored."""
    graph = Network(
        {member_id: {"name": name, "family": family} for member_id, name, family in members}
    )
    for action_participants in participants.values():
        present = sorted({p for p in action_participants if p in graph.nodes})
        graph.weights.update(combinations(present, 2))
        if len(present) > 1:
            graph.weighted.update(dict.fromkeys(present, len(present) - 1))
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


def measure(graph: Network) -> Measures:
    links = graph.number_of_edges()
    members = graph.number_of_nodes()
    family = graph.family
    cross = sum(family[a] != family[b] for a, b in graph.weights)
    degree, weighted = graph.degrees
    ranked = [
        Ranked(
            id=node,
            name=data["name"],
            family=data["family"],
            degree=degree[node],
            weighted_degree=weighted[node],
        )
        for node, data in graph.nodes.items()
    ]
    connected = sorted(
        (r for r in ranked if r.degree), key=lambda r: (-r.degree, -r.weighted_degree, r.name)
    )
    return Measures(
        member_count=members,
        link_count=links,
        density=2 * links / (members * (members - 1)) if members > 1 else 0.0,
        cross_link_count=cross,
        cross_share=cross / links if links else None,
        isolated=sorted((r for r in ranked if not r.degree), key=lambda r: r.name),
        most_connected=connected[:MOST_CONNECTED],
    )


class LinksTable:
    """Every link, the strongest first: the drawing's text alternative. Sorted once; a row is
    built only when read (the page shows 50 of ~10,000)."""

    def __init__(self, graph: Network):
        self.graph = graph
        # Each member's rank by name: a link is the pair of ranks, the first named first.
        by_name = sorted(graph.nodes, key=lambda node: (graph.nodes[node]["name"], node))
        rank = {node: index for index, node in enumerate(by_name)}
        self.by_rank = by_name
        keys = []
        for (a, b), weight in graph.weights.items():
            first, second = rank[a], rank[b]
            keys.append((-weight, first, second) if first < second else (-weight, second, first))
        keys.sort()
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    def _row(self, key) -> dict:
        weight, a, b = -key[0], self.by_rank[key[1]], self.by_rank[key[2]]
        first, second = self.graph.nodes[a], self.graph.nodes[b]
        return {
            "a": first["name"],
            "a_family": FAMILY_LABELS[first["family"]],
            "b": second["name"],
            "b_family": FAMILY_LABELS[second["family"]],
            "weight": weight,
            "crosses": self.graph.crosses(a, b),
        }

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(key) for key in self.keys[index]]
        return self._row(self.keys[index])

    def __iter__(self):
        return (self._row(key) for key in self.keys)


def links_table(graph: Network) -> LinksTable:
    return LinksTable(graph)


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


def shape_svg(item: dict) -> str:
    """The SVG element of a node or a legend item (`shape`, `geometry`, `colour`)."""
    g, paint = item["geometry"], f'fill="{item["colour"]}" stroke="#ffffff" stroke-width="1.5"'
    if item["shape"] == "circle":
        return f'<circle cx="{g["cx"]}" cy="{g["cy"]}" r="{g["r"]}" {paint}/>'
    if item["shape"] == "square":
        side = g["side"]
        return f'<rect x="{g["x"]}" y="{g["y"]}" width="{side}" height="{side}" {paint}/>'
    return f'<polygon points="{g["points"]}" {paint}/>'


def _label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def positions(graph: Network) -> dict:
    """Members on a circle, grouped by family then by name, the first one at the top."""
    ordered = sorted(
        graph.nodes.items(),
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


def strongest_edges(graph: Network, limit: int | None) -> list[tuple]:
    """The links to draw as ((a, b), weight): the `limit` strongest (all when None), in a stable
    order."""
    edges = graph.weights.items()
    if limit is not None and len(edges) > limit:
        edges = heapq.nsmallest(limit, edges, key=lambda e: (-e[1], e[0]))
    return sorted(edges)


def _line(line: dict) -> str:
    weight, stroke = line["weight"], "#000091" if line["crosses"] else "#929292"
    shared = f"action{pluriel(weight)} partagée{pluriel(weight)}"
    return (
        f'<line x1="{line["x1"]}" y1="{line["y1"]}" x2="{line["x2"]}" y2="{line["y2"]}" '
        f'stroke="{stroke}" stroke-width="{line["width"]}" stroke-linecap="round"><title>'
        f"{escape(line['a'])} — {escape(line['b'])}\u00a0: {weight} {shared}</title></line>"
    )


def _node(item: dict) -> str:
    degree = item["degree"]
    return (
        f"<g><title>{escape(item['name'])} ({escape(item['family_label'])}, {degree} "
        f"lien{pluriel(degree)})</title>{shape_svg(item)}"
        f'<text x="{item["label_x"]}" y="{item["label_y"]}" text-anchor="{item["anchor"]}" '
        f'font-size="12" fill="#161616">{escape(item["label"])}</text></g>'
    )


def drawing(graph: Network, *, limit: int | None = DRAWN_LINKS) -> dict:
    """What the SVG needs: nodes with shape, colour and label, weighted lines (the `limit`
    strongest; `hidden`: how many are not drawn), and their markup (`svg_lines`, `svg_nodes`,
    escaped here: written by Python, ~30 times faster than by the template for 10,000 lines)."""
    where = positions(graph)
    degree, weighted = graph.degrees
    nodes = []
    for node, data in graph.nodes.items():
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
                "degree": degree[node],
            }
        )
    lines = []
    drawn = strongest_edges(graph, limit)
    for (a, b), weight in drawn:
        (xa, ya, _), (xb, yb, _) = where[a], where[b]
        lines.append(
            {
                "x1": f"{xa:.1f}",
                "y1": f"{ya:.1f}",
                "x2": f"{xb:.1f}",
                "y2": f"{yb:.1f}",
                "width": f"{min(1 + (weight - 1) * 1.5, 8):.1f}",
                "weight": weight,
                "a": graph.nodes[a]["name"],
                "b": graph.nodes[b]["name"],
                "crosses": graph.crosses(a, b),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "nodes": nodes,
        "lines": lines,
        "hidden": graph.number_of_edges() - len(drawn),
        "svg_lines": mark_safe("".join(map(_line, lines))),  # noqa: S308 (escaped above)
        "svg_nodes": mark_safe("".join(map(_node, nodes))),  # noqa: S308 (escaped above)
    }


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
        items[-1]["svg"] = mark_safe(shape_svg(items[-1]))  # noqa: S308 (no text)
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
