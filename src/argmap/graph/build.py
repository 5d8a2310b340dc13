"""Stage 4, graph: a resolved map as nodes, edges and groups, ready for a writer.

`build_graph(resolved, options)` turns a `ResolvedMap` into a `Graph`: one node per
claim (plus small *junction* nodes where several claims support together, or where
an undercut hits a link), one edge per support/example/attack/undercut, one cluster per
group. Selection for slides (``--focus``, ``--group``, ``--hide``) is applied here,
so every writer draws the same thing.

The graph knows nothing about DOT syntax: labels are lines of styled runs, and the
look of each kind of node and edge is data in the tables below (one dict per kind,
in Graphviz's attribute vocabulary, which `argmap.writers.dot` writes out). Text is made
printable here, once; each writer escapes it for its own format.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from argmap.anchor.resolve import Link, LinkType, ResolvedMap, ResolvedQuote
from argmap.check.sides import ClaimSide, sides
from argmap.format.model import CLAIM_KINDS, Claim
from argmap.graph.style import ADDED, EDGE_STYLES, FEED, IMPLICIT, JUNCTION, NODE_STYLES, OPPONENT_REASON, REASON_KINDS
from argmap.graph.text import clean, fit, shorten, wrap

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


class SelectionError(ValueError):
    """A --focus, --group or --hide names something the map does not have; the message says what it has."""


# --- building ----------------------------------------------------------------------------------


def build_graph(resolved: ResolvedMap, options: GraphOptions = GraphOptions()) -> Graph:
    claims = resolved.claims
    _check_selection(resolved, options)
    # A link naming an unknown claim (AM301) is drawn from the claims it does name.
    links = [link for link in resolved.links if any(s in claims for s in link.sources)]
    visible = _select(resolved, links, options)
    side = sides(resolved)
    nodes: list[Node] = [_claim_node(resolved, claims[c], side[c], options.labels) for c in claims if c in visible]
    edges, junctions = _edges(resolved, links, visible)
    nodes.extend(junctions)
    clusters = _clusters(resolved, nodes)
    thesis = next((c.id for c in claims.values() if c.kind == "thesis" and c.id in visible), None)
    legend: tuple[str, ...] = ()
    if options.legend and nodes:
        legend = _legend_items(resolved, visible, side, edges)
    return Graph(
        title=_title(resolved) if options.title else (),
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=clusters,
        direction=options.direction,
        legend=legend,
        thesis=thesis,
    )


def _check_selection(resolved: ResolvedMap, options: GraphOptions) -> None:
    claims = resolved.claims
    for claim_id in options.focus:
        if claim_id not in claims:
            raise SelectionError(
                f"--focus: the map has no claim `{claim_id}`{_did_you_mean(claim_id, claims)}; "
                f"its claims are {_listing(claims)}"
            )
    groups = resolved.model.groups
    labels = {group.label.casefold(): gid for gid, group in groups.items()}
    for group in options.groups:
        if group not in groups:
            hint = (
                f" (`{labels[group.casefold()]}` is the id of the group labelled so)"
                if group.casefold() in labels
                else _did_you_mean(group, groups)
            )
            raise SelectionError(f"--group: the map has no group `{group}`{hint}; its groups are {_listing(groups)}")
    for kind in options.hide:
        if kind not in HIDEABLE:
            raise SelectionError(f"--hide: `{kind}` is not a kind; use one of {_listing(HIDEABLE)}")
    if options.labels not in LABEL_MODES:
        raise SelectionError(f"--labels: `{options.labels}` is not one of {_listing(LABEL_MODES)}")
    if options.direction not in DIRECTIONS:
        raise SelectionError(f"--direction: `{options.direction}` is not one of {_listing(DIRECTIONS)}")
    if options.depth < 0:
        raise SelectionError("--depth: must be 0 or more")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = [k for k in known if k.casefold() == name.casefold()]  # a case slip first: it is what was meant
    if not close:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _listing(names: Iterable[str], limit: int = 40) -> str:
    names = list(names)
    shown = ", ".join(names[:limit]) + (f" … ({len(names)} in all)" if len(names) > limit else "")
    return shown or "(none)"


def _members(resolved: ResolvedMap, link: Link) -> set[str]:
    """The claims a link joins: its sources and target; for an undercut, those of the link it hits too."""
    found = set(link.sources)
    if link.type == "undercut":
        hit = resolved.link_by_name(link.target)
        if hit is not None:
            found |= set(hit.sources) | {hit.target}
    else:
        found.add(link.target)
    return found & set(resolved.claims)


def _select(resolved: ResolvedMap, links: list[Link], options: GraphOptions) -> set[str]:
    """The claims to draw: all, or the focus neighbourhood and/or the groups with their way to the thesis."""
    claims = resolved.claims
    if options.focus or options.groups:
        chosen: set[str] = set()
        if options.focus:
            chosen |= _neighbourhood(resolved, links, options.focus, options.depth)
        if options.groups:
            chosen |= _groups_to_thesis(resolved, links, options.groups)
        chosen = _complete_linked(resolved, links, chosen)
        if options.groups:
            chosen = _complete_linked(resolved, links, chosen | _answering_additions(resolved, links, chosen))
    else:
        chosen = set(claims)
    hidden = set(options.hide)
    return {c for c in chosen if not _hidden(resolved, c, hidden)}


def _hidden(resolved: ResolvedMap, claim_id: str, hidden: set[str]) -> bool:
    claim = resolved.claims[claim_id]
    return (
        claim.kind in hidden
        or ("implicit" in hidden and claim.implicit)
        or ("added" in hidden and claim.added_by is not None)
    )


def _neighbourhood(resolved: ResolvedMap, links: list[Link], focus: tuple[str, ...], depth: int) -> set[str]:
    """Claims at most `depth` links from a focus claim (a link joins all its members at distance 1)."""
    around: dict[str, set[str]] = {}
    for link in links:
        members = _members(resolved, link)
        for member in members:
            around.setdefault(member, set()).update(members - {member})
    reached = set(focus)
    frontier = set(focus)
    for _ in range(depth):
        frontier = {n for c in frontier for n in around.get(c, ())} - reached
        reached |= frontier
    return reached


def _groups_to_thesis(resolved: ResolvedMap, links: list[Link], groups: tuple[str, ...]) -> set[str]:
    """The groups' claims, plus every claim they lead to (following supports/attacks) up to the thesis."""
    claims = resolved.claims
    chosen = {c for c, claim in claims.items() if claim.group in groups}
    onward: dict[str, set[str]] = {}
    for link in links:
        if link.type == "undercut":
            hit = resolved.link_by_name(link.target)
            ahead = (set(hit.sources) | {hit.target}) if hit is not None else set()
        else:
            ahead = {link.target}
        for source in link.sources:
            onward.setdefault(source, set()).update(ahead & set(claims))
    frontier = set(chosen)
    while frontier:
        frontier = {n for c in frontier for n in onward.get(c, ())} - chosen
        chosen |= frontier
    return chosen


