"""A checked corpus graph (`ArgGraph`) as an argmap map: kinds, sides and relations from the gold edges.

How the corpus scheme maps onto argmap's grammar (docs/import.md says the same for users):

* every ADU is a claim with the ADU's id (``a1``); its quote is the ADU's exact text
  (an occurrence picks it when the words occur twice), and so is its `text`, since the
  corpus has no paraphrase;
* ``sup`` -> support, ``exa`` -> example, ``reb`` -> attack, ``und`` -> undercut; an
  ``add`` edge makes its ADU a linked co-premise of the relation it joins;
* the kind follows the ADU's role and the relation it gives: the central claim is the
  thesis; a reason is a premise (evidence with basis example for ``exa``); the
  proponent's attacks are rebuttals; the opponent's attacks are objections, or
  concessions when *granted* (the proponent undercuts the attack and rebuts nothing of it);
* the side argmap derives from kind and relations is the corpus role; where it is not
  (a scheme the corpus allows but argmap would read differently), ``side:`` says so.
"""

from __future__ import annotations

import hashlib
from typing import Any

import yaml

from argmap.anchor.find import Match, SourceText, find_quote
from argmap.format import vocabulary
from argmap.readers.microtext import ArgGraph, Edge

RELATION = {"sup": "support", "exa": "example", "reb": "attack", "und": "undercut"}
KEY = {"sup": "supports", "exa": "exemplifies", "reb": "attacks", "und": "undercuts"}
SIDE = {"pro": "author", "opp": "opponent"}
CORPUS = "arg-microtexts corpus (Peldszus & Stede 2015), CC BY-NC-SA 4.0"


def sources_of(graph: ArgGraph, edge: Edge) -> list[str]:
    """The ADUs that give a relation together: its source, then its `add` co-premises."""
    return [edge.src, *graph.adds.get(edge.id, [])]


def given_by(graph: ArgGraph) -> dict[str, list[Edge]]:
    """ADU -> the relations it gives (as source or co-premise), in file order."""
    found: dict[str, list[Edge]] = {}
    for edge in graph.edges.values():
        for source in sources_of(graph, edge):
            found.setdefault(source, []).append(edge)
    return found


def granted_points(graph: ArgGraph, gives: dict[str, list[Edge]]) -> set[str]:
    """The opponent's points the author grants: an attack of theirs is undercut by the author,
    and the author does not rebut them."""
    roles = {u.id: u.role for u in graph.units.values()}
    undercut = {
        e.trg for e in graph.edges.values() if e.type == "und" and all(roles[s] == "pro" for s in sources_of(graph, e))
    }
    rebutted = {e.trg for e in graph.edges.values() if e.type == "reb"}
    return {
        unit
        for unit, edges in gives.items()
        if roles[unit] == "opp"
        and unit not in rebutted
        and any(e.type in ("reb", "und") and e.id in undercut for e in edges)
    }


def kinds(graph: ArgGraph) -> dict[str, tuple[str, str | None]]:
    """ADU -> (kind, basis)."""
    gives = given_by(graph)
    granted = granted_points(graph, gives)
    result: dict[str, tuple[str, str | None]] = {}
    for unit in graph.units.values():
        types = {e.type for e in gives.get(unit.id, [])}
        if unit.id == graph.central:
            result[unit.id] = ("thesis", None)
        elif types & {"reb", "und"}:
            if unit.role == "pro":
                result[unit.id] = ("rebuttal", None)
            else:
                result[unit.id] = ("concession" if unit.id in granted else "objection", None)
        elif types == {"exa"}:
            result[unit.id] = ("evidence", "example")
        else:
            result[unit.id] = ("premise", None)
    return result


