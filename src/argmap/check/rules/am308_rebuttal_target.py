"""AM308 rebuttal-target: a rebuttal does not answer the other side.

A rebuttal is the author's reply to the other side: it ``attacks`` an objection
(or another claim of the opponent's), or ``undercuts`` the opponent's link —
"granted, but …" undercuts a concession's attack. A claim that argues *for*
something is a premise; one that attacks the author's own premise is an objection.

In a map with ``shape: debate`` a rebuttal need only attack something.

Failing::

      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: P1}   # P1 is the author's premise

Passing::

      - {id: O1, kind: objection, voice: NATO, text: ..., quote: ..., attacks: P1}
      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: O1}
      - {id: C1, kind: concession, text: ..., quote: ..., attacks: T1}
      - {id: R2, kind: rebuttal, text: ..., quote: ..., undercuts: C1 -> T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import attacked_claims, outgoing
from argmap.check.sides import sides
from argmap.format.problems import Problem, Severity

CODE = "AM308"
NAME = "rebuttal-target"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    claims = resolved.claims
    side = sides(resolved)
    for cid, claim in claims.items():
        if claim.kind != "rebuttal" or side[cid] == "student":
            continue
        targets = attacked_claims(resolved, cid)
        if any(side[t] != side[cid] for t in targets) or _dangling(resolved, cid):
            continue
        if targets and resolved.model.shape == "debate":
            continue  # a debate has speakers, not an author and an opponent: any answer will do
        what = (
            f"attacks only {', '.join(f'`{t}` ({claims[t].kind}, {side[t]})' for t in dict.fromkeys(targets))}"
            if targets
            else "attacks nothing"
        )
        yield resolved.problem(
            (*resolved.claim_paths[cid], "kind"),
            CODE,
            f"rebuttal `{cid}` {what}; a rebuttal answers the opponent",
            "add `attacks: ID` naming the objection it answers (or `undercuts: C -> T` for a point it grants), "
            "or change its kind (a claim against the author's premise is an objection)",
            SEVERITY,
        )


def _dangling(resolved: ResolvedMap, claim_id: str) -> bool:
    """An undercut of a link that does not exist: AM313 points there, and that is the fix."""
    return any(
        link.type == "undercut" and resolved.link_by_name(link.target) is None for link in outgoing(resolved, claim_id)
    )
