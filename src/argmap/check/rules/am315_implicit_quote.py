"""AM315 implicit-quote: a claim marked implicit carries a quote.

``implicit: true`` means the author never says it. If the words are in the text,
the claim is explicit: drop ``implicit``. If they are not, drop the quote.

Failing::

      - {id: I1, kind: premise, implicit: true, text: ..., quote: ..., supports: T1}

Passing::

      - {id: I1, kind: premise, implicit: true, text: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM315"
NAME = "implicit-quote"
SEVERITY = Severity.WARNING


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.implicit and claim.quotes:
            yield resolved.problem(
                (*resolved.claim_paths[cid], "implicit"),
                CODE,
                f"`{cid}` is marked implicit but quotes the source",
                "remove `implicit: true` if the author says it, or remove the quote if not",
                SEVERITY,
            )
