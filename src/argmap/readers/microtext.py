"""Reader for the argumentative microtexts corpus (Peldszus & Stede): `arggraph` XML + its text.

One text of the corpus is two files: ``micro_ID.xml`` (the gold graph, ``arggraph.dtd``)
and ``micro_ID.txt`` beside it (the text, which the graph's EDUs segment). This module
reads both and checks that they describe one argument: every reference resolves, every
edge joins the kinds of node the scheme allows, every ADU leads to the one central claim,
and every EDU is a passage of the text, in order. Anything else is a `CorpusError`
carrying a positioned problem (file:line:col of the offending element), never a
traceback: corpus files come from elsewhere and may be damaged or mismatched.

The XML is read with expat directly, for element positions; entity declarations are
refused (no corpus file has one, and they are how XML bombs work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.parsers import expat

from argmap.format.problems import Position, Problem, problem

Role = Literal["pro", "opp"]
EdgeType = Literal["seg", "sup", "exa", "add", "reb", "und"]
EDGE_TYPES: tuple[str, ...] = ("seg", "sup", "exa", "add", "reb", "und")
ARGUMENT_TYPES: tuple[str, ...] = ("sup", "exa", "reb", "und")  # the relations an `add` or `und` may target
MAX_CORPUS_BYTES = 1_000_000  # a microtext is a paragraph; anything near this is not one

# Import problem codes (stable, like every argmap code).
CORPUS_UNREADABLE = "AM401"  # file missing, not a file, too large, not UTF-8
CORPUS_XML = "AM402"  # not well-formed XML, or an entity declaration
CORPUS_SCHEME = "AM403"  # well-formed, but not an arggraph of the scheme
CORPUS_TEXT = "AM404"  # the graph's segments do not match the text beside it


class CorpusError(Exception):
    """A corpus file that cannot be imported; `problem` says where and why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


@dataclass(frozen=True)
class Element:
    name: str
    attrs: dict[str, str]
    at: Position
    text: str = ""


@dataclass(frozen=True)
class Span:
    start: int  # code-point offsets into the text, end-exclusive
    end: int


@dataclass(frozen=True)
class Unit:
    """An ADU: a claim in the proponent's or the opponent's voice, grounded in EDUs."""

    id: str
    role: Role
    at: Position
    segments: tuple[str, ...]  # EDU ids, in text order


@dataclass(frozen=True)
class Edge:
    id: str
    src: str
    trg: str
    type: EdgeType
    at: Position


@dataclass
class ArgGraph:
    """One corpus text: its graph, checked against the scheme, and its text."""

    id: str
    file: str  # the XML file as shown in messages
    text_file: str
    text: str
    raw_text: bytes  # the text file's bytes, copied unchanged next to the map
    topic: str | None
    stance: str | None
    edus: dict[str, Element]
    spans: dict[str, Span]  # EDU id -> where it is in the text
    units: dict[str, Unit]
    edges: dict[str, Edge]  # argumentative edges (not `seg`), in file order
    central: str = ""
    adds: dict[str, list[str]] = field(default_factory=dict)  # edge id -> ADUs joining it (`add`)


def read_arggraph(xml_path: Path, shown: str | None = None) -> ArgGraph:
    """Read `micro_ID.xml` and the `micro_ID.txt` beside it, or raise CorpusError."""
    file = shown or str(xml_path)
    data = _read_bytes(xml_path, file)
    elements = parse_xml(data, file)
    text_path = xml_path.with_suffix(".txt")
    text_file = str(Path(file).with_suffix(".txt"))
    raw = _read_bytes(text_path, text_file, missing_at=(file, elements[0].at))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise CorpusError(
            problem(
                text_file,
                Position(line, column),
                CORPUS_UNREADABLE,
                "the text is not UTF-8",
                "corpus texts are UTF-8; re-save it as UTF-8",
            )
        ) from None
    graph = build(elements, file, xml_path.stem)
    graph.text_file, graph.text, graph.raw_text = text_file, text, raw
    graph.spans = locate_segments(graph, text)
    return graph


def _read_bytes(path: Path, file: str, missing_at: tuple[str, Position] | None = None) -> bytes:
    where, at = missing_at if missing_at is not None else (file, Position(1, 1))

    def fail(message: str, hint: str) -> CorpusError:
        return CorpusError(problem(where, at, CORPUS_UNREADABLE, message, hint))

    try:
        if not path.is_file():
            raise fail(f"{file} is missing or not a file", "each micro_ID.xml needs its micro_ID.txt beside it")
        if path.stat().st_size > MAX_CORPUS_BYTES:
            raise fail(f"{file} is larger than {MAX_CORPUS_BYTES} bytes", "a microtext is a paragraph: check the file")
        return path.read_bytes()
    except OSError as error:
        raise fail(f"cannot read {file}: {error.strerror or error}", "check the file's permissions") from None


