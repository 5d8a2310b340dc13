"""AM320 granted-attacked: a rebuttal attacks a concession.

A concession is a point the author *grants*. "Granted, X — but …" answers X by
undercutting its attack (X is true, but it does not defeat the claim), not by
denying X. A rebuttal that attacks the concession itself denies it; then the point
was not granted, and it is an objection.

Failing::

      - {id: C1, kind: concession, text: ..., quote: ..., attacks: T1}
      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: C1}

Passing::

      - {id: C1, kind: concession, text: ..., quote: ..., attacks: T1}
      - {id: R1, kind: rebuttal, text: ..., quote: ..., undercuts: C1 -> T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import on_duplicate
from argmap.format.problems import Problem, Severity

CODE = "AM320"
NAME = "granted-attacked"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    claims = resolved.claims
    for link in resolved.links:
        target = claims.get(link.target)
        if link.type != "attack" or target is None or target.kind != "concession" or on_duplicate(resolved, link):
            continue
        rebuttals = [s for s in link.sources if s in claims and claims[s].kind == "rebuttal"]
        if not rebuttals or claims[rebuttals[0]].added_by is not None:
            continue
        attacks = [other for other in resolved.outgoing.get(target.id, []) if other.type == "attack"]
        granted_link = attacks[0].name if attacks else f"{target.id} -> …"
        yield resolved.problem(
            link.path,
            CODE,
            f"rebuttal `{rebuttals[0]}` attacks `{target.id}`, a point the author grants (a concession)",
            f"to answer a granted point, undercut its attack (`undercuts: {granted_link}`); "
            f"if the author denies `{target.id}`, make it an objection",
            SEVERITY,
        )
