"""AIF out: a resolved map as AIFdb JSON, or wrapped as an OVA3 save file.

Works from the export document (`export_dict`), so it sees exactly what
`argmap export` promises. Node ids are numbers in a fixed order (claims as
I-nodes, then one RA or CA per relation, then one L-node and one YA per quote),
so the same map gives the same bytes. A top-level ``argmap`` table names each
I-node's claim id, so an import gives claims their ids back; AIF tools ignore it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.format.vocabulary import SUPPORTING  # inferences: an RA node each

# AIFdb's names for the schemes it uses when an analyst names none.
DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"
DEFAULT_REPHRASE = "Default Rephrase"
FROM_EXAMPLE = "Argument From Example"  # AIFdb's scheme for support by example
ASSERTING = "Asserting"
# How an import keeps a scheme AIF named (a relation note); written back as the S-node's scheme.
SCHEME_NOTE = "AIF scheme: "
# AIF needs timestamps; a map has none, so locutions are spaced one second apart in text order.
EPOCH = "2000-01-01"


@dataclass
class _Graph:
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    locutions: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # I-node id -> claim id
    relation_names: dict[str, str] = field(default_factory=dict)  # RA/CA id -> relation id
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # default-source spans of L-nodes
    people: dict[str, int] = field(default_factory=dict)  # speaker -> participant id

    def node(self, type_: str, text: str, tick: int = 0, **extra: Any) -> str:
        node_id = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": node_id, "text": text, "type": type_, "timestamp": _timestamp(tick), **extra})
        return node_id

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})


def _timestamp(tick: int) -> str:
    hours, rest = divmod(tick, 3600)
    return f"{EPOCH} {hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _speaker(document: dict[str, Any], source_id: str, voice: str | None) -> str:
    """Who says a quote's words: the source's author (an article quotes others in its own words),
    else the claim's voice (a transcript of a debate has no one author), else the source's name."""
    for source in document["sources"]:
        if source["id"] == source_id:
            return str(source.get("author") or voice or source.get("title") or source_id)
    return voice or source_id


def build(document: dict[str, Any]) -> _Graph:
    """The AIF graph of an export document."""
    graph = _Graph()
    claim_nodes: dict[str, str] = {}
    for claim in document["claims"]:
        node_id = graph.node("I", claim["text"])
        claim_nodes[claim["id"]] = node_id
        graph.names[node_id] = claim["id"]
    _relations(document, graph, claim_nodes)
    _rephrasings(document, graph, claim_nodes)
    _locutions(document, graph, claim_nodes)
    return graph


def _relations(document: dict[str, Any], graph: _Graph, claim_nodes: dict[str, str]) -> None:
    s_nodes: dict[str, str] = {}  # link name / relation id -> RA or CA node
    undercuts: list[dict[str, Any]] = []
    for relation in document["relations"]:
        if relation["type"] == "undercut":
            undercuts.append(relation)
            continue
        if relation["to"] not in claim_nodes or any(s not in claim_nodes for s in relation["from"]):
            continue  # a reference `check` reports (AM301); AIF has no dangling edges
        support = relation["type"] in SUPPORTING
        node_id = _s_node(graph, "RA" if support else "CA", relation)
        for source in relation["from"]:
            graph.edge(claim_nodes[source], node_id)
        graph.edge(node_id, claim_nodes[relation["to"]])
        _name(graph, s_nodes, relation, node_id)
    # an undercut may deny another undercut: place each once the S-node it denies is there
    while undercuts:
        placed = [r for r in undercuts if s_nodes.get(r.get("to_link") or "") is not None]
        if not placed:
            break  # what is left denies nothing argmap could name (AM313 says so)
        for relation in placed:
            undercuts.remove(relation)
            if any(s not in claim_nodes for s in relation["from"]):
                continue
            node_id = _s_node(graph, "CA", relation)
            for source in relation["from"]:
                graph.edge(claim_nodes[source], node_id)
            graph.edge(node_id, s_nodes[relation["to_link"]])
            _name(graph, s_nodes, relation, node_id)


def _name(graph: _Graph, s_nodes: dict[str, str], relation: dict[str, Any], node_id: str) -> None:
    """Remember an S-node by the names an undercut may use for it: `A -> B`, or the relation's id."""
    s_nodes[relation["name"]] = node_id
    if relation.get("id"):
        s_nodes[relation["id"]] = node_id
        graph.relation_names[node_id] = relation["id"]


_REPHRASES = re.compile(r"rephrases (\S+) \(an AIF MA node\)")


def _rephrasings(document: dict[str, Any], graph: _Graph, claim_nodes: dict[str, str]) -> None:
    """An MA for each rephrase an import noted (`rephrases I101 (an AIF MA node)`)."""
    for claim in document["claims"]:
        for found in _REPHRASES.finditer(claim.get("note") or ""):
            if found.group(1) in claim_nodes:
                node_id = graph.node("MA", DEFAULT_REPHRASE)
                graph.edge(claim_nodes[claim["id"]], node_id)
                graph.edge(node_id, claim_nodes[found.group(1)])


