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

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM319"
NAME = "undercut-cycle"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    for circle in _circles(resolved):
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


def _circles(resolved: ResolvedMap) -> list[list[Link]]:
    """Each circle of undercuts once, in the order its members deny each other.

    Every undercut denies one link, so following them is walking a functional graph:
    one pass, marking what each walk has finished."""
    done: set[int] = set()
    circles: list[list[Link]] = []
    for start in resolved.links:
        path: list[Link] = []
        where: dict[int, int] = {}  # id -> position on this walk
        here: Link | None = start
        while here is not None and here.type == "undercut" and id(here) not in done:
            if id(here) in where:
                circles.append(path[where[id(here)] :])
                break
            where[id(here)] = len(path)
            path.append(here)
            here = resolved.link_by_name(here.target)
        done.update(id(member) for member in path)
    return circles
