"""Provenance graphs: one statement's source chain, and a claim's reports merged into one graph.

A chain runs origin -> intermediaries -> publisher. A claim's graph merges the chains of
all its reports: a source named in several chains is one node, so the origins the
reports share, and the number of independent origins, can be seen. The layout is
layered and deterministic: longest-path layers (publishers last), then a few sweeps of
the barycentre heuristic to reduce crossings, ties broken by name. The SVG markup is in
the ``graph.svg`` template; this module only computes the geometry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

NODE_W, NODE_H = 200, 46
LABEL_CHARS = 21  # longer names are shortened on the node; the full name is in its <title>
ROLE_ORDER = ("origin", "intermediary", "publisher")


@dataclass
class Node:
    key: str  # what merges nodes: the source's name, or "publisher of <article>" when it is unnamed
    name: str  # shown: the name, or "unknown publisher"
    roles: list[str] = field(default_factory=list)
    layer: int = 0
    x: float = 0
    y: float = 0

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= LABEL_CHARS else self.name[:LABEL_CHARS - 1] + "…"

    @property
    def title(self) -> str:
        unnamed = f"; {self.key}" if self.key.startswith("publisher of ") else ""
        return f"{self.name} ({self.role_text}{unnamed})"

    @property
    def role_text(self) -> str:
        return ", ".join(self.roles)

    @property
    def css_role(self) -> str:
        return self.roles[0] if self.roles else "intermediary"


@dataclass
class Edge:
    source: Node
    target: Node
    count: int = 1
    path: str = ""
    arrow: str = ""
    label_x: float = 0
    label_y: float = 0


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    direction: str  # "down": layers are rows (a single chain); "right": layers are columns (a claim)
    width: float = 0
    height: float = 0
    description: str = ""

    @property
    def node_w(self) -> int:
        return NODE_W

    @property
    def node_h(self) -> int:
        return NODE_H


def link_key(link: dict, article_id: str) -> str:
    """How chain links merge across reports (as :func:`factprov.build.corpus.origin_key` counts origins)."""
    return link["name"] if link["name"] is not None else f"publisher of {article_id}"


def link_name(link: dict) -> str:
    return link["name"] if link["name"] is not None else "unknown publisher"


def chain_graph(statement: dict) -> Graph:
    """One node per link of the statement's chain, top to bottom."""
    nodes = [Node(key=f"{i}", name=link_name(link), roles=sorted({link["role"], "origin"} if i == 0 else {link["role"]},
                                                                  key=ROLE_ORDER.index), layer=i)
             for i, link in enumerate(statement["source_chain"])]
    edges = [Edge(a, b) for a, b in zip(nodes, nodes[1:])]
    graph = Graph(nodes, edges, "down", description=" → ".join(f"{n.name} ({n.role_text})" for n in nodes))
    _place(graph, [[n] for n in nodes])
    return graph


