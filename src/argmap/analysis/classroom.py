"""A class's overlays on one base map, side by side: `argmap class BASE OVERLAY_OR_FOLDER…`.

One row per overlay: who added it, the claims added by kind, the base claims it
answers, its check errors and warnings, the thesis's verdict with the overlay, and its
unanswered objections; then, per base claim, how many overlays attack it. An overlay
that cannot be read or checked is a row with its first problem, never a stop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from argmap.analysis.evaluate import evaluate
from argmap.check.pipeline import MapResult, Options, check_map
from argmap.format.problems import Problem
from argmap.format.vocabulary import SUPPORTING

CLASS_VERSION = 1


@dataclass(frozen=True)
class Row:
    file: str
    added_by: str
    added: dict[str, int]  # kind -> claims added
    answers: tuple[str, ...]  # base claims its additions attack or support, base links they undercut
    attacks: tuple[str, ...]  # base claims its additions attack
    errors: int
    warnings: int
    verdict: str  # the thesis's verdict with this overlay, or "not evaluated"
    unanswered: tuple[str, ...]  # the overlay's own, and base claims it leaves newly unanswered
    problem: str | None = None  # why the overlay could not be evaluated, or does not extend the base


@dataclass
class Overview:
    base: str
    base_verdict: str
    base_claims: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)

    def attacked(self) -> dict[str, int]:
        """Base claim -> how many overlays attack it (claims no overlay attacks are left out)."""
        counts = Counter(claim for row in self.rows for claim in row.attacks)
        return {claim: counts[claim] for claim in self.base_claims if counts[claim]}


def overview(base: Path, overlays: list[Path], options: Options | None = None) -> tuple[Overview, MapResult]:
    """The class table; the base's own check result too (a broken base has no table).

    `options.config` (codes switched off or re-graded) applies to the base and every overlay."""
    options = options or Options()
    base_result = check_map(base, options)
    resolved = base_result.resolved
    if resolved is None:
        return Overview(base_result.file, "not evaluated", ()), base_result
    base_evaluation = evaluate(resolved)
    table = Overview(base_result.file, base_evaluation.verdict or "no thesis", tuple(resolved.claims))
    before = frozenset(u.claim for u in base_evaluation.unanswered)
    base_real = base.resolve()
    for path in overlays:
        if path.resolve() == base_real:
            continue
        table.rows.append(_row(path, base_real, frozenset(resolved.claims), before, options))
    return table, base_result


def _first_error(problems: list[Problem]) -> str | None:
    for found in problems:
        if found.is_error:
            return f"{found.file}:{found.line}:{found.column}: {found.code} {found.message}"
    return None


def _row(path: Path, base_real: Path, base_claims: frozenset[str], before: frozenset[str], options: Options) -> Row:
    result = check_map(path, options)
    resolved = result.resolved
    if resolved is None:
        return Row(
            result.file,
            "",
            {},
            (),
            (),
            result.errors,
            result.warnings,
            "not evaluated",
            (),
            _first_error(result.problems) or "the overlay could not be read",
        )
    model = resolved.model
    problem = None
    if model.extends is None or (path.parent / model.extends).resolve() != base_real:
        problem = (
            f"extends {model.extends or 'nothing'}, not the base map"
            if model.extends
            else "not an overlay (no `extends:`)"
        )
    added = [c for c in resolved.claims.values() if c.id not in base_claims]
    added_ids = {c.id for c in added}
    answers: list[str] = []
    attacks: list[str] = []
    for link in resolved.links:
        if not added_ids & set(link.sources):
            continue
        if link.type == "undercut":
            hit = resolved.link_by_name(link.target)
            if hit is not None and set(hit.sources) <= base_claims:
                answers.append(hit.id or hit.name)  # the base's link it denies
        elif link.target in base_claims:
            answers.append(link.target)
            if link.type not in SUPPORTING:
                attacks.append(link.target)
    evaluation = evaluate(resolved)
    who = model.added_by or ", ".join(dict.fromkeys(c.added_by for c in added if c.added_by)) or "(not given)"
    return Row(
        file=result.file,
        added_by=who,
        added=dict(Counter(c.kind for c in added)),
        answers=tuple(dict.fromkeys(answers)),
        attacks=tuple(dict.fromkeys(attacks)),
        errors=result.errors,
        warnings=result.warnings,
        verdict=evaluation.verdict or "no thesis",
        unanswered=tuple(u.claim for u in evaluation.unanswered if u.claim in added_ids or u.claim not in before),
        problem=problem or (_first_error(result.problems) if result.errors else None),
    )