def _s_node(graph: _Graph, type_: str, relation: dict[str, Any]) -> str:
    """An RA or CA: AIFdb's default scheme, or the one an imported relation's note names."""
    note = relation.get("note") or ""
    if note.startswith(SCHEME_NOTE) and note[len(SCHEME_NOTE) :].strip():
        scheme = note[len(SCHEME_NOTE) :].strip()
        return graph.node(type_, scheme, scheme=scheme)
    if relation["type"] == "example":
        return graph.node(type_, FROM_EXAMPLE, scheme=FROM_EXAMPLE)
    return graph.node(type_, DEFAULT_INFERENCE if type_ == "RA" else DEFAULT_CONFLICT)


def _locutions(document: dict[str, Any], graph: _Graph, claim_nodes: dict[str, str]) -> None:
    """One L-node per quoted passage, in text order, with a YA to each claim it asserts."""
    sources = [s["id"] for s in document["sources"]]
    said: dict[tuple[int, int, int], tuple[str, str, list[str]]] = {}  # (source, start, end) -> speaker, words, claims
    for claim in document["claims"]:
        for quote in claim["quotes"]:
            if quote.get("text") is None:
                continue
            rank = sources.index(quote["source"]) if quote["source"] in sources else len(sources)
            speaker = _speaker(document, quote["source"], claim.get("voice"))
            entry = said.setdefault((rank, quote["start"], quote["end"]), (speaker, quote["text"], []))
            entry[2].append(claim["id"])
    people: dict[str, int] = {}
    for tick, ((rank, start, end), (speaker, words, claims)) in enumerate(sorted(said.items())):
        locution = graph.node("L", f"{speaker} : {words}", tick)
        person = people.setdefault(speaker, len(people) + 1)
        graph.locutions.append(
            {
                "nodeID": locution,
                "personID": str(person),
                "timestamp": _timestamp(tick),
                "start": None,
                "end": None,
                "source": None,
            }
        )
        for claim_id in claims:
            assertion = graph.node("YA", ASSERTING, tick, scheme=ASSERTING)
            graph.edge(locution, assertion)
            graph.edge(assertion, claim_nodes[claim_id])
        if rank == 0:
            graph.spans.append((start, end, locution))
    graph.people = people


def aif_dict(document: dict[str, Any]) -> dict[str, Any]:
    """AIFdb JSON: nodes, edges, locutions (and the claim-id table)."""
    graph = build(document)
    return {"nodes": graph.nodes, "edges": graph.edges, "locutions": graph.locutions, "argmap": _table(document, graph)}


def ova_dict(document: dict[str, Any], source_text: str | None) -> dict[str, Any]:
    """An OVA3 save: the AIF, the analysed text as HTML with a span per locution, and a layout."""
    graph = build(document)
    participants = [
        {"participantID": str(person), "firstname": speaker, "surname": ""} for speaker, person in graph.people.items()
    ]
    aif = {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": graph.locutions,
        "participants": participants,
        "schemefulfillments": [],
    }
    return {
        "AIF": aif,
        "text": text_html(source_text or "", graph.spans),
        "OVA": _layout(graph),
        "argmap": _table(document, graph),
    }


def _table(document: dict[str, Any], graph: _Graph) -> dict[str, Any]:
    return {
        "map": document["map"],
        "title": document.get("title"),
        "claims": graph.names,
        "relations": graph.relation_names,
    }


def text_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The source as OVA shows it: escaped, line breaks as <br>, each locution a highlighted span.

    HTML spans cannot overlap, so a quote inside or across an earlier one gets no
    span; OVA finds such a locution by its words, as it does for every node.
    """
    parts: list[str] = []
    at = 0
    for start, end, node_id in sorted(spans):
        if start < at:
            continue
        parts.append(_escape(text[at:start]))
        parts.append(f'<span class="highlighted" id="node{node_id}">{_escape(text[start:end])}</span>')
        at = end
    parts.append(_escape(text[at:]))
    return "".join(parts)


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _layout(graph: _Graph) -> dict[str, Any]:
    """OVA's diagram positions: a plain grid, rows of eight, so OVA opens the map legibly."""
    nodes = [
        {
            "nodeID": node["nodeID"],
            "visible": True,
            "x": 40 + (index % 8) * 220,
            "y": 40 + (index // 8) * 140,
            "timestamp": node["timestamp"],
        }
        for index, node in enumerate(graph.nodes)
    ]
    edges = [{"fromID": edge["fromID"], "toID": edge["toID"], "visible": True} for edge in graph.edges]
    return {"firstname": "", "surname": "", "url": "", "nodes": nodes, "edges": edges}


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
