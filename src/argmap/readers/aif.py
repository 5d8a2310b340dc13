"""AIF in: an AIFdb, OVA3 or OVA2 graph as an argmap map, with a source every quote anchors in.

* each I-node is a claim: its text the paraphrase; the words of each L-node that
  asserts it (``L -> YA -> I``) a quote; an I-node nobody said is implicit;
* each RA is a support (several premises: linked), each CA an attack, a CA into
  an RA or CA an undercut of that relation; an MA (rephrase) is a note on the
  claim that rephrases;
* the source is the analysed text when the file carries it (OVA3), else a
  transcript of the locutions in time order, one ``Speaker: words`` line each;
  a quote that occurs more than once gets the ``occurrence`` of its own place;
* kinds and theses come from the structure (`aif_kinds`); a map with several top
  claims, or claims nobody argues with, is ``shape: debate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.anchor.find import SourceText, find_quote
from argmap.readers.aif_json import AifError, AifGraph, Node
from argmap.readers.aif_kinds import Rel, choose_theses, kinds, sides_conflict

SCHEME_NOTE = "AIF scheme: "
REPHRASES, REPHRASE_MARK = "rephrases ", " (an AIF MA node)"  # the export writes the MA back from this
DEFAULT_SCHEMES = frozenset({"", "Default Inference", "Default Conflict", "Default Rephrase"})
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]")
# "Speaker : words" (AIFdb, OVA); some tools write "Speaker: words"
_SPEAKER = re.compile(r"^(?P<speaker>[^:\n]{1,80}?)\s*:\s(?P<words>.*)$", re.DOTALL)


@dataclass
class Imported:
    """What an import writes: the map (as data for YAML) and the source text beside it."""

    map: dict[str, Any]
    source_text: str
    notes: list[str] = field(default_factory=list)  # what the user should know (printed, not fatal)


@dataclass(frozen=True)
class _Locution:
    node: str
    speaker: str
    words: str
    start: int  # where its words are in the source text, or -1


def import_graph(graph: AifGraph, *, source_name: str, title: str, thesis: str | None = None) -> Imported:
    """The map of an AIF graph; `source_name` is the text file's name, beside the map."""
    notes: list[str] = []
    ids = _claim_ids(graph)
    if not ids:
        raise AifError("the file has no I-nodes (propositions): there is nothing to map")
    rels = _relations(graph, ids, notes)
    text, locutions = _source(graph)
    quotes = _quotes(graph, ids, locutions)
    order = list(ids.values())
    said_first = sorted((cid for cid in order if quotes.get(cid)), key=lambda cid: quotes[cid][0].start)
    theses, shape = _theses(order, rels, said_first, ids, thesis, notes)
    kind = kinds(order, rels, theses)
    if shape != "debate" and thesis is None and sides_conflict(order, rels, kind):
        shape = "debate"
        notes.append(
            "no author/opponent reading fits this analysis (a claim supports one side and attacks the same "
            "side, or the like): it is imported as `shape: debate`"
        )
    unplaced = [loc.node for loc in locutions.values() if loc.start < 0 and loc.words]
    if unplaced:
        notes.append(
            f"{len(unplaced)} locution(s) are not in the file's text ({', '.join(unplaced[:8])}); "
            "their claims are imported without those quotes"
        )
    speakers = {loc.speaker for locs in quotes.values() for loc in locs}
    source = SourceText(text)  # one for all quotes: its search structures are built once
    claims = [
        _claim(graph, node_id, cid, kind[cid], quotes.get(cid, []), source, len(speakers) > 1)
        for node_id, cid in ids.items()
    ]
    _rephrasings(graph, ids, claims)
    relations = _write_relations(rels, claims, graph.relation_names)
    document: dict[str, Any] = {"argmap": 1, "title": graph.title or title}
    if shape == "debate":
        document["shape"] = "debate"
    entry: dict[str, Any] = {"id": "text" if graph.text else "transcript", "path": source_name}
    if len(speakers) == 1:
        entry["author"] = speakers.pop()  # one speaker: the author of the text, as argmap maps say it
    document["sources"] = [entry]
    document["claims"] = claims
    if relations:
        document["relations"] = relations
    return Imported(document, text, notes)


def _theses(
    order: list[str],
    rels: list[Rel],
    said_first: list[str],
    ids: dict[str, str],
    thesis: str | None,
    notes: list[str],
) -> tuple[list[str], str]:
    """The theses and the map's shape: the rule's choice, or the one `--thesis` names (an article)."""
    theses = choose_theses(order, rels, said_first)
    if thesis is None:
        if len(theses) != 1 or any(theses[0] in rel.sources for rel in rels):
            return theses, "debate"  # several top claims, or one that answers a claim attacking it
        return theses, "article"
    chosen = ids.get(thesis) or (thesis if thesis in order else None)
    if chosen is None:
        raise AifError(f"--thesis {thesis}: no I-node or claim has that id")
    others = [cid for cid in theses if cid != chosen]
    if others:
        notes.append(
            f"{len(others)} top claim(s) do not lead to {chosen} ({', '.join(others[:8])}); "
            "`argmap check` reports them (AM306): link them, or import without --thesis for a debate map"
        )
    return [chosen], "article"