def _answering_additions(resolved: ResolvedMap, links: list[Link], chosen: set[str]) -> set[str]:
    """A student's added claims that argue with a chosen claim, and the added claims that argue with
    those (their evidence, their replies): a group view shows what the overlay says to the group."""
    onward: dict[str, set[str]] = {}
    for link in links:
        for source in link.sources:
            onward.setdefault(source, set()).update(_members(resolved, link) - set(link.sources))
    added = {c for c, claim in resolved.claims.items() if claim.added_by is not None and c not in chosen}
    found: set[str] = set()
    changed = True
    while changed:
        reached = {c for c in added - found if onward.get(c, set()) & (chosen | found)}
        changed = bool(reached)
        found |= reached
    return found


def _complete_linked(resolved: ResolvedMap, links: list[Link], chosen: set[str]) -> set[str]:
    """Linked co-premises stay together: a drawn linked relation brings all its premises."""
    chosen = set(chosen)
    claims = resolved.claims
    changed = True
    while changed:
        changed = False
        for link in links:
            if (
                link.type != "undercut"
                and len(link.sources) > 1
                and link.target in chosen
                and any(s in chosen for s in link.sources)
                and not (set(link.sources) & claims.keys()) <= chosen
            ):
                chosen |= set(link.sources) & claims.keys()
                changed = True
    return chosen


