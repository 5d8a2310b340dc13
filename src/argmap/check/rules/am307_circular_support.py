"""AM307 circular-support: claims support each other in a circle.

If P1 supports P2 and P2 supports P1, neither gives the other a reason: the
argument begs the question. Reported once per circle, at its first claim.

Failing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: P2}
      - {id: P2, kind: premise, text: ..., quote: ..., supports: P1}

Passing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: P2}
      - {id: P2, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM307"
NAME = "circular-support"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    order = list(resolved.claims)
    supports: dict[str, list[str]] = {cid: [] for cid in order}
    for link in resolved.links:
        if link.type == "support" and link.target in supports:
            for source in link.sources:
                if source in supports and source != link.target:  # a self-loop is AM303
                    supports[source].append(link.target)
    for circle in _circles(order, supports):
        first = min(circle, key=order.index)
        yield resolved.problem(
            (*resolved.claim_paths[first], "id"),
            CODE,
            f"circular support: {_describe(first, circle, supports)}",
            "a claim cannot be a reason for itself, even through others: remove one of these supports",
            SEVERITY,
        )


def _circles(order: list[str], edges: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected components with more than one claim (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    for root in order:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            targets = edges[node]
            for position in range(next_edge, len(targets)):
                target = targets[position]
                if target not in index:
                    work.append((node, position + 1))
                    work.append((target, 0))
                    recurse = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if recurse:
                continue
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _describe(first: str, circle: set[str], edges: dict[str, list[str]]) -> str:
    """One path round the circle, as `P1 -> P2 -> P1`."""
    path = [first]
    seen = {first}
    node = first
    while True:
        step = next((t for t in edges[node] if t in circle), None)
        if step is None:
            break
        path.append(step)
        if step in seen:
            break
        seen.add(step)
        node = step
    return " supports ".join(f"`{p}`" for p in path)
