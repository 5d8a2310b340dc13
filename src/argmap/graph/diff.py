"""Stage 4, graph: the diagram of `argmap diff`, the new map drawn with the changes marked.

`diff_graph(marks, old, new)` builds both maps' graphs (`argmap.graph.build`) and returns the
new one with added claims and links in thick green, changed ones in orange, and the removed
ones, taken from the old map's drawing, in dashed grey; classes `diff-added`, `diff-changed`,
`diff-removed` on their SVG elements.

What changed comes in as plain data, `DiffMarks` (computed by `argmap.analysis.diff.diff_marks`
from the comparison): this module draws and compares nothing. Every drawn edge knows the link it
stands for (`Edge.link`) and every junction the link it joins (`Node.link`), so marking a link is
a look-up, whatever the size of the map.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.anchor.resolve import ResolvedMap
from argmap.graph.build import build_graph
from argmap.graph.elements import WRAP_TITLE, Cluster, Edge, Graph, Line, Node, Run
from argmap.graph.text import wrap

# Drawn on top of a claim's own look (argmap.graph.style.NODE_STYLES): the kind stays readable from the
# header; the border and a first line say what changed. Colours outside the kinds' palette.
DIFF_ADDED: dict[str, str] = {"color": "#1A9641", "penwidth": "5"}
DIFF_CHANGED: dict[str, str] = {"color": "#F28E2B", "penwidth": "5"}
DIFF_REMOVED: dict[str, str] = {"color": "#9A9A9A", "fontcolor": "#8A8A8A", "fillcolor": "#F4F4F4", "penwidth": "1.5"}
DIFF_EDGE_ADDED: dict[str, str] = {"penwidth": "5"}
DIFF_EDGE_CHANGED: dict[str, str] = {"penwidth": "5", "color": "#F28E2B"}
DIFF_EDGE_REMOVED: dict[str, str] = {"color": "#9A9A9A", "style": "dashed", "penwidth": "1.5"}
DIFF_JUNCTION_REMOVED: dict[str, str] = {"color": "#9A9A9A", "fillcolor": "#9A9A9A"}
CLASSES = {"added": "diff-added", "changed": "diff-changed", "removed": "diff-removed"}
KEY = "thick green border: added · thick orange: changed · dashed grey: removed"


@dataclass(frozen=True)
class DiffMarks:
    """What the diagram marks. Links are named by their index in `ResolvedMap.links`."""

    caption: str  # "Changes from OLD to NEW: <summary>", under the title
    added_claims: frozenset[str] = frozenset()
    changed_claims: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # claim id -> changed fields
    removed_claims: tuple[str, ...] = ()  # in the old map's order
    new_link_status: Mapping[int, str] = field(default_factory=dict)  # new link -> "added" | "changed"
    old_link_status: Mapping[int, str] = field(default_factory=dict)  # old link -> "removed"
    old_relation_types: Mapping[int, str] = field(default_factory=dict)  # new link -> its old type, if changed
    link_matches: Mapping[int, int] = field(default_factory=dict)  # old link -> the new link matched with it


def diff_graph(marks: DiffMarks, old: ResolvedMap, new: ResolvedMap) -> Graph:
    """The new map's diagram with the changes from the old one marked."""
    new_graph = build_graph(new)
    old_graph = build_graph(old)
    canvas = _Canvas(new_graph)
    canvas.nodes = [_marked_claim(node, marks) for node in new_graph.nodes]
    canvas.present = {node.id for node in canvas.nodes}
    canvas.edges = [_marked_edge(edge, marks) for edge in new_graph.edges]
    _draw_removed_claims(canvas, marks, old_graph)
    _draw_removed_links(canvas, marks, old_graph, new_graph, new)
    title: tuple[Line, ...] = (
        *new_graph.title,
        *((Run(piece, "caption"),) for piece in wrap(marks.caption, WRAP_TITLE)),
        (Run(KEY, "caption"),),
    )
    return Graph(
        title=title,
        nodes=tuple(canvas.nodes),
        edges=tuple(canvas.edges),
        clusters=canvas.clusters(),
        direction=new_graph.direction,
        legend=new_graph.legend,
        thesis=new_graph.thesis,
    )


class _Canvas:
    """The diagram being drawn: the new map's nodes and edges, and what is added from the old map."""

    def __init__(self, graph: Graph) -> None:
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.present: set[str] = set()
        self._clusters = {cluster.id: cluster for cluster in graph.clusters}
        self._joining: dict[str, list[str]] = {}  # group -> node ids added to its cluster, in order

    def add(self, node: Node) -> None:
        """Add a node from the old map's drawing, in its group's cluster if the new map draws that group."""
        group = node.group if node.group in self._clusters else None
        self.nodes.append(dataclasses.replace(node, group=group))
        self.present.add(node.id)
        if group is not None:
            self._joining.setdefault(group, []).append(node.id)

    def clusters(self) -> tuple[Cluster, ...]:
        return tuple(
            dataclasses.replace(cluster, nodes=(*cluster.nodes, *self._joining[cluster.id]))
            if cluster.id in self._joining
            else cluster
            for cluster in self._clusters.values()
        )


