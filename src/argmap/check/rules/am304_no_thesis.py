"""AM304 no-thesis: the map has no claim of kind ``thesis``.

Every map is organised around the article's main claim: mark exactly one claim
``kind: thesis``; the other claims connect to it.

Failing::

    claims:
      - {id: P1, kind: premise, text: ..., quote: ...}

Passing::

    claims:
      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM304"
NAME = "no-thesis"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    if not any(claim.kind == "thesis" for claim in resolved.model.claims):
        yield resolved.problem(
            ("claims",), CODE, "the map has no thesis", "mark the article's main claim with `kind: thesis`", SEVERITY
        )
