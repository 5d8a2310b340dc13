"""`argmap fix`: rewrite quotes that matched only after normalisation to the source's exact text.

Only those quote scalars change (`argmap.edit.scalars.splice`); the fixed text must read back
as the old map with just those values changed, and each fixed quote must then match exactly,
at the same place, or it is left as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.anchor.find import ELISION, Span, normalise
from argmap.anchor.resolve import ResolvedQuote
from argmap.check.pipeline import MapResult, Options
from argmap.edit.locate import Spot, scan
from argmap.edit.scalars import double_quoted, splice
from argmap.edit.session import EditError, Outcome, Refusal, check_text, open_map, unified_diff, write_back
from argmap.format.problems import Problem
from argmap.load.files import display_name
from argmap.load.yaml_map import PathKey, load_text
from argmap.writers.files import WriteError


@dataclass
class QuoteFix:
    path: PathKey
    line: int  # 1-based, of the quote in the map before the fix
    column: int
    old: str
    new: str


@dataclass
class FixResult:
    file: str
    code: Outcome  # DONE: fixed or nothing to fix; PROBLEMS remain; UNUSABLE: unreadable or unwritable
    diff: str = ""  # unified diff of the file ("" when nothing changes)
    fixes: list[QuoteFix] = field(default_factory=list)
    unfixed: list[str] = field(default_factory=list)  # normalised quotes left as they were, and why
    problems: list[Problem] = field(default_factory=list)  # the map's problems after the fix
    message: str | None = None  # why nothing could be done
    written: bool = False


def exact_text(typed: str, source: str, spans: Sequence[Span]) -> str:
    """The quote rewritten to the source's exact words, its `...` elisions kept as typed."""
    segments = []
    at = 0
    for elision in ELISION.finditer(typed):
        segments.append((at, elision.start()))
        at = elision.end()
    segments.append((at, len(typed)))
    pieces = [(a, b) for a, b in segments if typed[a:b].strip() and normalise(typed[a:b].strip()).strip()]
    if len(pieces) != len(spans):
        return " ... ".join(source[s.start : s.end] for s in spans)
    out = []
    previous = 0
    for (a, b), span in zip(pieces, spans, strict=True):
        piece = typed[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        out.append(typed[previous : a + lead])
        out.append(source[span.start : span.end])
        previous = a + trail
    out.append(typed[previous:])
    return "".join(out)


def _normalised_quotes(result: MapResult) -> list[ResolvedQuote]:
    assert result.resolved is not None
    found = [q for quotes in result.resolved.quotes.values() for q in quotes]
    found += [q for quotes in result.resolved.exclusions.values() for q in quotes]
    return [q for q in found if q.match is not None and q.match.status == "normalised"]


def _spans_of(result: MapResult) -> dict[PathKey, tuple[str, tuple[Span, ...]]]:
    assert result.resolved is not None
    found = [q for quotes in result.resolved.quotes.values() for q in quotes]
    found += [q for quotes in result.resolved.exclusions.values() for q in quotes]
    return {q.path: (q.match.status, q.match.spans) for q in found if q.match is not None}


def _own_paths(text: str, result: MapResult) -> Callable[[PathKey], PathKey | None]:
    """Paths of the checked map -> paths in this file (None: the part is in a base map).

    An overlay (`extends:`) is checked combined with its base, whose entries come first in each
    list section; for a map that extends nothing the paths are the same.
    """
    assert result.resolved is not None
    data = load_text(text, "<own>").data
    model = result.resolved.model
    offsets = {}
    for section in ("sources", "claims", "relations"):
        mine = data.get(section) if isinstance(data, dict) else None
        offsets[section] = len(getattr(model, section)) - (len(mine) if isinstance(mine, list) else 0)

    def own(path: PathKey) -> PathKey | None:
        if len(path) >= 2 and path[0] in offsets and isinstance(path[1], int):
            index = path[1] - offsets[str(path[0])]
            return None if index < 0 else (path[0], index, *path[2:])
        return path

    return own


def fix_map(path: Path, dry_run: bool = False, options: Options | None = None) -> FixResult:
    """Rewrite every quote that matched only after normalisation to the source's exact text.

    Only those quote scalars change; the fixed file is checked again and each fixed quote must
    now match exactly, at the same place. A quote for which that fails (e.g. its `occurrence:`
    counted normalised matches) is left as it was and listed in `unfixed`.
    """
    options = options or Options()
    name = display_name(path)
    opened = open_map(path, options, "the map does not follow the format yet, so its quotes cannot be looked up")
    if isinstance(opened, Refusal):
        return FixResult(name, opened.code, problems=opened.problems, message=opened.message)
    read, before, resolved = opened
    try:
        layout = scan(read.text)
    except EditError as error:
        return FixResult(name, Outcome.UNUSABLE, problems=before.problems, message=str(error))
    own = _own_paths(read.text, before)
    wanted: dict[PathKey, tuple[Spot, str, QuoteFix, tuple[Span, ...]]] = {}
    unfixed: list[str] = []
    for quote in _normalised_quotes(before):
        assert quote.match is not None
        source = resolved.sources[quote.source_id].text
        assert source is not None
        path_here = own(quote.path)
        if path_here is None:
            continue  # a quote of the base map (this map is an overlay): `argmap fix` the base for it
        spot_path = (*path_here, "exact") if (*path_here, "exact") in layout.values else path_here
        spot = layout.values.get(spot_path)
        if spot is None or spot.kind != "scalar" or spot.value != quote.quote.exact:
            unfixed.append(
                f"{name}: a quote could not be located in the file's text: {double_quoted(quote.quote.exact)}"
            )  # pragma: no cover - scan agrees with load
            continue
        new = exact_text(quote.quote.exact, source.text, quote.match.spans)
        wanted[quote.path] = (
            spot,
            new,
            QuoteFix(spot_path, spot.line + 1, spot.column + 1, quote.quote.exact, new),
            quote.match.spans,
        )
    new_text = read.text
    after = before
    while wanted:
        new_text = splice(read.text, [(spot, new) for spot, new, _, _ in wanted.values()])
        _verify_fix(read.text, new_text, {fix.path: new for _, new, fix, _ in wanted.values()})
        after = check_text(path, new_text, options)
        now = _spans_of(after) if after.resolved is not None else {}
        failed = [p for p, (_, _, _, spans) in wanted.items() if now.get(p) != ("exact", spans)]
        if not failed:
            break
        for p in failed:
            fix = wanted.pop(p)[2]
            unfixed.append(
                f"{name}:{fix.line}:{fix.column}: not fixed: written as the source's exact text "
                f"{double_quoted(fix.new)}, the quote would match another passage (its `occurrence:`, "
                "`prefix:` or `suffix:` counted the normalised matches): fix the quote and its selector "
                "together"
            )
    else:
        new_text, after = read.text, before
    fixes = [fix for _, _, fix, _ in wanted.values()]
    fixes.sort(key=lambda f: (f.line, f.column))
    result = FixResult(name, Outcome.DONE, unified_diff(read.text, new_text, name), fixes, unfixed, after.problems)
    if new_text != read.text and not dry_run:
        try:
            write_back(path, read, new_text)
        except WriteError as error:
            result.code = Outcome.UNUSABLE
            result.message = str(error)
            return result
        result.written = True
    if after.errors or unfixed:
        result.code = Outcome.PROBLEMS
    return result


def _verify_fix(old: str, new: str, changes: dict[PathKey, str]) -> None:
    before, after = load_text(old, "<before>"), load_text(new, "<after>")
    expected = copy.deepcopy(before.data)
    for path, value in changes.items():
        container = expected
        for key in path[:-1]:
            container = container[key]
        container[path[-1]] = value
    if after.unreadable or after.data != expected:
        raise EditError(
            "internal error: the fixed map does not read back as intended; nothing was written"
        )  # pragma: no cover - guards the splice
