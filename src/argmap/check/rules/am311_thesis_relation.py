"""AM311 thesis-relation: the thesis supports, attacks or undercuts something.

The thesis is where the argument ends: every other claim leads to it, and it
leads nowhere. A thesis that supports another claim is really a premise.

Failing::

      - {id: T1, kind: thesis, text: ..., quote: ..., supports: P1}

Passing::

      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import outgoing
from argmap.format.problems import Problem, Severity

CODE = "AM311"
NAME = "thesis-relation"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.kind != "thesis":
            continue
        for link in outgoing(resolved, cid):
            yield resolved.problem(
                link.path,
                CODE,
                f"the thesis `{cid}` {link.type}s `{link.target}`",
                "the thesis leads nowhere: turn the relation round "
                f"(`{link.target}` supports `{cid}`), or make `{cid}` a premise",
                SEVERITY,
            )
