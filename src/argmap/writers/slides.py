"""`argmap slides`: a deck an instructor can show at the back of a room.

A title slide, an overview (the thesis and one box per section with the relations
between sections), then one slide per section: its claims drawn as in `render`, and
the claims outside it that it argues with as small stubs naming their id and group.

Legibility is the rule that shapes the deck. A diagram is scaled to fill the slide's
body, and at 1280 × 720 the claim text must come out at least CLAIM_PX high and every
other text at least SMALL_PX; a section whose diagram would have to shrink more is
split over several slides ("continued"), in reading order so a claim keeps the reasons
under it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from argmap.anchor.resolve import LinkType, ResolvedMap
from argmap.format.vocabulary import KINDS, RELATIONS
from argmap.graph.build import build_graph
from argmap.graph.elements import Edge, Graph, GraphOptions, Line, Node, Role, Run
from argmap.graph.sections import Section, reading_blocks, sections, targets, thesis_of
from argmap.graph.style import EDGE_STYLES, NODE_STYLES
from argmap.graph.text import wrap
from argmap.writers import slide_page
from argmap.writers.dot import NODE_DEFAULTS, ROLE_FONTS, to_dot
from argmap.writers.graphviz import run_dot

CLAIM_PX = 14.0  # claim text at 1280 × 720
SMALL_PX = 10.0  # the smallest text: ids, kinds, stub captions
STUB_WRAP = 18
# How a slide's diagram may be drawn, tried in turn: (characters a line in a claim's box, rows for a
# fan of leaf reasons). Render's narrow boxes first; wider, flatter ones when a slide runs out of height.
SHAPES: tuple[tuple[int, int], ...] = ((24, 2), (32, 2), (32, 1), (24, 1))
# Graphviz writes a POINT-SIZE as a whole number of points (8.5 comes out 8); slides draw the
# kind header in the caption's size, so the smallest text is the ids' and captions'.
_SIZES = [math.floor(float(f["size"])) for role, f in ROLE_FONTS.items() if "size" in f and role != "kind"]
MIN_SCALE = max(CLAIM_PX / float(NODE_DEFAULTS["fontsize"]), SMALL_PX / min(_SIZES))

STUB: dict[str, str] = {
    "shape": "box",
    "style": "rounded,dashed",
    "color": "#777777",
    "fontcolor": "#333333",
    "penwidth": "1.2",
    "margin": "0.08,0.04",
}
SECTION_BOX: dict[str, str] = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#F4F4F4",
    "color": "#9A9A9A",
    "penwidth": "1.5",
    "margin": "0.2,0.1",
}
OVERVIEW_SPACING = {"nodesep": "0.6", "ranksep": "0.7"}  # room for the relations' labels between boxes
KIND_PLURALS = {kind.name: kind.plural for kind in KINDS}
VERBS = {relation.name: relation.field for relation in RELATIONS}  # "supports ×3" between groups

Draw = Callable[[str], bytes]  # DOT source -> SVG


@dataclass(frozen=True)
class Slide:
    name: str  # for a file per slide: "01-title", "02-overview", "03-ties"…
    svg: bytes


def deck(resolved: ResolvedMap, timeout: float = 30.0) -> list[Slide]:
    """Every slide, in order: title, overview, then each section's (Graphviz draws each diagram)."""

    def draw(source: str) -> bytes:
        return run_dot(source, "svg", timeout)

    full = build_graph(resolved, GraphOptions(legend=False, title=False))
    parts = sections(resolved)
    footer = _footer(resolved)
    pages: list[tuple[str, bytes]] = []
    overview = _overview_graph(resolved, full, parts)
    overview_svg = slide_page.diagram(draw(to_dot(overview, spacing=OVERVIEW_SPACING)))
    if slide_page.fit_scale(overview_svg) < MIN_SCALE:  # many groups: the usual spacing
        overview_svg = slide_page.diagram(draw(to_dot(overview)))
    pages.append(
        (
            "overview",
            slide_page.slide_page(
                "overview",
                "Overview",
                _overview_subtitle(resolved, parts),
                overview_svg,
                footer,
                "{n}",
                _legend(overview),
            ),
        )
    )
    for section in parts:
        chunks = _chunks(resolved, full, section, parts, draw)
        for index, (graph, drawn) in enumerate(chunks, 1):
            subtitle = (
                f"{len(section.claims)} claims"
                if len(chunks) == 1
                else f"continued ({index} of {len(chunks)})"
                if index > 1
                else f"{len(section.claims)} claims (1 of {len(chunks)})"
            )
            name = section.id if len(chunks) == 1 else f"{section.id}-{index}"
            pages.append(
                (name, slide_page.slide_page("section", section.label, subtitle, drawn, footer, "{n}", _legend(graph)))
            )
    total = len(pages) + 1
    slides = [Slide("01-title", _title_slide(resolved, full, parts))]
    for number, (name, svg) in enumerate(pages, 2):
        slides.append(Slide(f"{number:02d}-{_file_part(name)}", svg.replace(b"{n}", f"{number} / {total}".encode())))
    return slides