def _edges(resolved: ResolvedMap, links: list[Link], visible: set[str]) -> tuple[list[Edge], list[Node]]:
    """Every drawn link as arrows. A link that is linked (several sources) or undercut gets a
    junction: its sources meet there, and an undercut of it lands there — an undercut's own
    junction too, so an undercut of an undercut lands on the undercut it denies."""
    claims = resolved.claims
    drawn = _drawn(resolved, {id(link) for link in links}, visible)
    needs_junction = {i for i in drawn if len(resolved.links[i].sources) > 1}
    needs_junction |= {hit for hit in drawn.values() if hit is not None}

    edges: list[Edge] = []
    junctions: list[Node] = []
    counter = dict.fromkeys(EDGE_STYLES, 0)

    def edge(
        link: int,
        tail: str,
        head: str,
        tooltip: str,
        extra: Mapping[str, str] = {},
        classes: tuple[str, ...] = (),
    ) -> None:
        type_ = resolved.links[link].type
        counter[type_] += 1
        edges.append(
            Edge(
                f"{type_}-{counter[type_]}",
                tail,
                head,
                type_,
                fit(clean(tooltip), TOOLTIP_MAX),
                {**EDGE_STYLES[type_], **extra},
                (type_, *classes),
                link=link,
            )
        )

    for index, hit in drawn.items():
        link = resolved.links[index]
        shown = [s for s in link.sources if s in visible and s in claims]
        head = f"_j{hit + 1}" if hit is not None else link.target
        tooltip = _link_tooltip(resolved, link)
        linked = len(link.sources) > 1
        if index in needs_junction:
            junction = f"_j{index + 1}"
            junctions.append(
                Node(
                    junction,
                    "junction",
                    (),
                    fit(clean(tooltip), TOOLTIP_MAX),
                    JUNCTION,
                    ("junction", link.type),
                    group=_group_of(resolved, link.target),
                    link=index,
                )
            )
            for source in shown:
                edge(index, source, junction, tooltip, FEED, ("co-premise",) if linked else ())
            edge(index, junction, head, tooltip, {}, ("linked",) if linked else ())
        else:
            for source in shown:
                edge(index, source, head, tooltip)
    return edges, junctions


def _drawn(resolved: ResolvedMap, usable: set[int], visible: set[str]) -> dict[int, int | None]:
    """The links to draw, by index, each with the index of the link it undercuts (None if none).

    A support, example or attack is drawn between visible claims; an undercut when one of its
    sources is visible and the link it denies is drawn. Chains of undercuts are followed
    without recursion (a map may nest them deeply); a circle of them (AM319) is not drawn."""
    index_of = {id(link): index for index, link in enumerate(resolved.links)}
    decided: dict[int, bool] = {}
    hits: dict[int, int] = {}
    for start in range(len(resolved.links)):
        chain: list[int] = []
        on_chain: set[int] = set()
        here = start
        while here not in decided and here not in on_chain:
            chain.append(here)
            on_chain.add(here)
            link = resolved.links[here]
            hit = resolved.link_by_name(link.target) if link.type == "undercut" else None
            if hit is None:
                break
            hits[here] = index_of[id(hit)]
            here = hits[here]
        for index in reversed(chain):
            link = resolved.links[index]
            ok = id(link) in usable and any(s in visible for s in link.sources)
            if link.type == "undercut":
                ok = ok and index in hits and decided.get(hits[index], False)
            else:
                ok = ok and link.target in visible
            decided[index] = ok
    return {index: hits.get(index) for index in range(len(resolved.links)) if decided[index]}


def _link_tooltip(resolved: ResolvedMap, link: Link) -> str:
    sources = " + ".join(link.sources)
    named = f" ({link.id})" if link.id else ""
    together = " together" if len(link.sources) > 1 else ""
    if link.type == "undercut":
        text = (
            f"{sources}{together} undercut{'' if together else 's'} the link {link.target}{named}: "
            "it denies that the reason bears on the claim"
        )
    else:
        verb = {
            "support": "support" if together else "supports",
            "example": "are examples of" if together else "is an example of",
            "attack": "attack" if together else "attacks",
        }[link.type]
        text = f"{sources}{together} {verb} {link.target}{named}"
    note = _relation_note(resolved, link)
    return f"{text}\n{note}" if note else text


