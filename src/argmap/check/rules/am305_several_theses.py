"""AM305 several-theses: more than one claim has kind ``thesis``.

A map has one thesis. A second main point is a premise that supports the thesis,
or the start of a map of its own. Each thesis after the first is reported.

Failing::

      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: T2, kind: thesis, text: ..., quote: ...}

Passing::

      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM305"
NAME = "several-theses"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    theses = [(i, c) for i, c in enumerate(resolved.model.claims) if c.kind == "thesis"]
    for index, claim in theses[1:]:
        first = theses[0][1].id
        yield resolved.problem(
            ("claims", index, "kind"),
            CODE,
            f"`{claim.id}` is a second thesis (`{first}` is the first)",
            f"make it a premise that supports {first}: `kind: premise` and `supports: {first}`",
            SEVERITY,
        )
