"""Why a claim or relation has its label, in a sentence an instructor can read aloud.

"P5 is OUT: O3 attacks it and O3 is IN — nothing answers O3." Each explanation
names the attack that decides the label and, one step further, why that attack
holds or fails; `argmap evaluate --why ID` prints it, the JSON carries it.
"""

from __future__ import annotations

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.grounded import Label

# Bounds that keep every explanation short and the sum of them linear in the map's size:
# answered attacks named per claim, and steps taken looking for a circle of undecided claims.
MAX_NAMED = 3
MAX_CIRCLE_STEPS = 64


def explain(evaluation: Evaluation, node: str) -> str:
    """`ID is LABEL: reason` for a claim id or a relation key."""
    return f"{evaluation.name(node)} is {evaluation.label(node)}: {reason(evaluation, node)}"


def reason(evaluation: Evaluation, node: str) -> str:
    """Why `node` has its label, without the `ID is LABEL:` in front."""
    return _reason(evaluation, node, depth=2)


def _who(evaluation: Evaluation, relation: str) -> str:
    sources = evaluation.relation(relation).sources
    return sources[0] if len(sources) == 1 else " and ".join(sources) + " together"


def _is(evaluation: Evaluation, relation: str) -> str:
    return "is" if len(evaluation.relation(relation).sources) == 1 else "are"


def _verb(evaluation: Evaluation, relation: str) -> str:
    return "undercuts" if evaluation.relation(relation).type == "undercut" else "attacks"


def _reason(evaluation: Evaluation, node: str, depth: int) -> str:
    label = evaluation.label(node)
    if label is Label.IN:
        return _why_in(evaluation, node, depth)
    if label is Label.OUT:
        return _why_out(evaluation, node, depth)
    return _why_undecided(evaluation, node)


def _why_in(evaluation: Evaluation, node: str, depth: int) -> str:
    attackers = evaluation.labelling.attackers.get(node, [])
    parts = []
    if node not in evaluation.claims:
        info = evaluation.relation(node)
        premises = " and ".join(info.sources)
        parts.append(f"{premises} {'is' if len(info.sources) == 1 else 'are'} IN")
        if not attackers:
            return parts[0] + " and nothing undercuts it"
    elif not attackers:
        return "nothing attacks it"
    answers = "; ".join(_answered(evaluation, attack, depth) for attack in attackers[:MAX_NAMED])
    if len(attackers) > MAX_NAMED:
        answers += f"; and {len(attackers) - MAX_NAMED} more, all answered"
    return ", and ".join([*parts, f"every attack on it is answered — {answers}"])


def _answered(evaluation: Evaluation, attack: str, depth: int) -> str:
    """Why one attack (OUT) fails."""
    cause = evaluation.labelling.out_because.get(attack, attack)
    who, verb = _who(evaluation, attack), _verb(evaluation, attack)
    if cause == attack:
        return f"{who} {verb} it, but names a claim the map does not have"
    if cause in evaluation.claims:
        more = f" ({_reason(evaluation, cause, depth - 1)})" if depth > 1 else ""
        return f"{who} {verb} it, but {cause} is OUT{more}"
    return (
        f"{who} {verb} it, but {_who(evaluation, cause)} {_verb(evaluation, cause)} that and "
        f"{_who(evaluation, cause)} {_is(evaluation, cause)} IN"
    )


def _why_out(evaluation: Evaluation, node: str, depth: int) -> str:
    cause = evaluation.labelling.out_because.get(node, node)
    if cause == node:
        if node in evaluation.rejected:
            return f"rejected (--reject {node}): evaluated as if it were withdrawn"
        return "it names a claim or relation the map does not have, so it cannot act"
    if cause in evaluation.claims:  # a relation whose premise fell
        return (
            f"its premise {cause} is OUT ({_reason(evaluation, cause, depth - 1)})"
            if depth > 1
            else f"its premise {cause} is OUT"
        )
    who = _who(evaluation, cause)
    text = f"{who} {_verb(evaluation, cause)} it and {who} {_is(evaluation, cause)} IN"
    if depth <= 1:
        return text
    sources = evaluation.relation(cause).sources
    holds = [
        f"nothing answers {s}"
        if not evaluation.labelling.attackers.get(s)
        else f"{s} stands, {_why_in(evaluation, s, depth - 1)}"
        for s in sources
    ]
    return f"{text} — {'; '.join(holds)}"


def _why_undecided(evaluation: Evaluation, node: str) -> str:
    undecided = [a for a in evaluation.labelling.attackers.get(node, []) if evaluation.label(a) is Label.UNDECIDED]
    cycle = _cycle(evaluation, node)
    tail = f"; the attacks go round in a circle ({cycle}) and nothing outside settles it" if cycle else ""
    if undecided:
        attack = undecided[0]
        who, verb = _who(evaluation, attack), _verb(evaluation, attack)
        info = evaluation.relation(attack)
        open_sources = [s for s in info.sources if evaluation.label(s) is Label.UNDECIDED]
        if open_sources:
            return f"{who} {verb} it and {open_sources[0]} is itself UNDECIDED{tail}"
        noun = "undercut" if info.type == "undercut" else "attack"
        return f"{who} {verb} it, and that {noun} ({info.name}) is itself UNDECIDED{tail}"
    info = evaluation.relation(node)
    open_premises = [s for s in info.sources if evaluation.label(s) is Label.UNDECIDED]
    return f"its premise {open_premises[0]} is UNDECIDED{tail}" if open_premises else "it depends on an UNDECIDED claim"


def _cycle(evaluation: Evaluation, node: str) -> str | None:
    """The circle of UNDECIDED claims that `node`'s undecidedness comes from, e.g. `A ← C ← B ← A`."""
    path: list[str] = []
    seen: dict[str, int] = {}
    current = node
    while current not in seen:
        if len(path) == MAX_CIRCLE_STEPS:
            return None
        seen[current] = len(path)
        path.append(current)
        following = _undecided_attacker_claim(evaluation, current)
        if following is None:
            return None
        current = following
    circle = path[seen[current] :]
    return " ← ".join([*(evaluation.name(n) for n in circle), evaluation.name(circle[0])])


def _undecided_attacker_claim(evaluation: Evaluation, node: str) -> str | None:
    """The next node up a chain of UNDECIDED: an attacker's undecided claim, else the undecided attack itself."""
    for attack in evaluation.labelling.attackers.get(node, []):
        if evaluation.label(attack) is Label.UNDECIDED:
            for source in evaluation.relation(attack).sources:
                if evaluation.label(source) is Label.UNDECIDED:
                    return source
            return attack
    if node not in evaluation.claims:
        for source in evaluation.relation(node).sources:
            if evaluation.label(source) is Label.UNDECIDED:
                return source
    return None
