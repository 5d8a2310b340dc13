"""AM312 unanchored-claim: a claim has no quote and is neither implicit nor added.

Every claim the map attributes to the article must show where the article says
it. Mark an assumption the author never states ``implicit: true``; mark your own
counterargument ``added_by: …``. (Evidence without a quote is AM310.)

Failing::

      - {id: P4, kind: premise, text: Russia feels encircled., supports: T1}

Passing::

      - {id: P4, kind: premise, text: Russia feels encircled., implicit: true, supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM312"
NAME = "unanchored-claim"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.quotes or claim.implicit or claim.added_by is not None or claim.kind == "evidence":
            continue
        yield resolved.problem(
            (*resolved.claim_paths[cid], "id"),
            CODE,
            f"{claim.kind} `{cid}` has no quote",
            "add `quote:` with the author's exact words; or mark it `implicit: true` if the author "
            "never says it, or `added_by: …` if it is your own point",
            SEVERITY,
        )
