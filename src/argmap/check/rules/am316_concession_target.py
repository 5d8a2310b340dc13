"""AM316 concession-target: a concession limits nothing.

A concession is a point the author grants that weighs against the author's own
argument ("even though the threats diverge…"). Say which claim it limits with
``attacks: ID``, or which link with ``undercuts: A -> B``.

Failing::

      - {id: C1, kind: concession, text: Their threats differ., quote: ...}

Passing::

      - {id: C1, kind: concession, text: Their threats differ., quote: ..., attacks: P5}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import outgoing
from argmap.format.problems import Problem, Severity

CODE = "AM316"
NAME = "concession-target"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.kind != "concession":
            continue
        if any(link.type in ("attack", "undercut") for link in outgoing(resolved, cid)):
            continue
        yield resolved.problem(
            (*resolved.claim_paths[cid], "kind"),
            CODE,
            f"concession `{cid}` limits nothing",
            "add `attacks: ID` naming the claim it qualifies, or `undercuts: A -> B` for a link",
            SEVERITY,
        )
