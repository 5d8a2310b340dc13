"""AM301 unknown-id: a relation or a group names an id the map does not have.

Every id in ``supports``, ``attacks``, a relation's ``from``/``to`` and a claim's
``group`` must be declared in the map. (An undercut that names a missing *link*
is AM313.)

Failing::

    claims:
      - {id: T1, kind: thesis, text: ..., quote: ...}
      - {id: P1, kind: premise, text: ..., quote: ..., supports: T2}   # no claim T2

Passing::

      - {id: P1, kind: premise, text: ..., quote: ..., supports: T1}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM301"
NAME = "unknown-id"
SEVERITY = Severity.ERROR


# "Did you mean" compares an unknown id with every id; past this many unknown ids a map
# is not a student's typo but generated or hostile, and the hints would cost minutes.
MAX_SUGGESTIONS = 50


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    claims = resolved.claims
    suggested = 0
    for link in resolved.links:
        named = [(link.target, "to")] if link.type != "undercut" else []
        named += [(source, "from") for source in link.sources]
        for ref, role in named:
            if ref in claims:
                continue
            path = link.path if link.written_on_claim else (*link.path, role)
            suggested += 1
            hint = _suggest(ref, list(claims)) if suggested <= MAX_SUGGESTIONS else _NO_SUGGESTION
            yield resolved.problem(path, CODE, f"no claim has the id `{ref}`", hint, SEVERITY)
    groups = resolved.model.groups
    for index, claim in enumerate(resolved.model.claims):
        if claim.group is not None and claim.group not in groups:
            declared = ", ".join(groups) or "none yet"
            yield resolved.problem(
                ("claims", index, "group"),
                CODE,
                f"no group has the id `{claim.group}`",
                f"declare it under `groups:` ({claim.group}: A label), or use one of: {declared}",
                SEVERITY,
            )


def _suggest(ref: str, ids: list[str]) -> str:
    close = difflib.get_close_matches(ref, ids, n=1, cutoff=0.5)
    if close:
        return f"did you mean `{close[0]}`? ids are case-sensitive"
    return _NO_SUGGESTION


_NO_SUGGESTION = "check the spelling, or add the claim it should point to"
