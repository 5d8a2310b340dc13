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

from collections.abc import Mapping

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.check.sides import ClaimSide, sides
from argmap.format.model import Claim
from argmap.graph.elements import (
    GROUP_LABEL_MAX,
    TOOLTIP_MAX,
    Cluster,
    Edge,
    Graph,
    GraphOptions,
    Node,
)
from argmap.graph.labels import claim_node, group_of, title_lines
from argmap.graph.select import check_selection, select_claims
from argmap.graph.style import EDGE_STYLES, FEED, JUNCTION, NODE_STYLES, REASON_KINDS
from argmap.graph.text import clean, fit

# --- building ----------------------------------------------------------------------------------


def build_graph(resolved: ResolvedMap, options: GraphOptions = GraphOptions()) -> Graph:
    claims = resolved.claims
    check_selection(resolved, options)
    # A link naming an unknown claim (AM301) is drawn from the claims it does name.
    links = [link for link in resolved.links if any(s in claims for s in link.sources)]
    visible = select_claims(resolved, links, options)
    side = sides(resolved)
    nodes: list[Node] = [claim_node(resolved, claims[c], side[c], options.labels) for c in claims if c in visible]
    edges, junctions = _edges(resolved, links, visible)
    nodes.extend(junctions)
    clusters = _clusters(resolved, nodes)
    thesis = next((c.id for c in claims.values() if c.kind == "thesis" and c.id in visible), None)
    legend: tuple[str, ...] = ()
    if options.legend and nodes:
        legend = _legend_items(resolved, visible, side, edges)
    return Graph(
        title=title_lines(resolved) if options.title else (),
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=clusters,
        direction=options.direction,
        legend=legend,
        thesis=thesis,
    )


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
                    group=group_of(resolved, link.target),
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
    # A type drawn only linked has only its linked entry: the legend names the shapes the picture has.
    unlinked = {e.type for e in edges if "co-premise" not in e.classes and "linked" not in e.classes}
    items += [t for t in EDGE_STYLES if t in unlinked]
    items += [f"linked-{t}" for t in EDGE_STYLES if any("co-premise" in e.classes and e.type == t for e in edges)]
    return tuple(items)


def _opponent_reason(claim: Claim, side: dict[str, ClaimSide]) -> bool:
    return claim.kind in REASON_KINDS and side[claim.id] == "opponent"
