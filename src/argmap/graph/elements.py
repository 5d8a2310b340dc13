"""The graph a writer draws: its nodes, edges, clusters and labels as data, and the options that
select it (`argmap.graph.build` makes one from a resolved map)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from argmap.anchor.resolve import LinkType
from argmap.format.model import CLAIM_KINDS

LabelMode = Literal["text", "quote", "both", "id"]
Direction = Literal["TB", "BT", "LR"]
LABEL_MODES: tuple[str, ...] = ("text", "quote", "both", "id")
DIRECTIONS: tuple[str, ...] = ("TB", "BT", "LR")

# --hide accepts the kinds and two markers.
HIDEABLE: tuple[str, ...] = (*CLAIM_KINDS, "implicit", "added")

# --- label sizes (characters; CJK characters count two) ---------------------------------------

WRAP = 24  # claim text
WRAP_THESIS = 40
WRAP_TITLE = 90
# Graphviz refuses a string over 16,384 characters; escaped for DOT a character takes up to six,
# so a tooltip keeps TOOLTIP_MAX characters and a box at most BOX_LINES lines.
TOOLTIP_MAX = 2_500
BOX_LINES = 40
TITLE_LINES = 12
GROUP_LABEL_MAX = 200
QUOTE_SHORT = 110  # a quote shown in a box is cut to about this many characters (tooltips keep it whole)
QUOTE_SHORT_EVIDENCE = 80  # evidence in `both` mode: paraphrase first, a taste of the words after


# --- the graph ---------------------------------------------------------------------------------

Role = Literal["id", "kind", "text", "struck", "quote", "voice", "added", "title", "subtitle", "caption"]


@dataclass(frozen=True)
class Run:
    """A piece of label text in one style (`role`); writers decide what each role looks like."""

    text: str
    role: Role


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Node:
    id: str  # unique in the graph; a claim's id, `_jN` for a junction, `_legend…` for the legend
    kind: str  # a claim kind, "junction", or "legend"
    lines: tuple[Line, ...]
    tooltip: str
    attrs: Mapping[str, str]
    classes: tuple[str, ...] = ()
    claim: str | None = None
    group: str | None = None  # the cluster the node is drawn in
    link: int | None = None  # a junction: the link it joins (its index in `ResolvedMap.links`)


@dataclass(frozen=True)
class Edge:
    id: str
    tail: str  # node ids, in the argument's direction: reason -> claim
    head: str
    type: LinkType
    tooltip: str
    attrs: Mapping[str, str]
    classes: tuple[str, ...] = ()
    # The link the edge draws, by its index in `ResolvedMap.links`: a linked relation's co-premise
    # feeds and its junction's arrow all carry the relation's index; an undercut's edges the
    # undercut's own. None for an edge that stands for no single link (a slide's summary arrow).
    link: int | None = None


@dataclass(frozen=True)
class Cluster:
    id: str  # the group id
    label: str
    tooltip: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Graph:
    title: tuple[Line, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...]
    direction: Direction = "TB"
    # What the legend explains: kinds, "opponent-premise"/"opponent-evidence", "implicit", "added",
    # relation types, "linked-TYPE".
    legend: tuple[str, ...] = ()
    thesis: str | None = None

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


@dataclass(frozen=True)
class GraphOptions:
    labels: LabelMode = "text"
    focus: tuple[str, ...] = ()
    depth: int = 1
    hide: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    direction: Direction = "TB"
    legend: bool = True
    title: bool = True
