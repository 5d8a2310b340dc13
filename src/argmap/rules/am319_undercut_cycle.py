"""AM319 undercut-cycle: undercuts deny each other in a circle.

An undercut denies a link, and that link may itself be an undercut — but the chain
must end at a support, example or attack between claims. Undercuts named by
relation ids can point at each other in a circle; then none of them bears on any
claim.

Failing::

    relations:
      - {id: U1, type: undercut, from: R1, to: U2}
      - {id: U2, type: undercut, from: C1, to: U1}

Passing::

    relations:
      - {id: U1, type: undercut, from: C1, to: P1 -> T1}
      - {id: U2, type: undercut, from: R1, to: U1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.problems import Problem, Severity
from argmap.resolve import Link, ResolvedMap

CODE = "AM319"
NAME = "undercut-cycle"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    reported: set[int] = set()
    for link in resolved.links:
        if link.type != "undercut" or id(link) in reported:
            continue
        circle = _circle(resolved, link)
        if not circle:
            continue
        reported.update(id(member) for member in circle)
        first = min(circle, key=lambda member: resolved.links.index(member))
        path = first.path if first.written_on_claim else (*first.path, "to")
        names = " -> ".join(f"`{member.id or member.name}`" for member in circle)
        yield resolved.problem(
            path,
            CODE,
            f"undercuts deny each other in a circle ({names}): none of them reaches a claim",
            "an undercut's chain must end at a support or attack between two claims: point one of them at that link",
            SEVERITY,
        )


def _circle(resolved: ResolvedMap, start: Link) -> list[Link]:
    """The undercuts of the circle `start` is on, in order, or [] when its chain ends."""
    chain = [start]
    here = start
    while True:
        hit = resolved.link_by_name(here.target) if here.type == "undercut" else None
        if hit is None or hit.type != "undercut":
            return []
        if hit is start:
            return chain
        if any(hit is seen for seen in chain):
            return []  # a circle further down; it is reported from its own members
        chain.append(hit)
        here = hit
