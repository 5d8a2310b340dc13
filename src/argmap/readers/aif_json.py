"""AIF in, first step: the three JSON shapes read into one graph.

* AIFdb: ``{"nodes": [{"nodeID", "text", "type", "timestamp"}], "edges": [{"edgeID", "fromID",
  "toID"}], "locutions": [{"nodeID", "personID", "timestamp"}]}``;
* OVA3: the same inside ``{"AIF": {…, "participants"}, "text": "<html>", "OVA": {…}}``;
* OVA2: ``{"nodes": [{"id", "text", "type"}], "edges": [{"from": {"id"}, "to": {"id"}}]}``.

Anything else, and AIF whose edges name nodes it does not have, is an `AifError`
with a message that says where (``nodes[3]``) and what to fix.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

NODE_TYPES = frozenset({"I", "L", "RA", "CA", "MA", "PA", "TA", "YA"})


class AifError(Exception):
    """The file is not AIF argmap can read; the message says why and where (a JSON path such as
    `edges[4]`, or for broken JSON the line and column)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    text: str
    timestamp: str
    scheme: str | None


@dataclass
class AifGraph:
    shape: str  # "AIFdb", "OVA3" or "OVA2"
    nodes: dict[str, Node]  # in file order
    edges: list[tuple[str, str]]  # (from, to)
    speakers: dict[str, str] = field(default_factory=dict)  # L-node id -> speaker, from participants
    text: str | None = None  # the analysed text, when the file carries it (OVA3)
    spans: dict[str, int] = field(default_factory=dict)  # L-node id -> offset of its highlight in `text`
    names: dict[str, str] = field(default_factory=dict)  # I-node id -> claim id (files argmap wrote)
    relation_names: dict[str, str] = field(default_factory=dict)  # RA/CA id -> relation id (likewise)
    title: str | None = None  # likewise: the map's title

    incoming: dict[str, list[str]] = field(init=False, repr=False)
    outgoing: dict[str, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # built once: real corpora have thousands of nodes, and a scan per look-up is quadratic
        self.incoming, self.outgoing = {}, {}
        for source, target in self.edges:
            self.outgoing.setdefault(source, []).append(target)
            self.incoming.setdefault(target, []).append(source)

    def into(self, node_id: str) -> list[str]:
        return self.incoming.get(node_id, [])

    def out_of(self, node_id: str) -> list[str]:
        return self.outgoing.get(node_id, [])


def read_aif(data: Any) -> AifGraph:
    """The graph of any of the three shapes; `AifError` for anything else."""
    if not isinstance(data, dict):
        raise AifError("the file is JSON but not AIF: expected an object with `nodes` and `edges`")
    if isinstance(data.get("AIF"), dict):
        graph = _aifdb(data["AIF"], "OVA3", "AIF.")
        _ova_text(graph, data.get("text"))
        _participants(graph, data["AIF"])
    elif (
        isinstance(data.get("nodes"), list)
        and data["nodes"]
        and isinstance(data["nodes"][0], dict)
        and "id" in data["nodes"][0]
        and "nodeID" not in data["nodes"][0]
    ):
        graph = _ova2(data)
    elif "nodes" in data and "edges" in data:
        graph = _aifdb(data, "AIFdb", "")
    else:
        raise AifError(
            "the file is JSON but not AIF: it has no `nodes` and `edges` (AIFdb), and no `AIF` object (OVA3)"
        )
    table: dict[str, Any] = data["argmap"] if isinstance(data.get("argmap"), dict) else {}
    graph.names = _names(table.get("claims"), graph, ("I",))
    graph.relation_names = _names(table.get("relations"), graph, ("RA", "CA"))
    if isinstance(table.get("title"), str) and table["title"].strip():
        graph.title = table["title"].strip()
    return graph


_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")


def _names(table: Any, graph: AifGraph, types: tuple[str, ...]) -> dict[str, str]:
    """The ids argmap exported nodes from (a table other tools ignore); unusable entries are skipped."""
    if not isinstance(table, dict):
        return {}
    return {
        str(key): value
        for key, value in table.items()
        if str(key) in graph.nodes
        and graph.nodes[str(key)].type in types
        and isinstance(value, str)
        and _NAME.match(value)
    }


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise AifError(f"`{where}{key}` must be a list, not {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _identifier(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise AifError(f"{where} has no `{key}` (a node id, a string or a number)")
    return str(value)


def _node(item: Any, key: str, where: str) -> Node:
    if not isinstance(item, dict):
        raise AifError(f"{where} must be an object with `{key}`, `text` and `type`")
    node_type = item.get("type")
    if node_type not in NODE_TYPES:
        raise AifError(f"{where} has type {node_type!r}; AIF node types are " + ", ".join(sorted(NODE_TYPES)))
    scheme = item.get("scheme")
    return Node(
        _identifier(item, key, where),
        str(node_type),
        _text(item.get("text")),
        _text(item.get("timestamp")),
        scheme if isinstance(scheme, str) and scheme else None,
    )


def _add(nodes: dict[str, Node], node: Node, where: str) -> None:
    if node.id in nodes:
        raise AifError(f"{where}: two nodes have the id {node.id!r}; every node needs its own")
    nodes[node.id] = node


def _aifdb(data: dict[str, Any], shape: str, prefix: str) -> AifGraph:
    nodes: dict[str, Node] = {}
    for index, item in enumerate(_list(data, "nodes", prefix)):
        _add(nodes, _node(item, "nodeID", f"{prefix}nodes[{index}]"), f"{prefix}nodes[{index}]")
    edges = []
    for index, item in enumerate(_list(data, "edges", prefix)):
        where = f"{prefix}edges[{index}]"
        if not isinstance(item, dict):
            raise AifError(f"{where} must be an object with `fromID` and `toID`")
        edges.append(_edge(nodes, _identifier(item, "fromID", where), _identifier(item, "toID", where), where))
    graph = AifGraph(shape, nodes, edges)
    for item in _list(data, "locutions", prefix):
        if isinstance(item, dict) and str(item.get("nodeID")) in nodes and item.get("timestamp"):
            node = nodes[str(item["nodeID"])]
            # the locution's own time is the moment it was said; the node's may be when it was drawn
            nodes[node.id] = Node(node.id, node.type, node.text, _text(item["timestamp"]), node.scheme)
    return graph


def _edge(nodes: dict[str, Node], source: str, target: str, where: str) -> tuple[str, str]:
    for end, node_id in (("from", source), ("to", target)):
        if node_id not in nodes:
            raise AifError(
                f"{where} goes {end} node {node_id!r}, which the file does not have "
                "(a dangling edge: the node was deleted, or its id mistyped)"
            )
    return source, target


def _ova2(data: dict[str, Any]) -> AifGraph:
    nodes: dict[str, Node] = {}
    for index, item in enumerate(_list(data, "nodes", "")):
        _add(nodes, _node(item, "id", f"nodes[{index}]"), f"nodes[{index}]")
    edges = []
    for index, item in enumerate(_list(data, "edges", "")):
        where = f"edges[{index}]"
        source = item.get("from") if isinstance(item, dict) else None
        target = item.get("to") if isinstance(item, dict) else None
        if not isinstance(source, dict) or not isinstance(target, dict):
            raise AifError(f'{where} must be {{"from": {{"id": …}}, "to": {{"id": …}}}} (OVA2)')
        from_id = _identifier(source, "id", f"{where}.from")
        edges.append(_edge(nodes, from_id, _identifier(target, "id", f"{where}.to"), where))
    return AifGraph("OVA2", nodes, edges)


def _participants(graph: AifGraph, aif: dict[str, Any]) -> None:
    people: dict[str, str] = {}
    for item in aif.get("participants") or []:
        if isinstance(item, dict) and item.get("participantID") is not None:
            name = " ".join(_text(item.get(k)).strip() for k in ("firstname", "surname")).strip()
            if name:
                people[str(item["participantID"])] = name
    for item in aif.get("locutions") or []:
        if isinstance(item, dict) and str(item.get("personID")) in people and str(item.get("nodeID")) in graph.nodes:
            graph.speakers[str(item["nodeID"])] = people[str(item["personID"])]


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>")
_SPAN_ID = re.compile(r"""\bid\s*=\s*["']?node([^"'\s>]+)""")
_BLOCKS = frozenset({"br", "p", "div", "li"})


def _ova_text(graph: AifGraph, markup: Any) -> None:
    """OVA's HTML as plain text, and where each `<span id="nodeN">` starts in it."""
    if not isinstance(markup, str) or not markup.strip():
        return
    parts: list[str] = []
    length = 0
    at = 0
    for tag in _TAG.finditer(markup):
        piece = html.unescape(markup[at : tag.start()])
        parts.append(piece)
        length += len(piece)
        at = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "br" or (closing and name in _BLOCKS):
            parts.append("\n")
            length += 1
        if name == "span" and not closing:
            found = _SPAN_ID.search(tag.group(3))
            if found is not None and found.group(1) in graph.nodes:
                graph.spans.setdefault(found.group(1), length)
    parts.append(html.unescape(markup[at:]))
    graph.text = "".join(parts)


def parse_aif_text(text: str) -> AifGraph:
    """The graph of a file's text: JSON errors say line and column."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AifError(f"the file is not JSON: {error.msg}", error.lineno, error.colno) from None
    return read_aif(data)