def parse_xml(data: bytes, file: str) -> list[Element]:
    """The elements of an arggraph document in order, each with its position; text kept for `edu`."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    elements: list[Element] = []
    texts: list[list[str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        at = Position(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        elements.append(Element(name, dict(attrs), at))
        texts.append([])

    def chars(data: str) -> None:
        if texts:
            texts[-1].append(data)

    def entity(name: str, *_: object) -> None:
        at = Position(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        raise CorpusError(
            problem(file, at, CORPUS_XML, f"entity declaration `{name}` refused", "corpus files declare no entities")
        )

    parser.StartElementHandler = start
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise CorpusError(
            problem(
                file,
                Position(error.lineno, error.offset + 1),
                CORPUS_XML,
                f"not well-formed XML: {expat.ErrorString(error.code)}",
                "the file is damaged; take it again from the corpus",
            )
        ) from None
    return [Element(e.name, e.attrs, e.at, "".join(t)) for e, t in zip(elements, texts, strict=True)]


def _scheme(file: str, at: Position, message: str, hint: str) -> CorpusError:
    return CorpusError(problem(file, at, CORPUS_SCHEME, message, hint))


def _attr(file: str, element: Element, name: str, allowed: tuple[str, ...] = ()) -> str:
    value = element.attrs.get(name)
    if value is None or not value.strip():
        raise _scheme(file, element.at, f"<{element.name}> has no `{name}`", f"every <{element.name}> needs {name}=")
    if allowed and value not in allowed:
        raise _scheme(
            file,
            element.at,
            f"<{element.name}> {name}={value!r} is not one of: {', '.join(allowed)}",
            "see arggraph.dtd",
        )
    return value


def _nodes(file: str, elements: list[Element]) -> dict[str, Element]:
    """The graph's elements by id, each checked on its own: a known element, a unique id,
    an EDU with text, an ADU with a role."""
    nodes: dict[str, Element] = {}
    for element in elements:
        if element.name not in ("edu", "joint", "adu", "edge"):
            raise _scheme(file, element.at, f"unknown element <{element.name}>", "arggraph holds edu, joint, adu, edge")
        node_id = _attr(file, element, "id")
        if node_id in nodes:
            raise _scheme(file, element.at, f"the id {node_id!r} is used twice", f"first at {nodes[node_id].at}")
        nodes[node_id] = element
        if element.name == "edu" and not element.text.strip():
            raise _scheme(file, element.at, f"edu {node_id} has no text", "an EDU holds a passage of the text")
        if element.name == "adu":
            _attr(file, element, "type", ("pro", "opp"))
    return nodes


def build(elements: list[Element], file: str, stem: str) -> ArgGraph:
    """Check the elements against the scheme and assemble the graph (text not yet attached)."""
    root = elements[0]
    if root.name != "arggraph":
        raise _scheme(file, root.at, f"the document is <{root.name}>, not <arggraph>", "is this a corpus file?")
    graph_id = _attr(file, root, "id")
    if graph_id != stem:
        raise _scheme(
            file,
            root.at,
            f"the graph's id {graph_id!r} does not match the file name {stem!r}",
            f"the text read beside it is {stem}.txt: rename the file to {graph_id}.xml, or take both again from the corpus",
        )
    nodes = _nodes(file, elements[1:])
    edus = {node_id: e for node_id, e in nodes.items() if e.name == "edu"}
    units = {node_id: e for node_id, e in nodes.items() if e.name == "adu"}
    raw_edges = [e for e in nodes.values() if e.name == "edge"]
    if not units:
        raise _scheme(file, root.at, "the graph has no <adu>", "a corpus graph has at least one ADU")
    edges = _edges(file, raw_edges, nodes)
    graph = ArgGraph(
        graph_id,
        file,
        "",
        "",
        b"",
        root.attrs.get("topic_id"),
        root.attrs.get("stance"),
        edus,
        {},
        _units(file, units, edges, nodes),
        {e.id: e for e in edges if e.type not in ("seg", "add")},
    )
    for edge in edges:
        if edge.type == "add":
            graph.adds.setdefault(edge.trg, []).append(edge.src)
    graph.central = _central(file, graph, root)
    return graph


def _edges(file: str, raw: list[Element], nodes: dict[str, Element]) -> list[Edge]:
    edges: list[Edge] = []
    for element in raw:
        edge_id = _attr(file, element, "id")
        type_ = _attr(file, element, "type", EDGE_TYPES)
        src, trg = _attr(file, element, "src"), _attr(file, element, "trg")
        for end, ref in (("src", src), ("trg", trg)):
            if ref not in nodes:
                raise _scheme(file, element.at, f"edge {edge_id}: {end}={ref!r} names nothing", "check the id")
        allowed_src, allowed_trg = _ENDS[type_]
        kinds = (nodes[src].name, nodes[trg].name)
        if kinds[0] not in allowed_src or kinds[1] not in allowed_trg:
            raise _scheme(
                file,
                element.at,
                f"edge {edge_id} ({type_}) goes from <{kinds[0]}> {src} to <{kinds[1]}> {trg}",
                f"a {type_} edge goes from {' or '.join(allowed_src)} to {' or '.join(allowed_trg)}",
            )
        edges.append(Edge(edge_id, src, trg, type_, element.at))  # type: ignore[arg-type]
    by_id = {e.id: e for e in edges}
    for edge in edges:
        if edge.type in ("und", "add") and by_id[edge.trg].type not in ARGUMENT_TYPES:
            raise _scheme(
                file,
                nodes[edge.id].at,
                f"edge {edge.id} ({edge.type}) targets edge {edge.trg}, a {by_id[edge.trg].type} edge",
                "und and add edges target a sup, exa, reb or und edge",
            )
    return edges


# Which elements each edge type joins (arggraph.dtd).
_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "seg": (("edu", "joint"), ("adu", "joint")),
    "sup": (("adu",), ("adu",)),
    "exa": (("adu",), ("adu",)),
    "reb": (("adu",), ("adu",)),
    "und": (("adu",), ("edge",)),
    "add": (("adu",), ("edge",)),
}


def _units(file: str, units: dict[str, Element], edges: list[Edge], nodes: dict[str, Element]) -> dict[str, Unit]:
    """Each ADU with its EDUs (through joints), in text order."""
    feeds: dict[str, list[str]] = {}
    for edge in edges:
        if edge.type == "seg":
            feeds.setdefault(edge.trg, []).append(edge.src)
    order = {node_id: index for index, node_id in enumerate(nodes)}

    def segments(unit_id: str) -> list[str]:
        """The EDUs under an ADU, through joints (walked without recursion: joints may nest)."""
        found: list[str] = []
        todo, seen = [unit_id], {unit_id}
        while todo:
            node_id = todo.pop()
            sources = feeds.get(node_id, [])
            if not sources:
                element = nodes[node_id]
                raise _scheme(
                    file, element.at, f"{element.name} {node_id} has no text: no seg edge leads to it", "add one"
                )
            for source in sources:
                if nodes[source].name == "edu":
                    found.append(source)
                elif source in seen:
                    raise _scheme(
                        file, nodes[source].at, f"joint {source} is segmented into itself", "check its seg edges"
                    )
                else:
                    seen.add(source)
                    todo.append(source)
        return found

    result = {}
    for unit_id, element in units.items():
        found = sorted(dict.fromkeys(segments(unit_id)), key=order.__getitem__)
        result[unit_id] = Unit(unit_id, element.attrs["type"], element.at, tuple(found))  # type: ignore[arg-type]
    return result


def _central(file: str, graph: ArgGraph, root: Element) -> str:
    """The one ADU that argues for nothing; every other ADU must lead to it."""
    out: dict[str, str] = {}  # ADU -> the ADU its (first) argumentative edge leads to
    for edge in graph.edges.values():
        out.setdefault(edge.src, edge.trg)
    for edge_id, sources in graph.adds.items():
        for source in sources:
            out.setdefault(source, edge_id)
    free = [u for u in graph.units.values() if u.id not in out]
    if not free:
        raise _scheme(file, root.at, "no central claim: every ADU argues for another", "the graph has a cycle")
    if len(free) > 1:
        raise _scheme(
            file,
            free[1].at,
            f"two ADUs ({free[0].id}, {free[1].id}) argue for nothing; a graph has one central claim",
            "connect the ADU with a sup, exa, reb, und or add edge",
        )
    central = free[0].id
    reaches = {central}  # nodes known to lead to the central claim
    for unit in graph.units.values():
        path: list[str] = []
        on_path: set[str] = set()
        here = unit.id
        while here not in reaches:
            if here in on_path:
                raise _scheme(
                    file,
                    unit.at,
                    f"adu {unit.id} does not lead to the central claim {central}: its edges go round in a circle",
                    "check the trg of the edges on the way",
                )
            path.append(here)
            on_path.add(here)
            # an ADU leads where its edge points; an edge (for und/add) leads to its own target
            here = out[here] if here in graph.units else graph.edges[here].trg
        reaches.update(path)
    return central


def locate_segments(graph: ArgGraph, text: str) -> dict[str, Span]:
    """Each EDU's place in the text, in order; spacing may differ, words may not."""
    spans: dict[str, Span] = {}
    cursor = 0
    for edu_id, element in graph.edus.items():
        words = element.text.split()
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        match = pattern.search(text, cursor)
        if match is None:
            elsewhere = pattern.search(text)
            where = (
                f"it is in the text, but before the previous EDU ends (column {elsewhere.start() + 1})"
                if elsewhere is not None
                else "it is not in the text"
            )
            raise CorpusError(
                problem(
                    graph.file,
                    element.at,
                    CORPUS_TEXT,
                    f"edu {edu_id} does not match {graph.text_file}: {where}",
                    "the XML and the text must be the same corpus version; take both again from the corpus",
                )
            )
        spans[edu_id] = Span(match.start(), match.end())
        cursor = match.end()
    return spans