def _relation_note(resolved: ResolvedMap, link: Link) -> str | None:
    if link.written_on_claim:
        return None
    index = link.path[1] if len(link.path) > 1 else None
    relations = resolved.model.relations
    if isinstance(index, int) and 0 <= index < len(relations):
        return relations[index].note
    return None


def _group_of(resolved: ResolvedMap, claim_id: str) -> str | None:
    """The cluster a claim is drawn in; the thesis stands above all groups, on its own."""
    claim = resolved.claims.get(claim_id)
    if claim is None or claim.kind == "thesis" or claim.group not in resolved.model.groups:
        return None
    return claim.group


def _clusters(resolved: ResolvedMap, nodes: list[Node]) -> tuple[Cluster, ...]:
    clusters = []
    for group_id, group in resolved.model.groups.items():
        members = tuple(n.id for n in nodes if n.group == group_id)
        if members:
            tooltip = f"{group.label} ({group_id})" + (f"\n{group.note}" if group.note else "")
            label = fit(clean(group.label), GROUP_LABEL_MAX)
            clusters.append(Cluster(group_id, label, fit(clean(tooltip), TOOLTIP_MAX), members))
    return tuple(clusters)


# --- claims as nodes ---------------------------------------------------------------------------


def _claim_node(resolved: ResolvedMap, claim: Claim, side: ClaimSide, mode: LabelMode) -> Node:
    attrs = dict(NODE_STYLES[claim.kind])
    classes = ["claim", claim.kind, side]
    if side == "opponent" and claim.kind in REASON_KINDS:
        attrs.update(OPPONENT_REASON)
    if claim.implicit:
        attrs.update(IMPLICIT)
        classes.append("implicit")
    if claim.added_by is not None:
        attrs.update(ADDED)
        classes.append("added")
    if claim.voice is not None:
        classes.append("voiced")
    lines = _claim_lines(claim, side, [q.quote.exact for q in resolved.quotes.get(claim.id, [])], mode)
    return Node(
        claim.id,
        claim.kind,
        lines,
        _claim_tooltip(resolved, claim.id, side),
        attrs,
        tuple(classes),
        claim=claim.id,
        group=_group_of(resolved, claim.id),
    )


def _kind_header(claim: Claim, side: ClaimSide) -> str:
    """`ADDED OBJECTION`, `OPPONENT'S PREMISE`, `EVIDENCE · STATISTIC`, `CONCESSION · GRANTED`."""
    kind = ("added " if claim.added_by is not None else "") + ("implicit " if claim.implicit else "") + claim.kind
    if side == "opponent" and claim.kind in REASON_KINDS:
        kind = f"opponent's {kind}"
    if claim.basis is not None:
        kind += f" · {claim.basis}"
    if claim.kind == "concession":
        kind += " · granted"
    return kind.upper()


def _claim_lines(claim: Claim, side: ClaimSide, quotes: list[str], mode: LabelMode) -> tuple[Line, ...]:
    """Header (id, side, kind, basis), then voice, paraphrase and/or shortened quotes, then "added by"."""
    width = WRAP_THESIS if claim.kind == "thesis" else WRAP

    def block(text: str, role: Role) -> list[Line]:
        return [(Run(piece, role),) for piece in wrap(clean(text), width)]

    lines: list[Line] = [(Run(claim.id, "id"), Run(_kind_header(claim, side), "kind"))]
    if mode == "id":
        return tuple(lines)
    if claim.voice is not None:
        lines += block(f"voice: {claim.voice}", "voice")
    if mode in ("text", "both") or not quotes:
        lines += block(claim.text, "text")
    if mode in ("quote", "both"):
        limit = QUOTE_SHORT_EVIDENCE if mode == "both" and claim.kind == "evidence" else QUOTE_SHORT
        for exact in quotes:
            lines += block(shorten(f"“{exact}”", limit), "quote")
    if claim.added_by is not None:
        lines += block(f"added by {claim.added_by}", "added")
    if len(lines) > BOX_LINES:  # the tooltip holds the rest
        lines = [*lines[: BOX_LINES - 1], (Run("…", "text"),)]
    return tuple(lines)


