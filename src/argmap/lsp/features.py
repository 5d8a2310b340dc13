"""What the server answers, as plain functions of the open maps: no protocol plumbing here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from argmap.anchor.resolve import ResolvedMap, ResolvedQuote
from argmap.format.model import CLAIM_KINDS
from argmap.format.problems import Problem, Severity
from argmap.lsp.index import MapIndex, Token
from argmap.lsp.maps import Checked, Maps
from argmap.lsp.text import token_end

Uri = Callable[[Path], str]  # a path as the editor names it

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_REF_LINE = re.compile(r"^\s*(?:-\s+)?(supports|attacks|undercuts|from|to)\s*:\s*(.*)$")
_KIND_LINE = re.compile(r"^\s*(?:-\s+)?kind\s*:\s*\S*$")
_ITEM_LINE = re.compile(r"^(\s*)-\s*(\S*)$")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+)\s*:\s*(#.*)?$")
_REF_KEYS = ("supports", "attacks", "undercuts", "from", "to")


@dataclass(frozen=True)
class QuoteFix:
    """A quote a code action can rewrite: the words to put in, and why."""

    problem: Problem
    title: str
    words: str


# --- diagnostics and code actions -------------------------------------------------------------


def diagnostics(maps: Maps, checked: Checked) -> list[types.Diagnostic]:
    index = maps.index(checked.path)
    if index is None:
        return []
    fixes = {fix.problem: fix for fix in quote_fixes(checked)}
    found = [_diagnostic(index, p, fixes.get(p)) for p in checked.own_problems()]
    blocked = _blocked_by_base(index, checked)
    return found if blocked is None else [*found, blocked]


def _diagnostic(index: MapIndex, problem: Problem, fix: QuoteFix | None) -> types.Diagnostic:
    start = index.lines.offset(problem.line, problem.column)
    extent = index.extent(start)
    end = extent.end if extent is not None else token_end(index.text, start)
    message = problem.message if problem.hint is None else f"{problem.message}\n{problem.hint}"
    severity = (
        types.DiagnosticSeverity.Error if problem.severity is Severity.ERROR else types.DiagnosticSeverity.Warning
    )
    return types.Diagnostic(
        range=index.lines.range(start, end),
        message=message,
        severity=severity,
        code=problem.code,
        source="argmap",
        data=None if fix is None else {"title": fix.title, "words": fix.words},
    )


def _blocked_by_base(index: MapIndex, checked: Checked) -> types.Diagnostic | None:
    """An overlay whose base cannot be read says so where it names the base."""
    others = sorted({p.file for p in checked.result.problems if p.file != checked.name})
    if checked.result.resolved is not None or not others or checked.own_problems():
        return None
    extends = re.search(r"^extends\s*:\s*(.*?)\s*$", index.text, re.MULTILINE)
    start, end = (extends.start(1), extends.end(1)) if extends else (0, token_end(index.text, 0))
    return types.Diagnostic(
        range=index.lines.range(start, end),
        severity=types.DiagnosticSeverity.Error,
        source="argmap",
        message=f"the base map {', '.join(others)} has problems, so this map cannot be checked yet\n"
        "open the base map and fix what it reports",
    )


def quote_fixes(checked: Checked) -> list[QuoteFix]:
    """AM207 and AM206 problems of this file whose quote argmap can rewrite."""
    resolved = checked.result.resolved
    if resolved is None:
        return []
    by_place = {_place(resolved, q): q for qs in (*resolved.quotes.values(), *resolved.exclusions.values()) for q in qs}
    fixes: list[QuoteFix] = []
    for problem in checked.own_problems():
        quote = by_place.get((problem.file, problem.line, problem.column))
        if quote is None or quote.match is None:
            continue
        source = resolved.sources[quote.source_id].text
        if source is None:
            continue
        if problem.code == "AM207" and quote.match.status == "normalised":
            words = " ... ".join(source.text[s.start : s.end] for s in quote.match.spans)
            fixes.append(QuoteFix(problem, "Paste the source's exact text", words))
        elif problem.code == "AM206" and quote.match.suggestion is not None:
            fixes.append(QuoteFix(problem, "Replace with the closest passage", quote.match.suggestion.text))
    return fixes


def code_actions(uri: str, diagnostics_in_range: list[types.Diagnostic]) -> list[types.CodeAction]:
    actions = []
    for diagnostic in diagnostics_in_range:
        data = diagnostic.data
        if not isinstance(data, dict) or not isinstance(data.get("words"), str):
            continue
        # JSON's string syntax is YAML's double-quoted one: every character survives the paste.
        edit = types.TextEdit(range=diagnostic.range, new_text=json.dumps(data["words"], ensure_ascii=False))
        actions.append(
            types.CodeAction(
                title=str(data.get("title", "Replace the quote")),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions


def _place(resolved: ResolvedMap, quote: ResolvedQuote) -> tuple[str, int, int]:
    exact = (*quote.path, "exact")
    file, at = resolved.locate(exact if resolved.locator.has(exact) else quote.path)
    return file, at.line, at.column


# --- hover ------------------------------------------------------------------------------------


def hover(maps: Maps, path: Path, offset: int) -> types.Hover | None:
    index = maps.index(path)
    checked = maps.checked.get(path)
    token = index.at(offset) if index is not None else None
    if index is None or token is None or checked is None or checked.result.resolved is None:
        return None
    resolved = checked.result.resolved
    if token.kind in ("claim", "ref"):
        text = _claim_text(resolved, token.value)
    elif token.kind == "quote":
        text = _quote_text(resolved, checked.name, index, token)
    else:
        return None
    if text is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=index.lines.range(token.start, token.end),
    )


def _claim_text(resolved: ResolvedMap, claim_id: str) -> str | None:
    claim = resolved.claims.get(claim_id)
    if claim is None:
        link = resolved.link_by_name(claim_id)
        return None if link is None else f"**{link.name}** ({link.type})"
    parts = [f"**{claim.id}** · {claim.kind}" + (" · implicit" if claim.implicit else ""), "", claim.text]
    for quote in resolved.quotes.get(claim.id, []):
        parts += ["", f"> {quote.quote.exact}", "", _where(resolved, quote, context=False)]
    return "\n".join(parts)


def _quote_text(resolved: ResolvedMap, name: str, index: MapIndex, token: Token) -> str | None:
    line = index.lines.line_of(token.start)
    here = (name, line + 1, token.start - index.lines.starts[line] + 1)  # argmap's 1-based line:column
    for quotes in (*resolved.quotes.values(), *resolved.exclusions.values()):
        for quote in quotes:
            if _place(resolved, quote) == here:
                return _where(resolved, quote)
    return None


def _where(resolved: ResolvedMap, quote: ResolvedQuote, context: bool = True) -> str:
    loaded = resolved.sources.get(quote.source_id)
    match = quote.match
    if loaded is None or loaded.text is None or match is None:
        return f"source `{quote.source_id}` could not be read"
    if match.span is None or match.status not in ("exact", "normalised"):
        return f"not found in source `{quote.source_id}` ({match.status.replace('_', ' ')})"
    line, column = loaded.text.line_col(match.span.start)
    how = "exactly" if match.status == "exact" else "after normalising"
    where = f"found {how} in source `{quote.source_id}` ({loaded.source.path}) at line {line}, column {column}"
    if not context:
        return where
    return f"{where}:\n\n> {_in_context(loaded.text.text, match.span.start, match.span.end)}"


def _in_context(text: str, start: int, end: int, around: int = 60) -> str:
    """The passage with a few words either side, within its line: a paragraph is one long line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left, right = max(line_start, start - around), min(line_end, end + around)
    return ("…" if left > line_start else "") + text[left:right].strip() + ("…" if right < line_end else "")