def _claim_ids(graph: AifGraph) -> dict[str, str]:
    """I-node id -> claim id: the id argmap exported it from, else `I` + the node id."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in graph.nodes.values():
        if node.type != "I":
            continue
        wanted = graph.names.get(node.id) or "I" + _ID_CHARS.sub("_", node.id)
        if not re.match(r"^[A-Za-z][A-Za-z0-9_.-]*$", wanted):
            wanted = "I" + _ID_CHARS.sub("_", node.id)
        wanted = wanted[:60]
        candidate, count = wanted, 1
        while candidate in taken:
            count += 1
            candidate = f"{wanted}_{count}"
        taken.add(candidate)
        ids[node.id] = candidate
    return ids


def _relations(graph: AifGraph, ids: dict[str, str], notes: list[str]) -> list[Rel]:
    rels: list[Rel] = []
    for node in graph.nodes.values():
        if node.type not in ("RA", "CA"):
            continue
        sources = tuple(ids[n] for n in graph.into(node.id) if n in ids)
        targets = [n for n in graph.out_of(node.id) if n in ids or graph.nodes[n].type in ("RA", "CA")]
        if not sources or len(targets) != 1:
            notes.append(
                f"{node.type} node {node.id} has {len(sources)} claim(s) into it and "
                f"{len(targets)} out of it (AIF needs at least one and exactly one); left out"
            )
            continue
        target = targets[0]
        named = node.scheme or node.text.strip()
        scheme = None if named in DEFAULT_SCHEMES else named
        if target in ids:
            rels.append(Rel("support" if node.type == "RA" else "attack", sources, ids[target], node.id, scheme))
        elif node.type == "CA":
            rels.append(Rel("undercut", sources, target, node.id, scheme))
        else:
            notes.append(
                f"RA node {node.id} leads into {graph.nodes[target].type} node {target}, not a claim; left out"
            )
    known = {rel.node for rel in rels}
    kept = []
    for rel in rels:
        if rel.type == "undercut" and rel.target not in known:
            notes.append(f"CA node {rel.node} undercuts node {rel.target}, which is left out itself; left out")
            continue
        kept.append(rel)
    return kept


def _words(graph: AifGraph, node: Node) -> tuple[str, str]:
    """(speaker, words) of an L-node: its text is "Speaker : words"."""
    found = _SPEAKER.match(node.text)
    speaker = graph.speakers.get(node.id) or (found.group("speaker").strip() if found else "")
    words = found.group("words") if found else node.text
    return speaker or "Speaker", words.strip()


def _source(graph: AifGraph) -> tuple[str, dict[str, _Locution]]:
    """The source text, and each locution with where its words are in it."""
    said = [node for node in graph.nodes.values() if node.type == "L"]
    if graph.text:
        text = graph.text
        locutions = {}
        for node in said:
            speaker, words = _words(graph, node)
            start = graph.spans.get(node.id, -1)
            if start < 0 or text[start : start + len(words)] != words:
                start = text.find(words) if words else -1  # OVA's own rule: the first exact occurrence
            locutions[node.id] = _Locution(node.id, speaker, words, start)
        return text, locutions
    order = {node.id: position for position, node in enumerate(said)}
    lines: list[str] = []
    locutions = {}
    length = 0
    for node in sorted(said, key=lambda n: (n.timestamp, order[n.id])):
        speaker, words = _words(graph, node)
        if not words:
            continue
        lead = f"{speaker}: "
        locutions[node.id] = _Locution(node.id, speaker, words, length + len(lead))
        line = " ".join((lead + words).split("\n"))  # one line per locution
        lines.append(line)
        length += len(line) + 1
    return "".join(line + "\n" for line in lines), locutions


def _quotes(graph: AifGraph, ids: dict[str, str], locutions: dict[str, _Locution]) -> dict[str, list[_Locution]]:
    """Claim id -> the locutions asserting it (``L -> YA -> I``), in the order they were said."""
    found: dict[str, list[_Locution]] = {}
    for node in graph.nodes.values():
        if node.type != "YA":
            continue
        for speaker in graph.into(node.id):
            if speaker not in locutions:
                continue
            for target in graph.out_of(node.id):
                if target in ids and locutions[speaker] not in found.setdefault(ids[target], []):
                    found[ids[target]].append(locutions[speaker])
    for said in found.values():
        said.sort(key=lambda loc: loc.start)
    return found


def _claim(
    graph: AifGraph, node_id: str, cid: str, kind: str, said: list[_Locution], source: SourceText, voices: bool
) -> dict[str, Any]:
    claim: dict[str, Any] = {"id": cid, "kind": kind, "text": " ".join(graph.nodes[node_id].text.split()) or cid}
    quotes = [_quote(loc, source) for loc in said if loc.start >= 0 and loc.words]
    if voices and said:
        claim["voice"] = said[0].speaker
    if not quotes:
        claim["implicit"] = True  # asserted by nobody in the text: a reconstruction
    elif len(quotes) == 1:
        claim["quote"] = quotes[0]
    else:
        claim["quotes"] = quotes
    return claim


def _quote(loc: _Locution, source: SourceText) -> str | dict[str, Any]:
    """The words, with `occurrence` when they are found more than once (counted as `check` counts)."""
    text = source.text
    elided = "..." in loc.words or "…" in loc.words  # `check` reads these as elisions: let it search
    if not elided and text.find(loc.words) == loc.start and text.find(loc.words, loc.start + 1) == -1:
        return loc.words  # said once: the common case, without the anchor's search
    match = find_quote(source, loc.words, suggest=False)
    if match.status != "ambiguous":
        return loc.words
    starts = [span.start for span in match.candidates]
    if loc.start in starts:
        return {"exact": loc.words, "occurrence": starts.index(loc.start) + 1}
    return loc.words


def _undercut_names(
    rels: list[Rel], names: dict[str, str], relation_names: dict[str, str]
) -> list[tuple[Rel, str | None]]:
    """Each undercut, once the link it denies has a name, with the id it is written with (or None).

    An undercut someone undercuts is named as argmap names links, `C2 -> P13 -> P9`, up to
    three arrows deep; deeper, linked, or in a circle, it gets an id (`CA7`), as does one the
    file names. `names` gains each undercut's name.
    """
    denied = {rel.target for rel in rels if rel.type == "undercut"}
    waiting = [rel for rel in rels if rel.type == "undercut"]
    placed: list[tuple[Rel, str | None]] = []
    while waiting:
        ready = [rel for rel in waiting if rel.target in names] or waiting[:1]  # a circle: break it by id
        for rel in ready:
            waiting.remove(rel)
            given = relation_names.get(rel.node)
            nested = f"{rel.sources[0]} -> {names.get(rel.target, '')}"
            if (
                given is None
                and rel.node in denied
                and (len(rel.sources) > 1 or nested.count("->") > 3 or rel.target not in names or rel.scheme)
            ):
                given = f"CA{_ID_CHARS.sub('_', rel.node)}"
            names[rel.node] = given or nested
            placed.append((rel, given))
    return [(rel, given) for rel, given in placed if rel.target in names]


def _scheme(rel: Rel) -> dict[str, str]:
    """A named scheme, kept as the relation's note (and written back as the S-node's text on export)."""
    return {"note": f"{SCHEME_NOTE}{rel.scheme}"} if rel.scheme else {}


def _rephrasings(graph: AifGraph, ids: dict[str, str], claims: list[dict[str, Any]]) -> None:
    by_id = {claim["id"]: claim for claim in claims}
    for node in graph.nodes.values():
        if node.type != "MA":
            continue
        for source in graph.into(node.id):
            for target in graph.out_of(node.id):
                if source in ids and target in ids:
                    claim = by_id[ids[source]]
                    note = f"{REPHRASES}{ids[target]}{REPHRASE_MARK}"
                    claim["note"] = f"{claim['note']}; {note}" if "note" in claim else note


def _write_relations(
    rels: list[Rel], claims: list[dict[str, Any]], relation_names: dict[str, str]
) -> list[dict[str, Any]]:
    """Supports/attacks from one claim on that claim (an undercut names them `A -> B`); linked ones,
    and those the file names, in `relations:`."""
    by_id = {claim["id"]: claim for claim in claims}
    names: dict[str, str] = {}
    written: list[dict[str, Any]] = []
    for rel in rels:
        if rel.type == "undercut":
            continue
        name = relation_names.get(rel.node)
        if len(rel.sources) == 1 and name is None and rel.scheme is None:
            key = "supports" if rel.type == "support" else "attacks"
            by_id[rel.sources[0]].setdefault(key, []).append(rel.target)
            names[rel.node] = f"{rel.sources[0]} -> {rel.target}"
            continue
        name = name or f"{'RA' if rel.type == 'support' else 'CA'}{_ID_CHARS.sub('_', rel.node)}"
        names[rel.node] = name
        written.append({"id": name, "type": rel.type, "from": list(rel.sources), "to": rel.target, **_scheme(rel)})
    for rel, name in _undercut_names(rels, names, relation_names):
        entry = {"type": "undercut", "from": list(rel.sources), "to": names[rel.target], **_scheme(rel)}
        if name is not None:
            written.append({"id": name, **entry})
        elif len(rel.sources) == 1 and rel.scheme is None:
            by_id[rel.sources[0]].setdefault("undercuts", []).append(names[rel.target])
        else:
            written.append(entry)
    for claim in claims:
        for key in ("supports", "attacks", "undercuts"):
            if key in claim and len(claim[key]) == 1:
                claim[key] = claim[key][0]
    return written
