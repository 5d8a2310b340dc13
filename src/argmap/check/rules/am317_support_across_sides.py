"""AM317 support-across-sides: a claim supports a claim of the other side.

A reason is on the side of the claim it supports: the author's premises support the
author's claims, the opponent's reasons support the opponent's. An objection or a
concession that *supports* one of the author's claims is usually a ``supports:``
written for ``attacks:``; a claim marked ``side: opponent`` that supports the thesis
is marked wrongly. A student's added claims may support either side.

A premise or evidence with no ``side:`` takes the side of what it supports; one that
supports claims of both sides is a reason both share, not a mistake.

A map with ``shape: debate`` has no author and opponent: each top claim is one speaker's
position, so this rule checks articles only.

Failing::

      - {id: O1, kind: objection, text: ..., quote: ..., attacks: P1}
      - {id: P5, kind: premise, side: opponent, text: ..., quote: ..., supports: T1}

Passing::

      - {id: P5, kind: premise, text: ..., quote: ..., supports: O1}     # the opponent's reason
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import on_duplicate, outgoing
from argmap.check.sides import ATTACKING, SUPPORTING, shared_reasons, sides
from argmap.format.problems import Problem, Severity

CODE = "AM317"
NAME = "support-across-sides"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    if resolved.model.shape == "debate":
        return  # sides are an article's author and opponent; a debate has speakers
    claims = resolved.claims
    side = sides(resolved)
    shared = shared_reasons(resolved, side)
    for link in resolved.links:
        if link.type not in SUPPORTING or link.target not in claims or side[link.target] == "student":
            continue
        if on_duplicate(resolved, link):
            continue
        for source in dict.fromkeys(link.sources):
            if source not in claims or side[source] in ("student", side[link.target]):
                continue
            if claims[source].kind in ("objection", "concession") and not _attacks(resolved, source):
                continue  # it attacks nothing: AM309/AM316 say so, and that is the fix
            if source in shared:
                continue  # a reason with no side of its own, given for both sides: a shared premise
            verb = "supports" if link.type == "support" else "is an example of"
            yield resolved.problem(
                link.path,
                CODE,
                f"`{source}` ({claims[source].kind}, the {side[source]}'s) {verb} "
                f"`{link.target}` ({claims[link.target].kind}, the {side[link.target]}'s)",
                f"a reason is on the side of the claim it supports: write `attacks: {link.target}` "
                f"if `{source}` argues against it, or correct the kind or `side:` of `{source}`",
                SEVERITY,
            )


def _attacks(resolved: ResolvedMap, claim_id: str) -> bool:
    return any(link.type in ATTACKING for link in outgoing(resolved, claim_id))