def claim_graph(statements: list[dict]) -> Graph:
    """The chains of all of a claim's reports, sources shared between them merged."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    chains: list[list[Node]] = []
    for s in statements:
        chain = []
        for link in s["source_chain"]:
            key = link_key(link, s["article_id"])
            node = nodes.setdefault(key, Node(key=key, name=link_name(link)))
            roles = (link["role"], "origin") if not chain else (link["role"],)  # the first link is the origin
            node.roles = sorted(set(node.roles) | set(roles), key=ROLE_ORDER.index)
            chain.append(node)
        chains.append(chain)
        for a, b in zip(chain, chain[1:]):
            if a is b:
                continue
            edge = edges.get((a.key, b.key))
            if edge is None:
                edges[(a.key, b.key)] = Edge(a, b, 0)
                edge = edges[(a.key, b.key)]
            edge.count += 1
    ordered_nodes = sorted(nodes.values(), key=lambda n: n.key)
    ordered_edges = sorted(edges.values(), key=lambda e: (e.source.key, e.target.key))
    _assign_layers(ordered_nodes, ordered_edges, chains)
    origins = sorted({c[0].name for c in chains})
    graph = Graph(ordered_nodes, ordered_edges, "right",
                  description=f"{len(statements)} report(s) from {len(origins)} origin(s): {', '.join(origins)}")
    _place(graph, _order_layers(ordered_nodes, ordered_edges))
    return graph


def _assign_layers(nodes: list[Node], edges: list[Edge], chains: list[list[Node]]) -> None:
    """Longest path from the sources of the graph; nodes on a cycle take their furthest position in a chain."""
    incoming: dict[str, int] = defaultdict(int)
    out: dict[str, list[Node]] = defaultdict(list)
    for e in edges:
        incoming[e.target.key] += 1
        out[e.source.key].append(e.target)
    queue = [n for n in nodes if incoming[n.key] == 0]
    done: set[str] = set()
    layer = {n.key: 0 for n in nodes}
    while queue:
        node = queue.pop(0)
        done.add(node.key)
        for target in out[node.key]:
            layer[target.key] = max(layer[target.key], layer[node.key] + 1)
            incoming[target.key] -= 1
            if incoming[target.key] == 0:
                queue.append(target)
    if len(done) < len(nodes):  # a cycle: chains disagree on the order of two sources
        for chain in chains:
            for i, node in enumerate(chain):
                if node.key not in done:
                    layer[node.key] = max(layer[node.key], i)
    last = max(layer.values(), default=0)
    for n in nodes:
        n.layer = last if n.roles == ["publisher"] else layer[n.key]


def _order_layers(nodes: list[Node], edges: list[Edge]) -> list[list[Node]]:
    """Nodes of each layer in an order with few crossings (barycentre sweeps, deterministic)."""
    layers: list[list[Node]] = [[] for _ in range(max((n.layer for n in nodes), default=0) + 1)]
    for n in nodes:
        layers[n.layer].append(n)
    neighbours: dict[str, list[Node]] = defaultdict(list)
    for e in edges:
        neighbours[e.source.key].append(e.target)
        neighbours[e.target.key].append(e.source)
    position = {n.key: i for layer in layers for i, n in enumerate(layer)}
    for sweep in range(4):
        order = range(1, len(layers)) if sweep % 2 == 0 else range(len(layers) - 2, -1, -1)
        for i in order:
            def centre(n: Node) -> tuple[float, str]:
                near = [position[m.key] for m in neighbours[n.key] if m.layer != n.layer]
                return (sum(near) / len(near) if near else position[n.key], n.key)
            layers[i].sort(key=centre)
            position.update({n.key: j for j, n in enumerate(layers[i])})
    return layers


def _place(graph: Graph, layers: list[list[Node]]) -> None:
    """Coordinates of nodes and edge paths; layers are rows (down) or columns (right), each centred."""
    gap_layer, gap_node, margin = (34, 16, 4) if graph.direction == "down" else (70, 14, 4)
    widest = max((len(layer) for layer in layers), default=1)
    if graph.direction == "down":
        span = widest * NODE_W + (widest - 1) * gap_node
        for i, layer in enumerate(layers):
            offset = (span - (len(layer) * NODE_W + (len(layer) - 1) * gap_node)) / 2
            for j, n in enumerate(layer):
                n.x, n.y = margin + offset + j * (NODE_W + gap_node), margin + i * (NODE_H + gap_layer)
        graph.width = span + 2 * margin
        graph.height = len(layers) * NODE_H + (len(layers) - 1) * gap_layer + 2 * margin
    else:
        span = widest * NODE_H + (widest - 1) * gap_node
        for i, layer in enumerate(layers):
            offset = (span - (len(layer) * NODE_H + (len(layer) - 1) * gap_node)) / 2
            for j, n in enumerate(layer):
                n.x, n.y = margin + i * (NODE_W + gap_layer), margin + offset + j * (NODE_H + gap_node)
        graph.width = len(layers) * NODE_W + (len(layers) - 1) * gap_layer + 2 * margin
        graph.height = span + 2 * margin
    for e in graph.edges:
        _route(e, graph.direction)


def _route(edge: Edge, direction: str) -> None:
    a, b = edge.source, edge.target
    if direction == "down":
        x1, y1, x2, y2 = a.x + NODE_W / 2, a.y + NODE_H, b.x + NODE_W / 2, b.y
        mid = (y1 + y2) / 2
        edge.path = f"M{x1:g},{y1:g} C{x1:g},{mid:g} {x2:g},{mid:g} {x2:g},{y2 - 6:g}"
        edge.arrow = f"{x2 - 5:g},{y2 - 7:g} {x2 + 5:g},{y2 - 7:g} {x2:g},{y2:g}"
    elif b.layer > a.layer:
        x1, y1, x2, y2 = a.x + NODE_W, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2
        mid = (x1 + x2) / 2
        edge.path = f"M{x1:g},{y1:g} C{mid:g},{y1:g} {mid:g},{y2:g} {x2 - 6:g},{y2:g}"
        edge.arrow = f"{x2 - 7:g},{y2 - 5:g} {x2 - 7:g},{y2 + 5:g} {x2:g},{y2:g}"
    else:  # same or earlier layer (chains that disagree): a loop above the nodes
        x1, y1, x2, y2 = a.x + NODE_W / 2, a.y, b.x + NODE_W / 2, b.y
        top = min(y1, y2) - 30
        edge.path = f"M{x1:g},{y1:g} C{x1:g},{top:g} {x2:g},{top:g} {x2:g},{y2 - 6:g}"
        edge.arrow = f"{x2 - 5:g},{y2 - 7:g} {x2 + 5:g},{y2 - 7:g} {x2:g},{y2:g}"
    edge.label_x, edge.label_y = (x1 + x2) / 2, (y1 + y2) / 2 - 4