def _file_part(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:60]


def _footer(resolved: ResolvedMap) -> str:
    model = resolved.model
    source = model.sources[0] if model.sources else None
    parts = [p for p in (source.title if source else None, source.author if source else None) if p]
    return " · ".join(parts) if parts else (model.title or resolved.file)


def _title_slide(resolved: ResolvedMap, full: Graph, parts: list[Section]) -> bytes:
    model = resolved.model
    source = model.sources[0] if model.sources else None
    title = model.title or (source.title if source and source.title else resolved.file)
    bylines: list[tuple[str, float]] = []
    if source is not None:
        if source.title and source.title != title:
            bylines.append((f"“{source.title}”", 28))
        if source.author:
            bylines.append((f"by {source.author}", 24))
        if source.role:
            bylines.append((source.role, 16))
        extra = ", ".join(x for x in (source.publisher, source.section, source.date) if x)
        if extra:
            bylines.append((extra, 18))
    thesis = thesis_of(resolved)
    thesis_text = resolved.claims[thesis].text if thesis else None
    relations = sum(1 for e in full.edges if "co-premise" not in e.classes)
    summary = f"{len(resolved.claims)} claims · {len(parts)} sections · {relations} relations"
    return slide_page.title_page(title, bylines, thesis_text, summary)


# --- the overview ---------------------------------------------------------------------------


def _overview_subtitle(resolved: ResolvedMap, parts: list[Section]) -> str:
    return "by group" if resolved.model.groups else "by the thesis's reasons"


def _overview_graph(resolved: ResolvedMap, full: Graph, parts: list[Section]) -> Graph:
    thesis = thesis_of(resolved)
    nodes: list[Node] = []
    thesis_node = full.node(thesis) if thesis else None
    if thesis_node is not None:
        nodes.append(_widened(thesis_node, SHAPES[0][0]))
    home = {claim: section.id for section in parts for claim in section.claims}
    for section in parts:
        kinds = Counter(resolved.claims[c].kind for c in section.claims)
        kind_text = " · ".join(f"{n} {KIND_PLURALS[k] if n > 1 else k}" for k, n in kinds.items())
        size = f"{len(section.claims)} claim{'s' if len(section.claims) != 1 else ''}"
        lines: tuple[Line, ...] = (
            (Run(section.label, "subtitle"),),
            (Run(size, "text"),),
            (Run(kind_text, "caption"),),
        )
        nodes.append(
            Node(
                f"_section_{section.id}",
                "section",
                lines,
                f"{section.label}: {size}; {kind_text}",
                SECTION_BOX,
                ("section",),
            )
        )
    between: Counter[tuple[str, str, LinkType]] = Counter()
    for link in resolved.links:
        for source in link.sources:
            for target in targets(resolved, link):
                tail = home.get(source)
                head = "thesis" if target == thesis else home.get(target)
                if tail is not None and head is not None and tail != head:
                    between[(tail, head, link.type)] += 1
    edges: list[Edge] = []
    for (tail, head, kind), count in between.items():
        head_node = thesis if head == "thesis" and thesis else f"_section_{head}"
        label = f"{VERBS[kind]} ×{count}" if count > 1 else VERBS[kind]
        style = {**EDGE_STYLES[kind], "label": label, "fontsize": "12", "fontname": "Helvetica,Arial,sans-serif"}
        edges.append(
            Edge(
                f"{kind}-{len(edges) + 1}",
                f"_section_{tail}",
                head_node,
                kind,
                f"{label}",
                style,
                (kind,),
            )
        )
    return Graph(title=(), nodes=tuple(nodes), edges=tuple(edges), clusters=(), thesis=thesis if thesis_node else None)


# --- a section's slides -----------------------------------------------------------------------


def _chunks(
    resolved: ResolvedMap, full: Graph, section: Section, parts: list[Section], draw: Draw
) -> list[tuple[Graph, slide_page.Diagram]]:
    """The section's diagram, or its claims over slides that are each legible.

    Slides take whole blocks (a claim with the reasons under it) while they fit; a block too big
    for a slide of its own is cut in reading order, together with what is already on the slide
    being filled."""
    labels = {claim: s.label for s in parts for claim in s.claims}

    def attempt(claims: list[str]) -> tuple[Graph, slide_page.Diagram] | None:
        tries = []
        for width, stagger in SHAPES:  # the first shape that is legible, else the largest
            graph = section_graph(full, set(claims), labels, width)
            drawn = slide_page.diagram(draw(to_dot(graph, stagger=stagger)))
            if slide_page.fit_scale(drawn) >= MIN_SCALE:
                return graph, drawn
            tries.append((slide_page.fit_scale(drawn), graph, drawn))
        if len(claims) > 1:
            return None
        _, graph, drawn = max(tries, key=lambda t: t[0])
        return graph, drawn

    chunks: list[Fitted] = []
    pending: Fitted | None = None  # the slide being filled
    for block in reading_blocks(resolved, section.claims):
        claims = (pending[0] if pending else []) + block
        tried = attempt(claims)
        if tried is not None:
            pending = (claims, *tried)
            continue
        alone = attempt(block) if pending else None
        if alone is not None and pending is not None:
            chunks.append(pending)
            pending = (block, *alone)
            continue
        # too big even alone: cut the pending claims and this block by claims; the last piece
        # stays open for the next block
        *done, pending = _cut(claims, attempt)
        chunks += done
    if pending is not None:
        chunks.append(pending)
    return [(graph, drawn) for _, graph, drawn in chunks]


