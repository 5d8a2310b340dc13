"""AM302 duplicate-id: two claims (or a claim and a relation) share an id.

Relations point at claims by id, so an id must name one thing. The second use is
reported; the first one counts.

Failing::

      - {id: P1, kind: premise, text: Trade has grown., quote: ...}
      - {id: P1, kind: premise, text: The treaty was extended., quote: ...}

Passing::

      - {id: P1, kind: premise, text: Trade has grown., quote: ...}
      - {id: P2, kind: premise, text: The treaty was extended., quote: ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM302"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, claim in enumerate(resolved.model.claims):
        if claim.id in first:
            first_file, first_at = resolved.locate(("claims", first[claim.id], "id"))
            where = f"line {first_at.line}"
            if first_file != resolved.locate(("claims", index, "id"))[0]:
                where += f" of {first_file}"  # an overlay's id that its base already uses
            yield resolved.problem(
                ("claims", index, "id"),
                CODE,
                f"the id `{claim.id}` is already used by the claim at {where}",
                "give this claim a new id (e.g. add a letter: P1a) and update what points at it",
                SEVERITY,
            )
        else:
            first[claim.id] = index
    relation_ids: set[str] = set()
    for index, relation in enumerate(resolved.model.relations):
        if relation.id is None:
            continue
        if relation.id in first or relation.id in relation_ids:
            yield resolved.problem(
                ("relations", index, "id"),
                CODE,
                f"the relation id `{relation.id}` is already used",
                "give the relation an id of its own",
                SEVERITY,
            )
        relation_ids.add(relation.id)
