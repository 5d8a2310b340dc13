"""AM314 added-unattached: a claim added by a student relates to nothing.

A counterargument (``added_by:``) is added to a map to argue with it: it must
attack, support or undercut a claim of the map.

Failing::

      - {id: S1, kind: objection, added_by: a student, text: Trade is not trust.}

Passing::

      - {id: S1, kind: objection, added_by: a student, text: Trade is not trust., attacks: E3}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import outgoing
from argmap.format.problems import Problem, Severity

CODE = "AM314"
NAME = "added-unattached"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.added_by is None or outgoing(resolved, cid):
            continue
        yield resolved.problem(
            (*resolved.claim_paths[cid], "added_by"),
            CODE,
            f"`{cid}`, added by {claim.added_by}, does not attack, support or undercut any claim",
            "say which claim it argues with: `attacks: ID` (or `supports: ID`)",
            SEVERITY,
        )
