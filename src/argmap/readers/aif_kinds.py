"""AIF in: which claims are theses, and every claim's kind, from the structure alone.

AIF says what supports and what attacks what, never "thesis" or "objection", so
the kinds are read off the graph (docs/interchange.md has the rule):

* a thesis ends a chain: one per group of claims that leads nowhere else (a sink
  of the "leads to" graph). A claim that argues nothing is its own group; claims
  that only attack each other form one, whose thesis is the claim said first that
  only attacks;
* a claim that attacks (or undercuts a link from) an objection is a rebuttal; any
  other claim that attacks or undercuts is an objection — an attack on an attack is
  a rebuttal, an attack on that an objection again, nearest first;
* every other claim supports something: a premise.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.format import vocabulary


@dataclass(frozen=True)
class Rel:
    """A relation between claims as the import builds it (undercuts: `target` is an S-node)."""

    type: str  # support | attack | undercut
    sources: tuple[str, ...]
    target: str  # a claim id, or for an undercut the S-node id of the relation it denies
    node: str  # the RA/CA node id it came from
    scheme: str | None = None  # the argumentation scheme the analyst named (not AIFdb's default)


def leads_to(claims: list[str], rels: list[Rel]) -> dict[str, list[str]]:
    """Claim -> the claims its relations bear on (an undercut bears on the denied link's target)."""
    by_node = {rel.node: rel for rel in rels}
    found: dict[str, list[str]] = {cid: [] for cid in claims}
    for rel in rels:
        target = rel.target if rel.type != "undercut" else _final_target(by_node, rel.target)
        if target is None:
            continue
        for source in rel.sources:
            if target not in found[source]:
                found[source].append(target)
    return found


def _final_target(by_node: dict[str, Rel], node: str) -> str | None:
    """The claim an undercut finally bears on, through undercuts of undercuts (None in a circle)."""
    seen: set[str] = set()
    rel = by_node.get(node)
    while rel is not None and rel.type == "undercut" and rel.node not in seen:
        seen.add(rel.node)
        rel = by_node.get(rel.target)
    return rel.target if rel is not None and rel.type != "undercut" else None


def sink_groups(claims: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected groups with no way out, each in claim order (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in claims:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    order = {cid: position for position, cid in enumerate(claims)}
    sinks = []
    for group in groups:
        members = set(group)
        if all(target in members for cid in group for target in edges[cid]):
            sinks.append(sorted(group, key=order.__getitem__))
    return sorted(sinks, key=lambda group: order[group[0]])


def choose_theses(claims: list[str], rels: list[Rel], said_first: list[str]) -> list[str]:
    """One thesis per sink group: its only member, else the claim said first that only attacks."""
    edges = leads_to(claims, rels)
    supporting = {source for rel in rels if rel.type == "support" for source in rel.sources}
    rank = {cid: position for position, cid in enumerate(said_first)}
    order = {cid: position for position, cid in enumerate(claims)}
    theses = []
    for group in sink_groups(claims, edges):
        candidates = [cid for cid in group if cid not in supporting] or group
        theses.append(min(candidates, key=lambda cid: (rank.get(cid, len(rank)), order[cid])))
    return theses


def kinds(claims: list[str], rels: list[Rel], theses: list[str]) -> dict[str, str]:
    """Every claim's kind, given the theses (see the module docstring)."""
    by_node = {rel.node: rel for rel in rels}
    attacked: dict[str, list[str]] = {cid: [] for cid in claims}  # attacker -> claims it argues against
    for rel in rels:
        if rel.type == "attack":
            targets = [rel.target]
        elif rel.type == "undercut" and rel.target in by_node:
            targets = list(by_node[rel.target].sources)
        else:
            continue
        for source in rel.sources:
            attacked[source].extend(targets)
    found = {cid: "thesis" for cid in theses}
    # nearest first: walk back from the claims that attack nothing along attacks
    attackers_of: dict[str, list[str]] = {cid: [] for cid in claims}
    for attacker, targets in attacked.items():
        for target in targets:
            attackers_of[target].append(attacker)
    frontier = [cid for cid in claims if not attacked[cid] or cid in found]
    seen = set(frontier)
    while frontier:
        following = []
        for target in frontier:
            for attacker in attackers_of[target]:
                if attacker in seen:
                    continue
                seen.add(attacker)
                found[attacker] = "rebuttal" if found.get(target) == "objection" else "objection"
                following.append(attacker)
        frontier = following
    for cid in claims:
        if cid not in found:
            found[cid] = "objection" if attacked[cid] else "premise"
    return _by_sides(claims, rels, attacked, found)


def _by_sides(
    claims: list[str], rels: list[Rel], attacked: dict[str, list[str]], found: dict[str, str]
) -> dict[str, str]:
    """Attackers made to go against the other side (as argmap's AM308/AM318 ask): one that attacks the
    author's case is an objection, one that attacks the opponent's (an objection, or a reason given
    for one) a rebuttal. Repeated until nothing changes; each pass can only settle more claims."""
    supported = _first_supported(rels)
    for _ in range(len(claims) + 1):
        side = _sides(claims, supported, found)
        changed = False
        for cid in claims:
            if found[cid] not in ("objection", "rebuttal") or not attacked[cid]:
                continue
            against = {side[t] for t in attacked[cid]}
            kind = "rebuttal" if against == {"opponent"} else "objection" if "author" in against else found[cid]
            if kind != found[cid]:
                found[cid], changed = kind, True
        if not changed:
            break
    return found


def _first_supported(rels: list[Rel]) -> dict[str, str]:
    """A reason -> the first claim it supports."""
    supported: dict[str, str] = {}
    for rel in rels:
        if rel.type == "support":
            for source in rel.sources:
                supported.setdefault(source, rel.target)
    return supported


def _sides(claims: list[str], supported: dict[str, str], found: dict[str, str]) -> dict[str, str]:
    """Each claim's side: theses and rebuttals the author's, objections the opponent's, a premise
    that of the claim it supports (followed along the chain; the author's if it leads nowhere)."""
    own = {k.name: k.side for k in vocabulary.KINDS if k.side is not None}
    side: dict[str, str] = {}
    for cid in claims:
        here, seen = cid, set()
        while found.get(here) not in own and here in supported and here not in seen:
            seen.add(here)
            here = supported[here]
        side[cid] = own.get(found.get(here, ""), "author")
    return side


def sides_conflict(claims: list[str], rels: list[Rel], found: dict[str, str]) -> bool:
    """Whether no author/opponent reading fits: a claim supports the other side, or attacks its own.

    Such an analysis is a discussion among speakers rather than one author's case; it is imported
    as ``shape: debate``, where the two-sided checks (AM308, AM317, AM318) do not apply."""
    supported = _first_supported(rels)
    side = _sides(claims, supported, found)
    by_node = {rel.node: rel for rel in rels}
    for rel in rels:
        if rel.type in ("support", "attack"):
            targets = [rel.target]
        elif rel.target in by_node:
            targets = list(by_node[rel.target].sources)
        else:
            continue
        for source in rel.sources:
            for target in targets:
                if target in side and (side[source] == side[target]) != (rel.type == "support"):
                    return True
    return False