Fitted = tuple[list[str], Graph, slide_page.Diagram]


def _cut(claims: list[str], attempt: Callable[[list[str]], tuple[Graph, slide_page.Diagram] | None]) -> list[Fitted]:
    """The claims in reading order over slides, each taking the longest run that fits (a binary
    search; a single claim is always accepted, whatever its size)."""
    chunks: list[Fitted] = []
    start = 0
    while start < len(claims):
        low, high = 1, len(claims) - start  # `low` claims fit; find the most that do
        best = attempt(claims[start : start + 1])
        while low < high:
            middle = (low + high + 1) // 2
            tried = attempt(claims[start : start + middle])
            if tried is not None:
                best, low = tried, middle
            else:
                high = middle - 1
        if best is not None:
            chunks.append((claims[start : start + low], *best))
        start += low
    return chunks


def section_graph(full: Graph, shown: set[str], labels: dict[str, str], width: int = 24) -> Graph:
    """The claims in `shown`, every relation touching them, and the claims at their other end as stubs."""
    by_id = {n.id: n for n in full.nodes}
    junction_edges: dict[str, list[Edge]] = {}
    for edge in full.edges:
        for end in (edge.tail, edge.head):
            if by_id.get(end) is not None and by_id[end].kind == "junction":
                junction_edges.setdefault(end, []).append(edge)
    junctions = {j for j, edges in junction_edges.items() if any(e.tail in shown or e.head in shown for e in edges)}
    edges = [e for e in full.edges if e.tail in shown or e.head in shown or e.tail in junctions or e.head in junctions]
    wanted = list(dict.fromkeys(end for e in edges for end in (e.tail, e.head)))
    nodes: list[Node] = [_widened(n, width) for n in full.nodes if n.id in shown]
    for node_id in wanted:
        node = by_id.get(node_id)
        if node is None or node_id in shown:
            continue
        if node.kind == "junction":
            nodes.append(replace(node, group=None))
        elif node.claim is not None:
            nodes.append(_stub(node, labels.get(node.claim)))
    for node_id in shown:  # a claim with no relations at all is still drawn
        if node_id not in {n.id for n in nodes} and node_id in by_id:
            nodes.append(_widened(by_id[node_id], width))
    thesis = full.thesis if full.thesis in {n.id for n in nodes} else None
    return Graph(title=(), nodes=tuple(nodes), edges=tuple(edges), clusters=(), thesis=thesis)


def _widened(node: Node, width: int) -> Node:
    """A claim's box rewrapped wider: a slide has more room across than down."""
    if node.kind == "thesis":  # already wide; only its header grows to the caption's size
        return replace(node, group=None, lines=tuple(_readable(line) for line in node.lines))
    lines: list[Line] = []
    paragraph: list[str] = []
    role: Role | None = None

    def flush() -> None:
        if paragraph and role is not None:
            lines.extend((Run(piece, role),) for piece in wrap(" ".join(paragraph), width))
        paragraph.clear()

    for line in node.lines:
        if len(line) == 1 and line[0].role in ("text", "quote", "voice") and line[0].role == role:
            paragraph.append(line[0].text)
            continue
        flush()
        if len(line) == 1 and line[0].role in ("text", "quote", "voice"):
            role = line[0].role
            paragraph.append(line[0].text)
        else:
            role = None
            lines.append(_readable(line))
    flush()
    return replace(node, group=None, lines=tuple(lines))


def _readable(line: Line) -> Line:
    """A line with its kind header in the caption's size (Graphviz draws the kind's 8.5 pt as 8)."""
    return tuple(Run(r.text, "caption") if r.role == "kind" else r for r in line)


def _stub(node: Node, group: str | None) -> Node:
    lines: list[Line] = [(Run(node.id, "id"), Run(node.kind, "caption"))]
    if node.kind != "thesis":
        where = f"in {group}" if group else "outside the groups"
        lines += [(Run(piece, "caption"),) for piece in wrap(where, STUB_WRAP)]
    return Node(node.id, "stub", tuple(lines), node.tooltip, STUB, ("stub", node.kind), claim=node.claim)


def _legend(graph: Graph) -> Sequence[str]:
    kinds = [n.kind for n in graph.nodes if n.kind in NODE_STYLES]
    marks = [c for n in graph.nodes for c in n.classes if c in ("implicit", "added") and n.kind != "stub"]
    links = [e.type for e in graph.edges]
    return list(dict.fromkeys([*[k for k in NODE_STYLES if k in kinds], *marks, *links]))