# --- definition, references, rename -----------------------------------------------------------


def _id_at(maps: Maps, path: Path, offset: int) -> Token | None:
    index = maps.index(path)
    token = index.at(offset) if index is not None else None
    return token if token is not None and token.kind in ("claim", "ref") else None


def _definer(maps: Maps, path: Path, claim_id: str) -> tuple[Path, Token] | None:
    # A combined map lists its base's claims first, so the deepest base's definition counts.
    for candidate in reversed(maps.chain(path)):
        index = maps.index(candidate)
        found = index.definitions(claim_id) if index is not None else []
        if found:
            return candidate, found[0]
    return None


def definition(maps: Maps, path: Path, offset: int, uri: Uri) -> types.Location | None:
    token = _id_at(maps, path, offset)
    found = _definer(maps, path, token.value) if token is not None else None
    if found is None:
        return None
    where, definition_token = found
    index = maps.index(where)
    assert index is not None
    return types.Location(uri=uri(where), range=index.lines.range(definition_token.start, definition_token.end))


def occurrences(maps: Maps, path: Path, claim_id: str, declarations: bool) -> list[tuple[Path, Token]]:
    """Every place the id is written, in the map that defines it and every map extending that one."""
    found = _definer(maps, path, claim_id)
    home = found[0] if found is not None else path
    places: list[tuple[Path, Token]] = []
    for member in maps.family(home):
        index = maps.index(member)
        if index is None:
            continue
        tokens = index.references(claim_id) + (index.definitions(claim_id) if declarations else [])
        places += [(member, t) for t in sorted(tokens, key=lambda t: t.start)]
    return places


