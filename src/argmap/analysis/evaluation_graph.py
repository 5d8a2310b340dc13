"""`render --evaluate`: the diagram with each claim and relation marked IN, OUT or UNDECIDED.

Marks read in greyscale and without colour vision: every claim carries its label as
words at the top of its box (``✓ IN``, ``✗ OUT``, ``? UNDECIDED``); an OUT claim is
faded to grey with its text struck through; an UNDECIDED one has a dotted border; a
defeated relation is drawn thin and grey with a ``✗`` on it (an undecided one with
``?``), keeping its line style so its type still reads. The title carries the verdict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.evaluation_report import verdict_line
from argmap.analysis.grounded import Label
from argmap.anchor.resolve import ResolvedMap
from argmap.graph.elements import WRAP_TITLE, Edge, Graph, Line, Node, Run
from argmap.graph.style import EVAL_EDGE_MARKS, EVAL_NODE_MARKS
from argmap.graph.text import wrap

TAGS: dict[Label, str] = {Label.IN: "✓ IN", Label.OUT: "✗ OUT", Label.UNDECIDED: "? UNDECIDED"}
NODE_MARKS: dict[Label, dict[str, str]] = {label: EVAL_NODE_MARKS[label.value.lower()] for label in Label}
EDGE_MARKS: dict[Label, dict[str, str]] = {label: EVAL_EDGE_MARKS[label.value.lower()] for label in Label}
LEGEND_ITEMS: tuple[str, ...] = ("in", "out", "undecided", "defeated")  # drawn by argmap.writers.dot's legend
_CLASS = {Label.IN: "eval-in", Label.OUT: "eval-out", Label.UNDECIDED: "eval-undecided"}


def _style(attrs: Mapping[str, str], label: Label) -> dict[str, str]:
    marked = {**attrs, **NODE_MARKS[label]}
    if label is Label.UNDECIDED:  # the kind's shape options stay; only the border becomes dotted
        kept = [s for s in attrs.get("style", "").split(",") if s and s not in ("dashed", "bold", "dotted")]
        marked["style"] = ",".join([*kept, "dotted"])
    return marked


def _node(node: Node, evaluation: Evaluation) -> Node:
    if node.claim is None or node.claim not in evaluation.claims:
        return node
    label = evaluation.label(node.claim)
    header: Line = (Run(TAGS[label], "id"),)
    lines = node.lines
    if label is Label.OUT:  # struck through: the words stand, the claim does not
        lines = tuple(tuple(Run(r.text, "struck") if r.role == "text" else r for r in line) for line in lines)
    return dataclasses.replace(
        node,
        lines=(header, *lines),
        attrs=_style(node.attrs, label),
        tooltip=f"{TAGS[label]}: {_why(evaluation, node.claim)}\n{node.tooltip}",
        classes=(*node.classes, _CLASS[label]),
    )


def _why(evaluation: Evaluation, node: str) -> str:
    from argmap.analysis.explain import reason

    return reason(evaluation, node)


class _Links:
    """Which link of the map (its index in `resolved.links`) a drawn edge belongs to, looked up in O(1).

    `argmap.graph.build` names a junction `_jN` after link N-1; an edge into a junction is a co-premise
    feed (same type) or an undercut of that link; an edge out of one is the link's arrow."""

    def __init__(self, resolved: ResolvedMap) -> None:
        self.count = len(resolved.links)
        self.direct: dict[tuple[str, str, str], int] = {}
        self.undercuts: dict[tuple[str, int], int] = {}  # (undercutting claim, link denied) -> undercut
        position = {id(link): index for index, link in enumerate(resolved.links)}
        for index, link in enumerate(resolved.links):
            for source in link.sources:
                self.direct.setdefault((link.type, source, link.target), index)
            denied = resolved.link_by_name(link.target) if link.type == "undercut" else None
            if denied is not None:
                for source in link.sources:
                    self.undercuts.setdefault((source, position[id(denied)]), index)
        self.types = [link.type for link in resolved.links]

    def _junction(self, name: str) -> int | None:
        digits = name[2:] if name.startswith("_j") else ""
        return int(digits) - 1 if digits.isdigit() and 0 < int(digits) <= self.count else None

    def of(self, edge: Edge) -> int | None:
        if (hit := self._junction(edge.tail)) is not None:
            return hit
        if (hit := self._junction(edge.head)) is not None:
            if edge.type != "undercut" or self.types[hit] == "undercut":
                return hit
            return self.undercuts.get((edge.tail, hit))
        return self.direct.get((edge.type, edge.tail, edge.head))


def _edge(edge: Edge, links: _Links, evaluation: Evaluation) -> Edge:
    index = links.of(edge)
    if index is None:
        return edge
    key = f"#{index + 1}"
    label = evaluation.label(key)
    if edge.attrs.get("arrowhead") == "none" and label is not Label.IN:  # a feed into a junction: one mark, after it
        marks = {k: v for k, v in EDGE_MARKS[label].items() if k not in ("label", "fontsize", "fontcolor")}
    else:
        marks = EDGE_MARKS[label]
    return dataclasses.replace(
        edge,
        attrs={**edge.attrs, **marks},
        tooltip=f"{TAGS[label]}: {_why(evaluation, key)}\n{edge.tooltip}",
        classes=(*edge.classes, _CLASS[label]),
    )


def evaluated_graph(graph: Graph, resolved: ResolvedMap, evaluation: Evaluation) -> Graph:
    caption = f"Evaluation (grounded): {verdict_line(evaluation)}"
    title: tuple[Line, ...] = (*graph.title, *((Run(piece, "caption"),) for piece in wrap(caption, WRAP_TITLE)))
    legend = (*graph.legend, *LEGEND_ITEMS) if graph.legend else ()
    links = _Links(resolved)
    return dataclasses.replace(
        graph,
        title=title,
        nodes=tuple(_node(node, evaluation) for node in graph.nodes),
        edges=tuple(_edge(edge, links, evaluation) for edge in graph.edges),
        legend=legend,
    )
