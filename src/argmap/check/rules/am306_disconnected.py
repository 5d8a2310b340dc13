"""AM306 disconnected: a claim does not lead to the thesis.

Follow a claim's ``supports``, ``attacks`` and ``undercuts``: the chain must end
at the thesis. A claim that leads nowhere is not part of the argument — usually a
forgotten ``supports:`` line.

Failing::

      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: P1, kind: premise, text: ..., quote: ...}          # supports nothing

Passing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import target_claim
from argmap.format.problems import Problem, Severity

CODE = "AM306"
NAME = "disconnected"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    claims = resolved.claims
    theses = {cid for cid, claim in claims.items() if claim.kind == "thesis"}
    if not theses:
        return  # AM304 says so; every claim would be "disconnected"
    leads_to: dict[str, set[str]] = {cid: set() for cid in claims}
    dangling: set[str] = set()  # claims with a broken reference: AM301/AM313 already point there
    for link in resolved.links:
        target = target_claim(resolved, link)
        if target is None:
            dangling.update(link.sources)
            continue
        for source in link.sources:
            if source in leads_to:
                leads_to[source].add(target)
    reached = _reaching(leads_to, theses)
    for cid, claim in claims.items():
        if cid not in reached and cid not in dangling:
            yield resolved.problem(
                (*resolved.claim_paths[cid], "id"),
                CODE,
                f"`{cid}` ({claim.kind}) is not connected to the thesis",
                _hint(claim.kind),
                SEVERITY,
            )


def _reaching(leads_to: dict[str, set[str]], goals: set[str]) -> set[str]:
    """Every claim from which some chain of links reaches a goal (walked backwards)."""
    back: dict[str, set[str]] = {cid: set() for cid in leads_to}
    for source, targets in leads_to.items():
        for target in targets:
            back.setdefault(target, set()).add(source)
    reached = set(goals)
    todo = list(goals)
    while todo:
        for source in back.get(todo.pop(), ()):
            if source not in reached:
                reached.add(source)
                todo.append(source)
    return reached


def _hint(kind: str) -> str:
    if kind in ("objection", "concession"):
        return "say what it argues against: `attacks: ID`"
    if kind == "rebuttal":
        return "say which objection it answers: `attacks: ID`"
    return "say what it is a reason for: `supports: ID` (the thesis or a premise)"
