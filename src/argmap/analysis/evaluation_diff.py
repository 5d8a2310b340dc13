"""What an overlay (or a new version of a map) does to the evaluation: `argmap diff`'s last part.

Claims are matched by id and relations by name, as `argmap diff` matches them; only
those in both maps whose label changed are listed, each with the reason in a few
words ("P5: IN → OUT, attacked by O3 (unanswered)"), after the thesis's verdict
before and after ("thesis: standing → standing, still carried by P2 -> T1").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.grounded import Label


@dataclass(frozen=True)
class LabelChange:
    name: str  # a claim id or a relation's name
    old: Label
    new: Label
    because: str


@dataclass(frozen=True)
class EvaluationDiff:
    old_verdict: str | None
    new_verdict: str | None
    thesis: str  # the line about the thesis, without "thesis: "
    changes: tuple[LabelChange, ...]


def compare_evaluations(old: Evaluation, new: Evaluation) -> EvaluationDiff:
    changes = [
        LabelChange(claim, old.label(claim), new.label(claim), because(new, claim))
        for claim in new.claims
        if claim in old.claims and old.label(claim) is not new.label(claim)
    ]
    old_relations = {info.name: info.key for info in old.relations}
    for info in new.relations:
        before = old_relations.get(info.name)
        if before is not None and old.label(before) is not new.label(info.key):
            changes.append(LabelChange(info.name, old.label(before), new.label(info.key), because(new, info.key)))
    return EvaluationDiff(old.verdict, new.verdict, _thesis(old, new), tuple(changes))


def _who(evaluation: Evaluation, relation: str) -> str:
    return " and ".join(evaluation.relation(relation).sources)


def because(evaluation: Evaluation, node: str) -> str:
    """Why `node` has its new label, in a few words."""
    label = evaluation.label(node)
    attackers = evaluation.labelling.attackers.get(node, [])
    if label is Label.OUT:
        cause = evaluation.labelling.out_because.get(node, node)
        if cause == node:
            return "rejected" if node in evaluation.rejected else "it names nothing the map has"
        if cause in evaluation.claims:
            return f"its premise {cause} is OUT"
        sources = evaluation.relation(cause).sources
        unanswered = all(not evaluation.labelling.attackers.get(s) for s in sources)
        verb = "undercut" if evaluation.relation(cause).type == "undercut" else "attacked"
        return f"{verb} by {_who(evaluation, cause)} " + (
            "(unanswered)" if unanswered else "(its answers are defeated)"
        )
    if label is Label.UNDECIDED:
        return "caught in attacks that go round in a circle"
    if node not in evaluation.claims:
        return "its premises stand and nothing undercuts it" if not attackers else "its undercuts are answered"
    if not attackers:
        return "nothing attacks it"
    if len(attackers) == 1:
        return f"its attacker {_who(evaluation, attackers[0])} is OUT"
    return f"all {len(attackers)} attacks on it are answered"


def _thesis(old: Evaluation, new: Evaluation) -> str:
    if new.thesis is None or new.verdict is None:
        return f"{old.verdict or 'no thesis'} → no thesis"
    head = f"{old.verdict or 'no thesis'} → {new.verdict}"
    carried = ", ".join(new.carried_by[new.thesis])
    if new.verdict == "standing":
        still = "still " if old.verdict == "standing" else ""
        return f"{head}, {still}carried by {carried}"
    if new.verdict == "standing without support":
        return f"{head}: its support is {new.support[new.thesis]}"
    return f"{head}: {because(new, new.thesis)}"


def format_text(found: EvaluationDiff) -> str:
    lines = ["evaluation:", f"  thesis: {found.thesis}"]
    lines += [f"  {c.name}: {c.old} → {c.new}, {c.because}" for c in found.changes]
    if not found.changes:
        lines.append("  no claim or relation changed its label")
    return "\n".join(lines) + "\n"


def evaluation_diff_dict(found: EvaluationDiff) -> dict[str, Any]:
    return {
        "thesis": {"old": found.old_verdict, "new": found.new_verdict, "summary": found.thesis},
        "changed": [
            {"name": c.name, "old": str(c.old), "new": str(c.new), "because": c.because} for c in found.changes
        ],
    }
