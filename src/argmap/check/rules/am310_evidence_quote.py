"""AM310 evidence-quote: a piece of evidence has no quote.

Evidence is what a text offers: figures, events, documents, quotations. It is
always quoted — from the article, or (for a student's outside evidence) from a
source saved under ``seeds/``. An unstated assumption is an implicit *premise*.

Failing::

      - {id: E1, kind: evidence, basis: statistic, text: Trade hit $123bn., supports: P2}

Passing::

      - id: E1
        kind: evidence
        basis: statistic
        text: Trade hit $123bn.
        quote: Two-way trade volume reached $123 billion
        supports: P2
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM310"
NAME = "evidence-quote"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for cid, claim in resolved.claims.items():
        if claim.kind == "evidence" and not claim.quotes:
            hint = (
                "an unstated assumption is a premise: `kind: premise` with `implicit: true`"
                if claim.implicit
                else "add `quote:` with the exact words of the source that give this evidence"
            )
            yield resolved.problem(
                (*resolved.claim_paths[cid], "id"), CODE, f"evidence `{cid}` has no quote", hint, SEVERITY
            )