def derived_sides(graph: ArgGraph, claim_kinds: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    """The side argmap gives each claim without `side:` (see docs/format.md, "Sides")."""
    targets: dict[str, str] = {}
    for edge in graph.edges.values():
        if edge.type in ("sup", "exa"):
            for source in sources_of(graph, edge):
                targets.setdefault(source, edge.trg)
    fixed = {k.name: k.side for k in vocabulary.KINDS if k.side is not None}
    sides: dict[str, str] = {}
    for unit_id in graph.units:
        chain: list[str] = []
        on_chain: set[str] = set()
        here: str | None = unit_id
        side = "author"  # a reason that leads nowhere (or round) is the author's
        while here is not None and here not in on_chain:
            if here in sides:
                side = sides[here]
                break
            if claim_kinds[here][0] in fixed:
                side = fixed[claim_kinds[here][0]]
                break
            chain.append(here)
            on_chain.add(here)
            here = targets.get(here)
        for member in chain:
            sides[member] = side
        sides.setdefault(unit_id, side)
    return sides


def _quote(graph: ArgGraph, unit_id: str, source: SourceText) -> list[Any]:
    """The ADU's exact words: one passage when its EDUs are adjacent, else one per EDU."""
    spans = [graph.spans[s] for s in graph.units[unit_id].segments]
    pieces: list[tuple[int, int]] = []
    for span in spans:
        if pieces and not graph.text[pieces[-1][1] : span.start].strip():
            pieces[-1] = (pieces[-1][0], span.end)
        else:
            pieces.append((span.start, span.end))
    return [_selector(source, start, end) for start, end in pieces]


def _selector(source: SourceText, start: int, end: int) -> Any:
    """The passage as a quote that argmap finds at `start`: plain, or with an occurrence or a prefix.

    argmap's own search decides (a `...` in the words is an elision to it), so the
    quote written is the one `argmap check` will find where the annotators put it.
    """
    exact = source.text[start:end]
    match = find_quote(source, exact, suggest=False)
    if _lands(match, start, end):
        return exact
    for occurrence in range(1, len(match.candidates) + 1):
        if _lands(find_quote(source, exact, occurrence=occurrence, suggest=False), start, end):
            return {"exact": exact, "occurrence": occurrence}
    prefix = source.text[max(0, start - 40) : start]
    if prefix and _lands(find_quote(source, exact, prefix=prefix, suggest=False), start, end):
        return {"exact": exact, "prefix": prefix}
    return exact  # argmap check will say what it finds instead


def _lands(match: Match, start: int, end: int) -> bool:
    span = match.span
    return match.status == "exact" and span is not None and start <= span.start and span.end <= end


def _words(graph: ArgGraph, unit_id: str) -> str:
    return " ".join(graph.text[graph.spans[s].start : graph.spans[s].end] for s in graph.units[unit_id].segments)


def listed_edges(graph: ArgGraph) -> set[str]:
    """Edges written in full under `relations:`, named by their corpus id: linked ones (`add`),
    and undercuts of undercuts that are undercut again, so no link name nests deeper than
    `a4 -> a3 -> a2 -> a1` (a deeper chain reads better, and stays short, by id)."""
    undercut = {e.trg for e in graph.edges.values() if e.type == "und"}
    deep = {
        e.id for e in graph.edges.values() if e.type == "und" and e.id in undercut and graph.edges[e.trg].type == "und"
    }
    return set(graph.adds) | deep


def link_names(graph: ArgGraph, listed: set[str]) -> dict[str, str]:
    """How an undercut names each edge: its id when listed in full, else `FROM -> TO`."""

    def name(edge_id: str) -> str:
        edge = graph.edges[edge_id]
        if edge_id in listed:
            return edge_id
        # an unlisted undercut's target is a support, example or attack, or an undercut of one
        target = edge.trg if edge.type != "und" else name(edge.trg)
        return f"{edge.src} -> {target}"

    return {edge_id: name(edge_id) for edge_id in graph.edges}


def to_map(graph: ArgGraph, text_path: str) -> dict[str, Any]:
    """The map as plain data, in the order a reader wants it (thesis first, then text order)."""
    claim_kinds = kinds(graph)
    sides = derived_sides(graph, claim_kinds)
    listed = listed_edges(graph)
    names = link_names(graph, listed)
    written: dict[str, list[Edge]] = {}  # ADU -> the relations written on it
    for edge in graph.edges.values():
        if edge.id not in listed:
            written.setdefault(edge.src, []).append(edge)
    claims: list[dict[str, Any]] = []
    source = SourceText(graph.text)  # built once: quotes are placed with argmap's own search
    order = [graph.central, *(u for u in graph.units if u != graph.central)]
    for unit_id in order:
        unit = graph.units[unit_id]
        kind, basis = claim_kinds[unit_id]
        claim: dict[str, Any] = {"id": unit_id, "kind": kind}
        if basis is not None:
            claim["basis"] = basis
        if sides[unit_id] != SIDE[unit.role]:
            claim["side"] = SIDE[unit.role]
        claim["text"] = _words(graph, unit_id)
        quotes = _quote(graph, unit_id, source)
        claim["quote" if len(quotes) == 1 else "quotes"] = quotes[0] if len(quotes) == 1 else quotes
        for edge in written.get(unit_id, []):
            target = names[edge.trg] if edge.type == "und" else edge.trg
            claim.setdefault(KEY[edge.type], []).append(target)
        for key in KEY.values():
            if key in claim and len(claim[key]) == 1:
                claim[key] = claim[key][0]
        claim["note"] = f"ADU {unit_id} ({unit.role}), EDU {', '.join(unit.segments)}"
        claims.append(claim)
    relations = [
        {
            "id": edge.id,
            "type": RELATION[edge.type],
            "from": sources_of(graph, edge),
            "to": names[edge.trg] if edge.type == "und" else edge.trg,
            "note": f"edge {edge.id} ({edge.type})"
            + (f" with {', '.join(graph.adds[edge.id])} (add)" if edge.id in graph.adds else ""),
        }
        for edge in graph.edges.values()
        if edge.id in listed
    ]
    result: dict[str, Any] = {
        "argmap": 1,
        "title": _title(graph),
        "description": _description(graph),
        "sources": [
            {
                "id": "text",
                "path": text_path,
                "title": graph.id,
                "publisher": CORPUS,
                "sha256": hashlib.sha256(graph.raw_text).hexdigest(),
            }
        ],
        "claims": claims,
    }
    if relations:
        result["relations"] = relations
    return result


def _title(graph: ArgGraph) -> str:
    topic = (graph.topic or graph.id).replace("_", " ").strip()
    return topic[:1].upper() + topic[1:]


def _description(graph: ArgGraph) -> str:
    stance = {
        "pro": " The author argues for the issue.",
        "con": " The author argues against the issue.",
        "unclear": " The author's stance on the issue is unclear.",
    }.get(graph.stance or "", "")
    return f"Text {graph.id} of the {CORPUS}, imported from its gold argument graph.{stance}"


class _Dumper(yaml.SafeDumper):
    """Block style, no anchors or aliases (argmap refuses them), long lines kept whole."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(graph: ArgGraph, text_path: str) -> str:
    body = yaml.dump(
        to_map(graph, text_path),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    header = (
        f"# {graph.id}: imported by `argmap import microtext` from {graph.id}.xml and {graph.id}.txt\n"
        f"# ({CORPUS}; keep this attribution and the licence with any copy).\n"
    )
    return header + body