def references(maps: Maps, path: Path, offset: int, uri: Uri, declarations: bool) -> list[types.Location]:
    token = _id_at(maps, path, offset)
    if token is None:
        return []
    return [_location(maps, where, t, uri) for where, t in occurrences(maps, path, token.value, declarations)]


def _location(maps: Maps, where: Path, token: Token, uri: Uri) -> types.Location:
    index = maps.index(where)
    assert index is not None
    return types.Location(uri=uri(where), range=index.lines.range(token.start, token.end))


def prepare_rename(maps: Maps, path: Path, offset: int) -> types.Range | None:
    index = maps.index(path)
    token = _id_at(maps, path, offset)
    return None if token is None or index is None else index.lines.range(token.start, token.end)


class RenameRefused(ValueError):
    """The new name is not an id a map may use."""


def rename(maps: Maps, path: Path, offset: int, new_name: str, uri: Uri) -> types.WorkspaceEdit | None:
    if not _IDENTIFIER.match(new_name) or "->" in new_name or len(new_name) > 64:
        raise RenameRefused(f"`{new_name}` is not an id: start with a letter, then letters, digits, _ . or -")
    token = _id_at(maps, path, offset)
    if token is None:
        return None
    changes: dict[str, list[types.TextEdit]] = {}
    for where, found in occurrences(maps, path, token.value, declarations=True):
        index = maps.index(where)
        assert index is not None
        edit = types.TextEdit(range=index.lines.range(found.start, found.end), new_text=new_name)
        changes.setdefault(uri(where), []).append(edit)
    return types.WorkspaceEdit(changes=changes)


# --- completion -------------------------------------------------------------------------------


def completion(maps: Maps, path: Path, offset: int) -> list[types.CompletionItem]:
    """Ids where a claim names others; kinds after `kind:`. Works on half-typed YAML too."""
    index = maps.index(path)
    if index is None:
        return []
    line = index.lines.line_of(offset)
    before = index.text[index.lines.starts[line] : offset]
    if _KIND_LINE.match(before):
        return [types.CompletionItem(label=kind, kind=types.CompletionItemKind.EnumMember) for kind in CLAIM_KINDS]
    if _REF_LINE.match(before) or _in_reference_list(index, line, before):
        return _id_items(maps, path)
    return []


def _in_reference_list(index: MapIndex, line: int, before: str) -> bool:
    item = _ITEM_LINE.match(before)
    if item is None:
        return False
    indent = len(item.group(1))
    for above in range(line - 1, -1, -1):
        text = index.lines.line_text(above)
        if (
            not text.strip()
            or text.lstrip().startswith("#")
            or _ITEM_LINE.match(text)
            or (text.lstrip().startswith("- ") and len(text) - len(text.lstrip()) >= indent)
        ):
            continue
        key = _KEY_LINE.match(text)
        return key is not None and len(key.group(1)) <= indent and key.group(2) in _REF_KEYS
    return False


def _id_items(maps: Maps, path: Path) -> list[types.CompletionItem]:
    resolved = maps.last_resolved.get(path)  # while a claim is half-typed the map may not validate
    items: dict[str, types.CompletionItem] = {}
    for member in reversed(maps.chain(path)):
        index = maps.index(member)
        for claim_id in index.claim_ids() if index is not None else []:
            claim = resolved.claims.get(claim_id) if resolved is not None else None
            items.setdefault(
                claim_id,
                types.CompletionItem(
                    label=claim_id,
                    kind=types.CompletionItemKind.Reference,
                    detail=claim.kind if claim is not None else None,
                    documentation=claim.text if claim is not None else None,
                ),
            )
    return list(items.values())
