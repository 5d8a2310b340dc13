"""AM303 self-reference: a claim supports, attacks or undercuts itself.

A claim cannot be a reason for (or against) itself.

Failing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: P1}

Passing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM303"
NAME = "self-reference"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for link in resolved.links:
        target = link.target
        if link.type == "undercut":
            undercut = resolved.link_by_name(target)
            if undercut is None or not set(link.sources) & (set(undercut.sources) | {undercut.target}):
                continue
            target = next(iter(set(link.sources) & (set(undercut.sources) | {undercut.target})))
        elif target not in link.sources:
            continue
        yield resolved.problem(
            link.path,
            CODE,
            f"`{target}` {link.type}s {'a link of ' if link.type == 'undercut' else ''}itself",
            "point it at the claim it is a reason for (or against)",
            SEVERITY,
        )