def _marked(node: Node, status: str, note: str, style: Mapping[str, str]) -> Node:
    """A claim's box with a first line saying what changed, and the border of its status."""
    attrs = {**node.attrs, **style}
    if status == "removed":
        attrs["style"] = ",".join(s for s in (*attrs.get("style", "").split(","), "dashed") if s and s != "bold")
        attrs.pop("peripheries", None)
    header: Line = (Run(note, "added"),)
    return dataclasses.replace(
        node,
        attrs=attrs,
        lines=(header, *node.lines),
        tooltip=f"{note}\n{node.tooltip}",
        classes=(*node.classes, CLASSES[status]),
    )


def _marked_claim(node: Node, marks: DiffMarks) -> Node:
    if node.claim in marks.added_claims:
        return _marked(node, "added", "+ ADDED", DIFF_ADDED)
    if node.claim is not None and node.claim in marks.changed_claims:
        fields = ", ".join(marks.changed_claims[node.claim])
        return _marked(node, "changed", f"~ CHANGED: {fields}", DIFF_CHANGED)
    return node


def _marked_edge(edge: Edge, marks: DiffMarks) -> Edge:
    status = marks.new_link_status.get(edge.link) if edge.link is not None else None
    if status == "added":
        style, note = DIFF_EDGE_ADDED, "+ ADDED"
    elif status == "changed":
        was = marks.old_relation_types.get(edge.link) if edge.link is not None else None
        style, note = DIFF_EDGE_CHANGED, f"~ CHANGED (was {was})" if was else "~ CHANGED"
    else:
        return edge
    return dataclasses.replace(
        edge,
        attrs={**edge.attrs, **style},
        tooltip=f"{note}\n{edge.tooltip}",
        classes=(*edge.classes, CLASSES[status]),
    )


def _draw_removed_claims(canvas: _Canvas, marks: DiffMarks, old_graph: Graph) -> None:
    old_nodes = {node.id: node for node in old_graph.nodes}
    for claim_id in marks.removed_claims:
        old_node = old_nodes.get(claim_id)
        if old_node is not None:
            canvas.add(_marked(old_node, "removed", "− REMOVED", DIFF_REMOVED))


def _draw_removed_links(
    canvas: _Canvas, marks: DiffMarks, old_graph: Graph, new_graph: Graph, new: ResolvedMap
) -> None:
    """Removed links, from the old map's drawing: their junctions get their own names (`_jrN` for
    the old `_jN`); an undercut of a link that is still there lands on that link in the new map."""
    old_junctions = {node.id: node for node in old_graph.nodes if node.kind == "junction"}
    renamed = {junction: f"_jr{junction[2:]}" for junction in old_junctions}
    new_junctions = {
        node.link: node.id for node in new_graph.nodes if node.kind == "junction" and node.link is not None
    }

    def end_of(end: str) -> str:
        kept = _kept_junction(marks, old_junctions.get(end), new_junctions, canvas.present, new)
        return kept or renamed.get(end, end)

    for edge in old_graph.edges:
        if edge.link is None or marks.old_link_status.get(edge.link) != "removed":
            continue
        tail, head = end_of(edge.tail), end_of(edge.head)
        for end, original in ((tail, edge.tail), (head, edge.head)):
            if end not in canvas.present and original in old_junctions:
                junction = old_junctions[original]
                canvas.add(
                    dataclasses.replace(
                        junction,
                        id=end,
                        attrs={**junction.attrs, **DIFF_JUNCTION_REMOVED},
                        classes=(*junction.classes, CLASSES["removed"]),
                    )
                )
        if tail in canvas.present and head in canvas.present:
            canvas.edges.append(
                dataclasses.replace(
                    edge,
                    id=f"removed-{edge.id}",
                    tail=tail,
                    head=head,
                    attrs={**edge.attrs, **DIFF_EDGE_REMOVED},
                    tooltip=f"− REMOVED\n{edge.tooltip}",
                    classes=(*edge.classes, CLASSES["removed"]),
                )
            )


def _kept_junction(
    marks: DiffMarks,
    old_junction: Node | None,
    new_junctions: Mapping[int, str],
    present: set[str],
    new: ResolvedMap,
) -> str | None:
    """Where a removed undercut ends when the link it hit is still in the new map: that link's junction,
    or (drawn without one now) the claim the link points at."""
    if old_junction is None or old_junction.link is None or old_junction.link not in marks.link_matches:
        return None
    kept = marks.link_matches[old_junction.link]
    junction = new_junctions.get(kept)
    if junction is not None and junction in present:
        return junction
    # an undercut drawn without a junction has no node to land on: the old junction is drawn greyed
    return new.links[kept].target if new.links[kept].type != "undercut" else None
