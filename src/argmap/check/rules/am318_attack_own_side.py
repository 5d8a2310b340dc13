"""AM318 attack-own-side: a claim attacks its own side.

An attack goes against the other side: the opponent's objections and concessions
attack the author's claims (or undercut the author's links), and the author answers
with rebuttals (AM308 checks those). An objection that attacks another objection,
or a premise of the author's that attacks the author's thesis, is on the wrong side
or has the wrong relation. A student's added claims may attack anything.

A map with ``shape: debate`` has no author and opponent: each top claim is one speaker's
position, so this rule checks articles only.

A premise or evidence that both sides argue from (it supports claims of each) belongs to
neither, so attacking it is never "its own side".

Failing::

      - {id: O1, kind: objection, text: ..., quote: ..., attacks: P1}
      - {id: O2, kind: objection, text: ..., quote: ..., attacks: O1}   # both the opponent's

Passing::

      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: O1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.check.rules._links import on_duplicate, outgoing
from argmap.check.sides import shared_reasons, sides
from argmap.format.problems import Problem, Severity

CODE = "AM318"
NAME = "attack-own-side"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    if resolved.model.shape == "debate":
        return  # sides are an article's author and opponent; a debate has speakers
    claims = resolved.claims
    side = sides(resolved)
    shared = shared_reasons(resolved, side)
    for cid, claim in claims.items():
        if claim.kind == "rebuttal" or side[cid] == "student":
            continue  # a rebuttal's target is AM308's; a student may argue with anyone
        for link in outgoing(resolved, cid):
            hit = _attacked(resolved, link)
            if on_duplicate(resolved, link) or not hit or any(side[t] != side[cid] or t in shared for t in hit):
                continue
            yield resolved.problem(
                link.path,
                CODE,
                f"`{cid}` ({claim.kind}, the {side[cid]}'s) attacks its own side: "
                + ", ".join(f"`{t}` ({claims[t].kind})" for t in hit),
                "an attack goes against the other side: if this answers an objection, make it a rebuttal; "
                "if it is a reason for the objection, write `supports:`",
                SEVERITY,
            )


def _attacked(resolved: ResolvedMap, link: Link) -> list[str]:
    """The claims an attack argues against: its target, or the sources of the link it undercuts."""
    if link.type == "attack":
        return [link.target] if link.target in resolved.claims else []
    if link.type == "undercut":
        hit = resolved.link_by_name(link.target)
        return [s for s in dict.fromkeys(hit.sources) if s in resolved.claims] if hit is not None else []
    return []
