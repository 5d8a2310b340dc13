"""AM309 objection-target: an objection attacks nothing.

An objection is a position against some claim of the argument: say which one
with ``attacks: ID`` (or ``undercuts: A -> B`` for an objection to a link).

Failing::

      - {id: O1, kind: objection, voice: NATO, text: ..., quote: ...}

Passing::

      - {id: O1, kind: objection, voice: NATO, text: ..., quote: ..., attacks: P3}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import outgoing
from argmap.format.problems import Problem, Severity

CODE = "AM309"
NAME = "objection-target"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.kind != "objection":
            continue
        if any(link.type in ("attack", "undercut") for link in outgoing(resolved, cid)):
            continue
        yield resolved.problem(
            (*resolved.claim_paths[cid], "kind"),
            CODE,
            f"objection `{cid}` attacks nothing",
            "add `attacks: ID` naming the claim it argues against",
            SEVERITY,
        )
