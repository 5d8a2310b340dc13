"""Whose case each claim serves: the author's, the opponent's, or a student's.

The corpus scheme of argumentation (proponent/opponent) asks this of every claim, and the
checks and the diagram need it: an opponent's reason is drawn as part of the opponent's
case, a reason must support its own side, an attack must go against the other side.

Decided in this order (docs/format.md, "Sides"):

1. ``added_by:`` -> ``student``;
2. ``side:`` as written;
3. the kind: thesis and rebuttal are the author's, objection and concession the opponent's;
4. a premise or evidence takes the side of the claim it supports or exemplifies, followed
   along the chain (first relation first); one that supports nothing is the author's.
"""

from __future__ import annotations

from typing import Literal, cast

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.format import vocabulary
from argmap.format.model import Claim

ClaimSide = Literal["author", "opponent", "student"]
SIDES: tuple[str, ...] = vocabulary.SIDES
SUPPORTING: tuple[str, ...] = vocabulary.SUPPORTING
ATTACKING: tuple[str, ...] = vocabulary.ATTACKING
# thesis and rebuttal are the author's, objection and concession the opponent's (the vocabulary says)
KIND_SIDES: dict[str, ClaimSide] = {k.name: cast("ClaimSide", k.side) for k in vocabulary.KINDS if k.side is not None}


def own_side(claim: Claim) -> ClaimSide | None:
    """The side a claim has by itself (steps 1-3), or None for a reason that takes its target's."""
    if claim.added_by is not None:
        return "student"
    if claim.side is not None:
        return claim.side
    return KIND_SIDES.get(claim.kind)


def sides(resolved: ResolvedMap) -> dict[str, ClaimSide]:
    """Every claim's side, by id."""
    supported: dict[str, str] = {}  # claim -> the first claim it supports or exemplifies
    for link in resolved.links:
        if link.type in SUPPORTING and link.target in resolved.claims:
            for source in link.sources:
                supported.setdefault(source, link.target)
    result: dict[str, ClaimSide] = {}
    for claim_id in resolved.claims:
        chain: list[str] = []
        here: str | None = claim_id
        side: ClaimSide | None = None
        while here is not None and here not in chain:
            if here in result:
                side = result[here]
                break
            side = own_side(resolved.claims[here])
            if side is not None:
                break
            chain.append(here)
            here = supported.get(here)
        for member in chain:  # everything on the way takes the side found (or the author's)
            result[member] = side or "author"
        result.setdefault(claim_id, side or "author")
    return result


def link_side(resolved: ResolvedMap, link: Link, known: dict[str, ClaimSide]) -> ClaimSide | None:
    """The side that makes a link: its source claims' side (the first named claim's)."""
    return next((known[s] for s in link.sources if s in known), None)


def shared_reasons(resolved: ResolvedMap, known: dict[str, ClaimSide]) -> set[str]:
    """Reasons with no side of their own that support claims of more than one side: both sides
    argue from them (an imported analysis often shares a premise), so neither side owns them."""
    targets: dict[str, set[ClaimSide]] = {}
    for link in resolved.links:
        if link.type in SUPPORTING and link.target in known:
            for source in link.sources:
                targets.setdefault(source, set()).add(known[link.target])
    return {
        cid
        for cid, found in targets.items()
        if len(found - {"student"}) > 1 and cid in resolved.claims and own_side(resolved.claims[cid]) is None
    }