def _claim_tooltip(resolved: ResolvedMap, claim_id: str, side: ClaimSide) -> str:
    claim = resolved.claims[claim_id]
    kind = ("implicit " if claim.implicit else "") + claim.kind + (f" ({claim.basis})" if claim.basis else "")
    owner = {"author": "the author's", "opponent": "the opponent's", "student": "a student's"}[side]
    granted = ", granted by the author" if claim.kind == "concession" else ""
    parts = [f"{claim.id} · {kind} · {owner}{granted}", claim.text]
    if claim.voice is not None:
        parts.append(f"voice: {claim.voice}")
    if claim.added_by is not None:
        parts.append(f"added by {claim.added_by} (not in the source)")
    for entry in resolved.quotes.get(claim_id, []):
        parts.append(f"“{entry.quote.exact}” — {quote_place(resolved, entry)}")
    if claim.note:
        parts.append(f"note: {claim.note}")
    return fit(clean("\n".join(parts)), TOOLTIP_MAX)


def quote_place(resolved: ResolvedMap, entry: ResolvedQuote) -> str:
    """Where a quote is in its source: `source line:col`, or why it has no place."""
    loaded = resolved.sources.get(entry.source_id)
    span = entry.match.span if entry.match is not None else None
    if span is None or loaded is None or loaded.text is None:
        status = entry.match.status.replace("_", " ") if entry.match is not None else "source unavailable"
        return f"{entry.source_id}: {status}"
    line, column = loaded.text.line_col(span.start)
    return f"{entry.source_id} {line}:{column}"


def _title(resolved: ResolvedMap) -> tuple[Line, ...]:
    model = resolved.model
    lines: list[Line] = []
    if model.title:
        lines += [(Run(t, "title"),) for t in wrap(clean(model.title), WRAP_TITLE)]
    for source in model.sources:
        words = []
        if source.title:
            words.append(f"“{source.title}”")
        if source.author:
            words.append(f"by {source.author}")
        byline = " ".join(words)
        extra = ", ".join(x for x in (source.publisher, source.section, source.date) if x)
        if extra:
            byline = f"{byline} ({extra})" if byline else extra
        if byline:
            lines += [(Run(t, "subtitle"),) for t in wrap(clean(byline), WRAP_TITLE)]
    return tuple(lines[:TITLE_LINES])


def _legend_items(
    resolved: ResolvedMap, visible: set[str], side: dict[str, ClaimSide], edges: list[Edge]
) -> tuple[str, ...]:
    """What the legend explains: the kinds drawn (the opponent's reasons apart), the markers,
    each relation type drawn, and each type drawn linked (`linked-support`, `linked-attack` …)."""
    claims = [resolved.claims[c] for c in resolved.claims if c in visible]
    plain = [c for c in claims if not c.implicit and c.added_by is None]
    items: list[str] = []
    for kind in NODE_STYLES:
        if any(c.kind == kind and not _opponent_reason(c, side) for c in plain):
            items.append(kind)
        if kind in REASON_KINDS and any(c.kind == kind and _opponent_reason(c, side) for c in plain):
            items.append(f"opponent-{kind}")
    if any(c.implicit for c in claims):
        items.append("implicit")
    if any(c.added_by is not None for c in claims):
        items.append("added")
    items += [t for t in EDGE_STYLES if any(e.type == t for e in edges)]
    items += [f"linked-{t}" for t in EDGE_STYLES if any("co-premise" in e.classes and e.type == t for e in edges)]
    return tuple(items)


def _opponent_reason(claim: Claim, side: dict[str, ClaimSide]) -> bool:
    return claim.kind in REASON_KINDS and side[claim.id] == "opponent"


__all__ = [
    "Cluster",
    "Direction",
    "Edge",
    "Graph",
    "GraphOptions",
    "LabelMode",
    "Line",
    "Node",
    "Run",
    "SelectionError",
    "build_graph",
    "quote_place",
    "wrap",
]
