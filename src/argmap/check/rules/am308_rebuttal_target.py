"""AM308 rebuttal-target: a rebuttal does not answer any objection.

A rebuttal is the author's reply to an objection: it ``attacks`` an objection (or
``undercuts`` an objection's link). A claim that argues *for* something is a
premise; one that attacks a premise is an objection.

Failing::

      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: P1}   # P1 is a premise

Passing::

      - {id: O1, kind: objection, voice: NATO, text: ..., quote: ..., attacks: P1}
      - {id: R1, kind: rebuttal, text: ..., quote: ..., attacks: O1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules._links import attacked_claims
from argmap.format.problems import Problem, Severity

CODE = "AM308"
NAME = "rebuttal-target"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    claims = resolved.claims
    for cid, claim in claims.items():
        if claim.kind != "rebuttal":
            continue
        targets = attacked_claims(resolved, cid)
        if any(claims[t].kind == "objection" for t in targets):
            continue
        what = (
            f"attacks only {', '.join(f'`{t}` ({claims[t].kind})' for t in dict.fromkeys(targets))}"
            if targets
            else "attacks nothing"
        )
        yield resolved.problem(
            (*resolved.claim_paths[cid], "kind"),
            CODE,
            f"rebuttal `{cid}` {what}; a rebuttal answers an objection",
            "add `attacks: ID` naming the objection it answers, or change its kind "
            "(a claim against a premise is an objection)",
            SEVERITY,
        )
