"""`argmap add`: append a claim to a map, if the map stays free of new errors.

The claim's id (the kind's prefix and the next free number) and whether it attacks or
supports its target by default come from `argmap.format.vocabulary`. The edited text must
read back as the old map plus the claim and nothing else, and is checked before it is written.
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.check.pipeline import Options
from argmap.edit.append import append_claim
from argmap.edit.session import EditError, Outcome, Refusal, check_text, open_map, unified_diff, write_back
from argmap.format import vocabulary
from argmap.format.problems import Problem
from argmap.load.files import display_name
from argmap.load.yaml_map import load_text

DEFAULT_AUTHOR = "a student"


@dataclass
class NewClaim:
    kind: str
    target: str
    text: str
    quotes: tuple[str, ...] = ()
    source: str | None = None
    by: str | None = None  # None: $ARGMAP_AUTHOR, else "a student"
    basis: str | None = None
    voice: str | None = None
    group: str | None = None
    attacks: bool | None = None  # None: by kind
    id: str | None = None  # None: the next free id with the kind's prefix


@dataclass
class AddResult:
    file: str
    code: Outcome
    claim_id: str | None = None
    relation: str | None = None  # "attacks" or "supports"
    target: str | None = None
    diff: str = ""
    refused: list[Problem] = field(default_factory=list)  # problems the new claim brings: not added
    warnings: list[Problem] = field(default_factory=list)  # the new claim's warnings (added anyway)
    existing: list[Problem] = field(default_factory=list)  # problems the map had before
    message: str | None = None  # why nothing could be done (UNUSABLE, or PROBLEMS when the map is invalid)
    written: bool = False


def addable_kind(name: str) -> vocabulary.ClaimKind | None:
    """The kind called `name` if `add` adds claims of it (not a thesis), else None."""
    found = vocabulary.kind(name)
    return found if found is not None and found.addable else None


def next_id(kind: str, taken: Iterable[str]) -> str:
    """The kind's prefix and one more than the highest number used with it (O3 after O1, O2)."""
    spec = addable_kind(kind)
    if spec is None:
        raise EditError(f"cannot add a claim of kind `{kind}`")
    prefix = spec.prefix
    taken = set(taken)
    numbers = [int(match.group(1)) for name in taken if (match := re.fullmatch(rf"{prefix}(\d+)", name))]
    number = max(numbers, default=0) + 1
    while f"{prefix}{number}" in taken:  # pragma: no cover - max+1 is free unless ids are odd
        number += 1
    return f"{prefix}{number}"


def _claim_fields(claim: NewClaim, claim_id: str, relation: str) -> dict[str, Any]:
    by = claim.by or os.environ.get("ARGMAP_AUTHOR") or DEFAULT_AUTHOR
    fields: dict[str, Any] = {"id": claim_id, "kind": claim.kind}
    if claim.voice is not None:
        fields["voice"] = claim.voice
    if claim.basis is not None:
        fields["basis"] = claim.basis
    fields["added_by"] = by
    fields["text"] = claim.text
    if len(claim.quotes) == 1:
        fields["quote"] = claim.quotes[0]
    elif claim.quotes:
        fields["quotes"] = list(claim.quotes)
    if claim.source is not None:
        fields["source"] = claim.source
    if claim.group is not None:
        fields["group"] = claim.group
    fields[relation] = claim.target
    return fields


def add_claim(path: Path, claim: NewClaim, dry_run: bool = False, options: Options | None = None) -> AddResult:
    """Append a claim at the end of `claims:`, if the map stays free of new errors."""
    options = options or Options()
    name = display_name(path)
    opened = open_map(path, options, "the map does not follow the format yet; fix the problems above, then add claims")
    if isinstance(opened, Refusal):
        return AddResult(name, opened.code, existing=opened.problems, message=opened.message)
    read, before, resolved = opened
    spec = addable_kind(claim.kind)
    if spec is None:
        return AddResult(name, Outcome.UNUSABLE, message=f"cannot add a claim of kind `{claim.kind}`")
    attacks = spec.attacks if claim.attacks is None else claim.attacks
    relation = "attacks" if attacks else "supports"
    taken = [c.id for c in resolved.model.claims]
    claim_id = claim.id or next_id(claim.kind, taken)
    fields = _claim_fields(claim, claim_id, relation)
    try:
        new_text, at, added = append_claim(read.text, fields)
        if not _appended(read.text, new_text, fields):
            # The blank lines after the last claim belonged to it (a `|+` block keeps them):
            # the claim goes after them instead.
            new_text, at, added = append_claim(read.text, fields, give_back=False)
    except EditError as error:
        return AddResult(name, Outcome.UNUSABLE, existing=before.problems, message=str(error))
    _verify_append(read.text, new_text, fields)
    after = check_text(path, new_text, options)
    first_line = new_text[:at].count("\n") + 1
    last_line = first_line + added.count("\n")
    fresh = _new_problems(before.problems, after.problems, first_line, last_line)
    result = AddResult(
        name,
        Outcome.DONE,
        claim_id,
        relation,
        claim.target,
        diff=unified_diff(read.text, new_text, name),
        existing=list(before.problems),
    )
    result.refused = [p for p in fresh if p.is_error]
    result.warnings = [p for p in fresh if not p.is_error]
    if after.unreadable or after.resolved is None and not result.refused:
        result.refused = [p for p in after.problems if p.is_error]  # pragma: no cover - the splice is verified
    if result.refused:
        result.code = Outcome.PROBLEMS
        return result
    if not dry_run:
        write_back(path, read, new_text)
        result.written = True
    return result


def _new_problems(before: Sequence[Problem], after: Sequence[Problem], first: int, last: int) -> list[Problem]:
    """Problems of the edited map that the map did not have (or that point into the new lines)."""
    seen = Counter((p.code, p.message, p.hint) for p in before)
    fresh = []
    for item in after:
        key = (item.code, item.message, item.hint)
        if seen[key] > 0 and not first <= item.line <= last:
            seen[key] -= 1
            continue
        fresh.append(item)
    return fresh


def _appended(old: str, new: str, fields: dict[str, Any]) -> bool:
    """Whether `new` reads as `old` with the claim `fields` appended, and as nothing else."""
    before, after = load_text(old, "<before>"), load_text(new, "<after>")
    expected = copy.deepcopy(before.data)
    expected["claims"].append(fields)
    return not after.unreadable and after.data == expected


def _verify_append(old: str, new: str, fields: dict[str, Any]) -> None:
    if not _appended(old, new, fields):
        raise EditError(
            "internal error: the edited map does not read back as the old map plus the new claim; nothing was written"
        )  # pragma: no cover - guards the splice
