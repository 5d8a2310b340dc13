"""Writers over the format-neutral `Graph`: DOT text, and SVG/PNG/PDF drawn by Graphviz's `dot`.

`to_dot(graph)` is pure and deterministic: the same graph gives the same bytes (no
timestamps, no versions, no paths; order follows the map). `render(graph, fmt)`
pipes that DOT through the system's `dot` program with a timeout.

Escaping. Every piece of text from a map reaches DOT through `html_text` (node,
cluster and title labels are HTML-like labels) or `tooltip_text` (tooltips are
quoted strings). Both XML-escape ``& < > "`` — so no text can close a label, a
string or an element — and both neutralise Graphviz's backslash escapes
(``\\N``, ``\\G``, ``\\n``…), which Graphviz 2.43 expands once inside HTML-like
labels and twice inside tooltips: a backslash is written 2 or 4 times so it comes
out as one. Line breaks in tooltips are written as ``&#10;``. Control characters
were already replaced by U+FFFD when the graph was built. `check_svg` parses what
`dot` produced and refuses scripts, event handlers and foreign content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.graph.elements import Cluster, Edge, Graph, Line, Node, Run
from argmap.writers.legend import legend_label

FONT = "Helvetica,Arial,sans-serif"

# Graph-wide attributes, tuned on the op-ed map for a 16:9 slide (see docs/rendering.md).
GRAPH_ATTRS: dict[str, str] = {
    "newrank": "true",
    "splines": "spline",
    "ranksep": "0.45",
    "nodesep": "0.22",
    "outputorder": "edgesfirst",
    "fontname": FONT,
    "bgcolor": "#FFFFFF",
    "pad": "0.3",
    "labelloc": "t",
    "labeljust": "c",
}
NODE_DEFAULTS: dict[str, str] = {"fontname": FONT, "fontsize": "12", "margin": "0.14,0.07"}
EDGE_DEFAULTS: dict[str, str] = {"arrowsize": "0.9"}
CLUSTER_ATTRS: dict[str, str] = {
    "style": "rounded,filled",
    "fillcolor": "#F4F4F4",
    "color": "#9A9A9A",
    "penwidth": "1.2",
    "margin": "12",
    "fontsize": "15",
}
CLUSTER_TITLE: dict[str, str] = {"shape": "plaintext", "fontsize": "15", "margin": "0.04,0.02", "height": "0.3"}
# A claim's leaf reasons (evidence with nothing below it) go on up to this many rows, two a row.
STAGGER_ROWS = 2
# The argument flows from reasons to claims; `dot` ranks edge tails first. The thesis goes on
# top (TB) by drawing bottom-to-top, and so on.
RANKDIR: dict[str, str] = {"TB": "BT", "BT": "TB", "LR": "RL"}
# Graphviz flips cluster labels with rankdir: under BT "b" is the top, under RL "r" is the left.
CLUSTER_LABELLOC: dict[str, str] = {"TB": "b", "BT": "t", "LR": "t"}
CLUSTER_LABELJUST: dict[str, str] = {"TB": "l", "BT": "l", "LR": "r"}

# How each role of label text looks (argmap.graph.elements.Run.role).
ROLE_FONTS: dict[str, dict[str, str]] = {
    "id": {"bold": "1", "size": "10"},
    "kind": {"size": "8.5"},
    "text": {},
    "struck": {"strike": "1"},  # a claim's text when evaluation puts it OUT
    "quote": {"italic": "1", "size": "11"},
    "voice": {"italic": "1", "size": "10"},
    "added": {"bold": "1", "italic": "1", "size": "10"},
    "title": {"bold": "1", "size": "22"},
    "subtitle": {"size": "14"},
    "caption": {"size": "10"},
}


# --- escaping: the only way map text enters DOT ----------------------------------------------------

_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _escape(text: str, backslashes: int) -> str:
    return text.replace("\\", "\\" * backslashes).translate(_XML)


def html_text(text: str) -> str:
    """Text for inside an HTML-like label `<...>`."""
    return _escape(" ".join(text.split()), 2)


def tooltip_text(text: str) -> str:
    """Text for inside a quoted tooltip string; keeps line breaks."""
    return _escape(text, 4).replace("\t", " ").replace("\n", "&#10;")


def _quoted(value: str) -> str:
    """A DOT quoted string for a value argmap controls (ids, colours, class names)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _attrs(attrs: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={value}" for key, value in attrs.items())


def _plain(attrs: Mapping[str, str]) -> dict[str, str]:
    return {key: _quoted(value) for key, value in attrs.items()}


# --- DOT ---------------------------------------------------------------------------------------


def _label(lines: Iterable[Line], align: str) -> str:
    """An HTML-like label: a <BR/> ends each line; runs on a line are set apart by two spaces."""
    br = "<BR/>" if align == "center" else f'<BR ALIGN="{align.upper()}"/>'
    return "<" + "".join("&#160;&#160;".join(_run(run) for run in line) + br for line in lines) + ">"


def _run(run: Run) -> str:
    piece = html_text(run.text)
    font = ROLE_FONTS[run.role]
    if font.get("bold"):
        piece = f"<B>{piece}</B>"
    if font.get("italic"):
        piece = f"<I>{piece}</I>"
    if font.get("strike"):
        piece = f"<S>{piece}</S>"
    if "size" in font:
        piece = f'<FONT POINT-SIZE="{font["size"]}">{piece}</FONT>'
    return piece


def _node(node: Node, indent: str) -> str:
    name = f"claim-{node.id}" if node.claim else f"junction-{node.id[2:]}" if node.kind == "junction" else node.id
    attrs = _plain({"id": name})
    if node.classes:
        attrs["class"] = _quoted(" ".join(node.classes))
    if node.lines:
        attrs["label"] = _label(node.lines, "center" if node.kind == "thesis" else "left")
    elif node.kind == "junction":
        attrs["label"] = '""'
    attrs["tooltip"] = f'"{tooltip_text(node.tooltip)}"'
    attrs.update(_plain(node.attrs))
    if node.lines:
        attrs["margin"] = _quoted(_margin(node.attrs))
    return f"{indent}{_quoted(node.id)} [{_attrs(attrs)}];"


def _margin(attrs: Mapping[str, str]) -> str:
    """The room between a box's text and its border, grown by the border's width: Graphviz sizes a
    box for its text only, so a thick or double border (a student's addition in `diff`) would
    cover the first and last lines."""
    x, _, y = attrs.get("margin", NODE_DEFAULTS["margin"]).partition(",")
    border = float(attrs.get("penwidth", "1")) * int(attrs.get("peripheries", "1")) + 4 * (
        int(attrs.get("peripheries", "1")) - 1
    )
    extra = max(0.0, border - 1.5) / 72  # points to inches; a thin border needs nothing more
    return f"{float(x) + extra:.3f},{float(y or x) + extra:.3f}"


def _staggered(graph: Graph, stagger: int) -> dict[int, str]:
    """Like Graphviz's `unflatten`: a claim with many leaf reasons gets them on alternate rows,
    so a fan of evidence is two rows deep instead of one row twice as wide."""
    heads = {e.head for e in graph.edges}
    leaves: dict[str, list[int]] = {}
    for index, edge in enumerate(graph.edges):
        if edge.tail not in heads and not edge.head.startswith("_j"):
            leaves.setdefault(edge.head, []).append(index)
    minlen: dict[int, str] = {}
    for indices in leaves.values():
        rows = min(stagger, (len(indices) + 1) // 2)
        if rows > 1:
            minlen.update({index: str(1 + n % rows) for n, index in enumerate(indices)})
    return minlen


@dataclass(frozen=True)
class _Stack:
    """An invisible edge that stacks groups; `minlen` 0 lets a hub share its head's rank."""

    tail: str
    head: str
    minlen: int


_STACK_DIRECT = 64  # up to this many top x bottom pairs, direct edges (a hub adds a node)


def _stacking(graph: Graph) -> list[_Stack]:
    """Invisible edges that put a group wholly below the group it argues for.

    Groups whose rank ranges overlap must sit side by side, which makes a large map very wide;
    a group whose claims only feed another group's claims is drawn under that group instead.
    Pairs that would make a cycle of groups are skipped (first come, first kept)."""
    group = {n.id: n.group for n in graph.nodes}
    below: dict[str, set[str]] = {}  # group -> groups it is drawn below

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(below.get(current, ()))
        return False

    pairs: list[tuple[str, str]] = []
    for edge in graph.edges:
        lower, upper = group.get(edge.tail), group.get(edge.head)
        if lower is None or upper is None or lower == upper or upper in below.get(lower, set()):
            continue
        if reaches(upper, lower):
            continue
        below.setdefault(lower, set()).add(upper)
        pairs.append((lower, upper))
    members: dict[str, list[str]] = {}
    for node in graph.nodes:
        if node.group is not None:
            members.setdefault(node.group, []).append(node.id)
    inside = [
        (e.tail, e.head)
        for e in graph.edges
        if group.get(e.tail) is not None and group.get(e.tail) == group.get(e.head)
    ]
    feeding = {tail for tail, _ in inside}  # claims below another of their group
    fed = {head for _, head in inside}  # claims above another of their group
    extra: list[_Stack] = []
    for lower, upper in pairs:
        tops = [n for n in members.get(lower, ()) if n not in feeding]
        bottoms = [n for n in members.get(upper, ()) if n not in fed]
        if len(tops) * len(bottoms) <= _STACK_DIRECT:
            extra += [_Stack(t, b, 1) for t in tops for b in bottoms]
            continue
        # Every top below every bottom, through one invisible point: as many edges as
        # claims, not their product (two groups of 1,500 made 2.25 million edges).
        hub = f"_stack_{len(extra)}"
        extra += [_Stack(t, hub, 1) for t in tops] + [_Stack(hub, b, 0) for b in bottoms]
    return extra


def _edge(edge: Edge, indent: str, minlen: str | None = None) -> str:
    attrs = _plain({"id": edge.id, "class": " ".join(edge.classes)})
    if minlen is not None:
        attrs["minlen"] = _quoted(minlen)
    attrs["tooltip"] = f'"{tooltip_text(edge.tooltip)}"'
    attrs.update(_plain(edge.attrs))
    return f"{indent}{_quoted(edge.tail)} -> {_quoted(edge.head)} [{_attrs(attrs)}];"


def _cluster(cluster: Cluster, nodes: Mapping[str, Node], direction: str, edges: Iterable[Edge]) -> list[str]:
    """A group's box. Its title is a node, not the cluster's label: `dot` routes edges around
    nodes but straight through labels, so a title node on its own row, on the thesis side of the
    group's claims, is never crossed by the edges that leave the group."""
    out = [f"  subgraph {_quoted('cluster_' + cluster.id)} {{"]
    attrs = _plain(CLUSTER_ATTRS)
    attrs["id"] = _quoted(f"group-{cluster.id}")
    attrs["class"] = _quoted("group")
    attrs["label"] = '""'
    attrs["tooltip"] = f'"{tooltip_text(cluster.tooltip)}"'
    out.append(f"    graph [{_attrs(attrs)}];")
    title = f"_title_{cluster.id}"
    style = _plain({**CLUSTER_TITLE, "id": f"group-title-{cluster.id}", "class": "group-title"})
    style["label"] = f"<<B>{html_text(cluster.label)}</B>>"
    style["tooltip"] = f'"{tooltip_text(cluster.tooltip)}"'
    out.append(f"    {_quoted(title)} [{_attrs(style)}];")
    out += [_node(nodes[n], "    ") for n in cluster.nodes]
    members = set(cluster.nodes)
    inside = [(e.tail, e.head) for e in edges if e.tail in members and e.head in members]
    height: dict[str, int] = {}  # how many claims of the group stand below each claim (longest chain)
    for _ in range(len(members)):
        changed = False
        for tail, head in inside:
            if height.get(head, 0) < height.get(tail, 0) + 1:
                height[head] = height.get(tail, 0) + 1
                changed = True
        if not changed:
            break
    leading = {tail for tail, _ in inside}
    tops = [n for n in cluster.nodes if n not in leading]
    highest = max((height.get(n, 0) for n in tops), default=0)
    row = [n for n in tops if height.get(n, 0) == highest]
    if row:  # the title shares the group's top row, left of its claims (an edge within a rank orders it)
        out.append("    { rank=same; " + " ".join(_quoted(n) + ";" for n in [title, *row]) + " }")
        out += [f"    {_quoted(title)} -> {_quoted(n)} [style=invis];" for n in row]
    out.append("  }")
    return out


def to_dot(graph: Graph, stagger: int = STAGGER_ROWS, spacing: Mapping[str, str] | None = None) -> str:
    """The DOT source; `stagger` rows for a fan of leaf reasons (1: all on one row, for wide slides);
    `spacing` overrides graph attributes such as nodesep (a slide's overview has room to spare)."""
    nodes = {n.id: n for n in graph.nodes}
    minlen = _staggered(graph, stagger)
    in_cluster = {n for c in graph.clusters for n in c.nodes}
    attrs = _plain({"rankdir": RANKDIR[graph.direction], **GRAPH_ATTRS, **(spacing or {})})
    if graph.title:
        attrs["label"] = _label(graph.title, "center")
    out = [
        "// argmap argument diagram: generated by `argmap render --format dot`; do not edit by hand.",
        "digraph argmap {",
        f"  graph [{_attrs(attrs)}];",
        f"  node [{_attrs(_plain(NODE_DEFAULTS))}];",
        f"  edge [{_attrs(_plain(EDGE_DEFAULTS))}];",
    ]
    if graph.legend:
        out += _legend(graph)
    for cluster in graph.clusters:
        out += _cluster(cluster, nodes, graph.direction, graph.edges)
    out += [_node(n, "  ") for n in graph.nodes if n.id not in in_cluster]
    if graph.thesis is not None:
        out.append(f"  {{ rank=max; {_quoted(graph.thesis)}; }}")
    out += [_edge(e, "  ", minlen.get(i)) for i, e in enumerate(graph.edges)]
    stacks = _stacking(graph)
    for hub in dict.fromkeys(s.tail for s in stacks if s.tail.startswith("_stack_")):
        out.append(f'  {_quoted(hub)} [shape=point, style=invis, width=0, height=0, label=""];')
    for stack in stacks:
        shared = ", minlen=0" if stack.minlen == 0 else ""
        out.append(f"  {_quoted(stack.tail)} -> {_quoted(stack.head)} [style=invis, weight=0{shared}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _legend(graph: Graph) -> list[str]:
    """One table naming the kinds and relations the drawing uses, on the lowest row."""
    label = legend_label(graph.legend)
    if not label:
        return []
    attrs = {**_plain({"shape": "plain", "id": "legend", "class": "legend", "tooltip": "Legend"}), "label": label}
    return [f'  "_legend" [{_attrs(attrs)}];', '  { rank=min; "_legend"; }']
