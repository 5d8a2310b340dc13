"""AM313 undercut-target: an undercut names a link that does not exist.

An undercut attacks a *link*, not a claim: write the link as ``FROM -> TO``
(a ``supports:``/``attacks:`` line of claim FROM naming TO) or give a relation's
``id``. To argue against a claim itself, use ``attacks:``.

Failing::

      - {id: E1, kind: evidence, ..., supports: P1}
      - {id: O2, kind: objection, ..., undercuts: E1 -> P2}   # E1 supports P1, not P2

Passing::

      - {id: O2, kind: objection, ..., undercuts: E1 -> P1}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem, Severity

CODE = "AM313"
NAME = "undercut-target"
SEVERITY = Severity.ERROR


def check(resolved: ResolvedMap) -> Iterator[Problem]:
    links_hint: str | None = None
    for link in resolved.links:
        if link.type != "undercut" or resolved.link_by_name(link.target) is not None:
            continue
        path = link.path if link.written_on_claim else (*link.path, "to")
        if link.target in resolved.claims:
            message = f"`{link.target}` is a claim; an undercut attacks a link between two claims"
            hint = f"to argue against the claim, write `attacks: {link.target}`; to attack a link, write `FROM -> {link.target}`"
        else:
            message = f"no link `{link.target}` to undercut"
            links_hint = links_hint or _links_hint(resolved)
            hint = links_hint
        yield resolved.problem(path, CODE, message, hint, SEVERITY)


def _links_hint(resolved: ResolvedMap) -> str:
    names = []
    for link in resolved.links:
        if link.type != "undercut":
            names.append(link.id or link.name)
            if len(names) > 6:
                break
    shown = ", ".join(f"`{n}`" for n in names[:6]) + (" …" if len(names) > 6 else "")
    return f"write a link as `FROM -> TO` or a relation id; this map's links include {shown or 'none'}"
