"""`argmap evaluate` output: text for an instructor, JSON for tools (docs/evaluation.md).

Text leads with the thesis's verdict, then the unanswered objections and what each one
defeats, then every claim and relation that is OUT or UNDECIDED with the reason; IN is
the rest and is only counted. JSON carries everything, ``"argmap_evaluation": 1``.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.explain import explain, reason
from argmap.analysis.grounded import Label

EVALUATION_VERSION = 1
_VERDICT_WORDS = {
    "standing": "stands",
    "standing without support": "stands, but without support",
    "defeated": "is defeated",
    "undecided": "is undecided",
}


def verdict_line(evaluation: Evaluation) -> str:
    """`thesis T1 stands: IN, carried by P1 -> T1, P2 -> T1` (or why it does not)."""
    thesis = evaluation.thesis
    if thesis is None or evaluation.verdict is None:
        return "no thesis: nothing to give a verdict on (the map needs a claim of kind `thesis`)"
    head = f"thesis {thesis} {_VERDICT_WORDS[evaluation.verdict]}"
    label, support = evaluation.label(thesis), evaluation.support[thesis]
    if label is not Label.IN:
        return f"{head} ({label}): {reason(evaluation, thesis)}"
    if support == "carried":
        return f"{head}: IN, carried by {', '.join(evaluation.carried_by[thesis])}"
    if support == "absent":
        return f"{head}: IN, but nothing supports it"
    if support == "undecided":
        return f"{head}: IN, but none of its supports is IN and some are UNDECIDED"
    return f"{head}: IN, but every support for it is lost"


def fallen_with(evaluation: Evaluation) -> dict[str, list[str]]:
    """Claim -> the relations that fell with it: those it is a premise of, OUT because it is."""
    found: dict[str, list[str]] = {}
    for info in evaluation.relations:
        cause = evaluation.labelling.out_because.get(info.key)
        if cause in evaluation.claims:
            found.setdefault(cause, []).append(info.name)
    return found


def format_text(file: str, evaluation: Evaluation) -> str:
    lines = [f"{file}: {verdict_line(evaluation)}"]
    if evaluation.thesis is not None:
        lines += _quoted(evaluation.texts[evaluation.thesis])
    if evaluation.rejected:
        lines.append(f"as if withdrawn (--reject): {', '.join(evaluation.rejected)}")
    lines.append("")
    if evaluation.unanswered:
        lines.append(f"unanswered objections ({len(evaluation.unanswered)}):")
        fallen_by = fallen_with(evaluation)
        for entry in evaluation.unanswered:
            who = evaluation.added_by.get(entry.claim)
            side = f"added by {who}" if who is not None else evaluation.claims[entry.claim]
            fallen = [name for hit in entry.defeats for name in fallen_by.get(hit, [])]
            also = f" (and with it {', '.join(fallen)})" if fallen else ""
            lines.append(f"  {entry.claim} ({side}) defeats {', '.join(entry.defeats)}{also}")
            lines += _quoted(evaluation.texts[entry.claim], indent=6)
    else:
        lines.append("unanswered objections: none (every attack on the author's case is answered)")
    for label in (Label.OUT, Label.UNDECIDED):
        lines += _listing(evaluation, label)
    lines += ["", _counts(evaluation)]
    return "\n".join(lines) + "\n"


def _quoted(text: str, indent: int = 2) -> list[str]:
    return textwrap.wrap(
        f"“{' '.join(text.split())}”", 96, initial_indent=" " * indent, subsequent_indent=" " * (indent + 1)
    )


def _listing(evaluation: Evaluation, label: Label) -> list[str]:
    claims = [c for c in evaluation.claims if evaluation.label(c) is label]
    relations = [i.key for i in evaluation.relations if evaluation.label(i.key) is label]
    if not claims and not relations:
        return []
    lines = ["", f"{label} ({len(claims)} claims, {len(relations)} relations):"]
    lines += [f"  {explain(evaluation, node)}" for node in claims + relations]
    return lines


def _tally(evaluation: Evaluation, nodes: list[str]) -> dict[str, int]:
    counts = dict.fromkeys((str(label) for label in Label), 0)
    for node in nodes:
        counts[str(evaluation.label(node))] += 1
    return counts


def _counts(evaluation: Evaluation) -> str:
    claims = _tally(evaluation, list(evaluation.claims))
    relations = _tally(evaluation, [i.key for i in evaluation.relations])
    return (
        f"claims: {claims['IN']} IN, {claims['OUT']} OUT, {claims['UNDECIDED']} UNDECIDED; "
        f"relations: {relations['IN']} IN, {relations['OUT']} OUT, {relations['UNDECIDED']} UNDECIDED"
    )


def evaluation_dict(file: str, evaluation: Evaluation) -> dict[str, Any]:
    thesis = evaluation.thesis
    return {
        "argmap_evaluation": EVALUATION_VERSION,
        "map": file,
        "rejected": list(evaluation.rejected),
        "thesis": None
        if thesis is None
        else {
            "id": thesis,
            "label": str(evaluation.label(thesis)),
            "support": evaluation.support[thesis],
            "carried_by": list(evaluation.carried_by[thesis]),
            "verdict": evaluation.verdict,
            "why": verdict_line(evaluation),
        },
        "unanswered": [
            {"claim": u.claim, "side": evaluation.sides[u.claim], "defeats": list(u.defeats)}
            for u in evaluation.unanswered
        ],
        "claims": [
            {
                "id": claim_id,
                "kind": kind,
                "side": evaluation.sides[claim_id],
                "label": str(evaluation.label(claim_id)),
                "support": evaluation.support[claim_id],
                "carried_by": list(evaluation.carried_by[claim_id]),
                "why": explain(evaluation, claim_id),
            }
            for claim_id, kind in evaluation.claims.items()
        ],
        "relations": [
            {
                "name": info.name,
                "type": info.type,
                "from": list(info.sources),
                "to": info.target,
                "label": str(evaluation.label(info.key)),
                "why": explain(evaluation, info.key),
            }
            for info in evaluation.relations
        ],
        "counts": {
            "claims": _tally(evaluation, list(evaluation.claims)),
            "relations": _tally(evaluation, [i.key for i in evaluation.relations]),
        },
    }


def format_json(file: str, evaluation: Evaluation) -> str:
    """The document with one claim or relation per line: readable, diffable, and written by
    json's C encoder (an indented dump of a large map takes seconds in the pure-Python one)."""
    parts = []
    for key, value in evaluation_dict(file, evaluation).items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_compact(item)}" for item in value)
            parts.append(f'  "{key}": [\n{items}\n  ]')
        else:
            parts.append(f'  "{key}": {_compact(value)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
