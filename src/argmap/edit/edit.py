"""Editing a map file in place: `add` a claim, `fix` quotes that matched only after normalisation.

Both edits are *text splices*: the file's text is changed only where the edit must change it
(the appended claim's lines; each fixed quote's scalar), and every other byte — comments, key
order, quoting, indentation, blank lines, CRLF line breaks, a missing final newline, a UTF-8
byte-order mark — is kept as it was, by construction. Where to splice comes from PyYAML's parser
events (each node's start and end offset in the text). A full YAML round trip (ruamel.yaml)
was considered and rejected: it keeps most things but not all (a plain scalar written over
several lines comes back on one, spacing after `:` is normalised, a comment after the last list
item moves above an appended one, CRLF files come back mixed), and a student's file should come
back exactly as they left it.

Every edit is verified before it is written:

* the new text is parsed again and must hold exactly the old data plus the intended change;
* the new text is checked (`argmap.check.pipeline.check_map`, on a temporary file beside the map, so
  relative source paths resolve as they do for the map itself);
* the file must still hold the bytes that were read (someone else may be editing it);
* it is written atomically (`argmap.writers.files.write_atomic`).

Nothing here prints: results are data, `argmap.commands.edit` words them.
"""

from __future__ import annotations

import codecs
import copy
import difflib
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from argmap.anchor.find import ELISION, Span, normalise
from argmap.anchor.resolve import ResolvedMap, ResolvedQuote
from argmap.check.pipeline import MapResult, Options, check_map
from argmap.commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE
from argmap.format import vocabulary
from argmap.format.problems import Problem
from argmap.load.files import Unreadable, display_name, read_regular, read_text
from argmap.load.yaml_map import PathKey, load_text, parse_events
from argmap.writers.files import WriteError, write_atomic

ID_PREFIX: dict[str, str] = {k.name: k.prefix for k in vocabulary.KINDS if k.addable}
ATTACKING_KINDS = frozenset(k.name for k in vocabulary.KINDS if k.attacks)
DEFAULT_AUTHOR = "a student"


class EditError(Exception):
    """An edit could not be made; the message says why, for a person."""


# --- where things are in the text -------------------------------------------------------------


@dataclass
class Spot:
    """A node of the YAML document: where it starts and ends in the text (0-based offsets)."""

    start: int
    end: int  # end-exclusive; for a block collection, the end of its last scalar
    line: int  # 0-based
    column: int
    kind: str  # "scalar", "map" or "seq"
    style: str | None = None  # scalars: "" plain, "'", '"', "|", ">"; collections: "flow" or "block"
    in_flow: bool = False  # inside a flow collection ([...] or {...})
    value: str | None = None  # scalars: the value as parsed
    items: list[PathKey] = field(default_factory=list)  # collections: the paths of their children


@dataclass
class Layout:
    values: dict[PathKey, Spot] = field(default_factory=dict)
    keys: dict[PathKey, Spot] = field(default_factory=dict)


def scan(text: str) -> Layout:
    """Where every key and value of the document is, by path (as `argmap.load.yaml_map` names paths).

    Uses PyYAML's pure-Python parser, whose marks count characters of the text as given (a CRLF
    counts two), so offsets index the str directly. Of two equal keys the first is recorded,
    as `argmap.load.yaml_map` keeps the first.
    """
    layout = Layout()
    # frame: [path, spot, is_mapping, pending key (None: expecting a key), item count, seen keys, flow]
    stack: list[list[Any]] = []
    for event in _events(text):
        name = type(event).__name__
        if name in ("MappingEndEvent", "SequenceEndEvent"):
            frame = stack.pop()
            spot: Spot = frame[1]
            if spot.style == "flow":
                spot.end = event.end_mark.index
            if stack:
                parent: Spot = stack[-1][1]
                parent.end = max(parent.end, spot.end)
            continue
        if name not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
            continue
        in_flow = bool(stack) and bool(stack[-1][6])
        mark = event.start_mark
        if stack and stack[-1][2] and stack[-1][3] is None:  # a key
            frame = stack[-1]
            key = str(getattr(event, "value", ""))
            duplicate = key in frame[5] or name != "ScalarEvent"
            frame[5].add(key)
            frame[3] = ("\0duplicate",) if duplicate else key
            if not duplicate:
                layout.keys[(*frame[0], key)] = Spot(
                    mark.index, event.end_mark.index, mark.line, mark.column, "scalar", _style(event), in_flow, key
                )
            if name != "ScalarEvent":  # a complex key: parsed for its extent only
                stack.append(
                    [
                        (*frame[0], "\0key"),
                        Spot(mark.index, mark.index, mark.line, mark.column, "map"),
                        name == "MappingStartEvent",
                        None,
                        0,
                        set(),
                        True,
                    ]
                )
            continue
        if not stack:
            path: PathKey = ()
            recorded = True
        elif stack[-1][2]:
            frame = stack[-1]
            recorded = isinstance(frame[3], str)
            path = (*frame[0], frame[3] if recorded else "\0duplicate")
            frame[3] = None
        else:
            frame = stack[-1]
            path = (*frame[0], frame[4])
            frame[4] += 1
            recorded = True
        if name == "ScalarEvent":
            spot = Spot(
                mark.index, event.end_mark.index, mark.line, mark.column, "scalar", _style(event), in_flow, event.value
            )
            if stack:
                parent = stack[-1][1]
                parent.end = max(parent.end, spot.end)
        else:
            flow = bool(event.flow_style)
            spot = Spot(
                mark.index,
                mark.index,
                mark.line,
                mark.column,
                "map" if name == "MappingStartEvent" else "seq",
                "flow" if flow else "block",
                in_flow,
            )
            stack.append([path, spot, name == "MappingStartEvent", None, 0, set(), flow or in_flow])
        if recorded and path not in layout.values:
            layout.values[path] = spot
            owner = layout.values.get(path[:-1]) if path else None
            if owner is not None:
                owner.items.append(path)
    return layout


def _events(text: str) -> Iterable[Any]:
    return parse_events(text, yaml.SafeLoader)  # pure Python on purpose: its marks are character offsets


def _style(event: Any) -> str:
    return str(event.style or "")


# --- rendering scalars ------------------------------------------------------------------------


def _needs_escape(char: str) -> bool:
    """Characters that must be spelled out (\\u00a0) to stay visible and survive an editor."""
    if char in "\n\r\t":
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return True
    return category == "Zs" and char != " "


def double_quoted(value: str) -> str:
    """A double-quoted YAML scalar; invisible characters (no-break space…) as \\u escapes."""
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif _needs_escape(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _candidate(value: str, style: str) -> str | None:
    if style == '"':
        return double_quoted(value)
    if any(_needs_escape(char) for char in value):
        return None  # plain and single-quoted scalars cannot spell them out
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == "":
        return value if value and value == value.strip() else None
    return None


def _reads_back(candidate: str, value: str, in_flow: bool) -> bool:
    """Does `candidate`, written as a value, read back as exactly `value` (a string, no warning)?"""
    document = f"k: [{candidate}]\n" if in_flow else f"k: {candidate}\n"
    loaded = load_text(document, "<scalar>")
    if loaded.unreadable or loaded.problems or not isinstance(loaded.data, dict):
        return False
    got = loaded.data.get("k")
    return got == ([value] if in_flow else value)


def render_scalar(value: str, styles: Sequence[str], in_flow: bool = False) -> str:
    """The first of `styles` ("" plain, "'", '"') that reads back as `value`; double quotes last."""
    for style in (*styles, '"'):
        candidate = _candidate(value, style)
        if candidate is not None and _reads_back(candidate, value, in_flow):
            return candidate
    raise EditError(f"cannot write {value!r} as a YAML string")  # pragma: no cover - double quotes always do


_ADD_STYLES = ("", "'")  # a new claim's values: plain when possible, else single quotes
_PREFERENCE: dict[str, tuple[str, ...]] = {"": ("", "'"), "'": ("'",), '"': ('"',), "|": ("'",), ">": ("'",)}


def _rewrite_scalar(text: str, spot: Spot, value: str) -> tuple[int, int, str]:
    """The splice (start, end, replacement) that makes the scalar at `spot` read `value`.

    The original quoting style is kept when `value` allows it; a block scalar (`|`, `>`) stays
    one when its header allows the new value on one line; otherwise the next style that
    round-trips is used (double quotes, with invisible characters escaped, always do).
    """
    start, end = spot.start, spot.end
    style = spot.style or ""
    if style in ("|", ">"):
        raw = text[start:end]
        end = start + len(raw.rstrip())  # the block's trailing line breaks stay where they are
        block = _block_scalar(text[start:end], value)
        if block is not None:
            return start, end, block
    return start, end, render_scalar(value, _PREFERENCE.get(style, ("",)), spot.in_flow)


def _block_scalar(raw: str, value: str) -> str | None:
    header, _, body = raw.partition("\n")
    header_line = header.rstrip("\r")
    indicators = header_line.split("#", 1)[0].strip()
    if any(char.isdigit() for char in indicators) or "+" in indicators or not body:
        return None
    first = body.split("\n", 1)[0]
    indent = first[: len(first) - len(first.lstrip(" "))]
    line = value
    if indicators.endswith("-"):
        if "\n" in line or "\r" in line:
            return None
    else:
        if not line.endswith("\n"):
            return None
        line = line[:-1]
        if "\n" in line or "\r" in line:
            return None
    if not line or line != line.strip() or any(_needs_escape(char) for char in line):
        return None
    newline = "\r\n" if header.endswith("\r") else "\n"
    return f"{header}{newline}{indent}{line}"


# --- reading and checking ---------------------------------------------------------------------


@dataclass
class _Read:
    name: str
    text: str  # lines end in LF or CRLF (a CR-only file is edited as LF, written back as CR)
    raw: bytes
    bom: bytes
    cr_only: bool = False


def _read(path: Path, options: Options) -> tuple[_Read | None, list[Problem]]:
    text, failure = read_text(path, options.max_bytes)
    if text is None:
        assert failure is not None
        return None, [failure]
    try:
        raw = read_regular(path, options.max_bytes)
    except Unreadable as error:  # replaced between the two reads
        raise EditError(f"{display_name(path)} changed while argmap was reading it: {error}") from None
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    cr_only = "\r" in text and "\n" not in text
    if cr_only:
        text = text.replace("\r", "\n")
    return _Read(display_name(path), text, raw, bom, cr_only), []


@dataclass
class _Refusal:
    """Why a map cannot be edited at all: the exit code, the problems, a line for the user."""

    code: int
    problems: list[Problem]
    message: str


def _open(path: Path, options: Options, invalid: str) -> tuple[_Read, MapResult, ResolvedMap] | _Refusal:
    """The map's text, its check and resolved map before the edit, or why there is nothing to edit."""
    read, problems = _read(path, options)
    if read is None:
        return _Refusal(EXIT_UNUSABLE, problems, "the map could not be read")
    before = check_map(path, options)
    if before.unreadable:
        return _Refusal(EXIT_UNUSABLE, before.problems, "the map could not be read")
    if before.resolved is None:
        return _Refusal(EXIT_PROBLEMS, before.problems, invalid)
    return read, before, before.resolved


def check_text(path: Path, text: str, options: Options) -> MapResult:
    """Check `text` as if it were the map at `path`.

    It is written to a hidden temporary file in the map's own folder (so sources resolve
    relative to the same place and the project root is the same) and removed afterwards;
    problems are reported against the map's own name.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot check the edited {path}: {error.strerror or error} in {folder}") from None
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
        except OSError as error:  # a full disk, a quota
            raise WriteError(f"cannot check the edited {path}: {error.strerror or error} in {folder}") from None
        if options.root is None:
            from argmap.anchor.sources import project_root

            options = replace(options, root=project_root(path))  # the same limits and configuration
        result = check_map(Path(temp_name), options)
    finally:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
    name, temp_shown = display_name(path), display_name(Path(temp_name))
    result.file = name
    # Problems of the copy are the map's; those of a base map (an overlay's) keep their file.
    result.problems = [_renamed(p, name) if p.file == temp_shown else p for p in result.problems]
    return result


def _renamed(item: Problem, name: str) -> Problem:
    return replace(item, file=name)


def _write(path: Path, read: _Read, text: str) -> None:
    """Write atomically, unless the file changed since it was read (someone else's edit)."""
    try:
        now = path.read_bytes()
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    if now != read.raw:
        raise WriteError(f"{read.name} changed while argmap was editing it; nothing was written: run the command again")
    if read.cr_only:
        text = text.replace("\n", "\r")
    write_atomic(path, read.bom + text.encode("utf-8"))


def _newline(text: str) -> str:
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts (line breaks shown as \\n; a missing final one is noted)."""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    ):
        if line.endswith("\n"):
            lines.append(line[:-2] + "\n" if line.endswith("\r\n") else line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# --- add --------------------------------------------------------------------------------------


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
    code: int
    claim_id: str | None = None
    relation: str | None = None  # "attacks" or "supports"
    target: str | None = None
    diff: str = ""
    refused: list[Problem] = field(default_factory=list)  # problems the new claim brings: not added
    warnings: list[Problem] = field(default_factory=list)  # the new claim's warnings (added anyway)
    existing: list[Problem] = field(default_factory=list)  # problems the map had before
    message: str | None = None  # why nothing could be done (with code 2, or 1 when invalid)
    written: bool = False


def next_id(kind: str, taken: Iterable[str]) -> str:
    """The kind's prefix and one more than the highest number used with it (O3 after O1, O2)."""
    prefix = ID_PREFIX[kind]
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
    opened = _open(path, options, "the map does not follow the format yet; fix the problems above, then add claims")
    if isinstance(opened, _Refusal):
        return AddResult(name, opened.code, existing=opened.problems, message=opened.message)
    read, before, resolved = opened
    if claim.kind not in ID_PREFIX:
        return AddResult(name, EXIT_UNUSABLE, message=f"cannot add a claim of kind `{claim.kind}`")
    relation = (
        ("attacks" if claim.kind in ATTACKING_KINDS else "supports")
        if claim.attacks is None
        else ("attacks" if claim.attacks else "supports")
    )
    taken = [c.id for c in resolved.model.claims]
    claim_id = claim.id or next_id(claim.kind, taken)
    fields = _claim_fields(claim, claim_id, relation)
    try:
        new_text, at, added = _append_claim(read.text, fields)
        if not _appended(read.text, new_text, fields):
            # The blank lines after the last claim belonged to it (a `|+` block keeps them):
            # the claim goes after them instead.
            new_text, at, added = _append_claim(read.text, fields, give_back=False)
    except EditError as error:
        return AddResult(name, EXIT_UNUSABLE, existing=before.problems, message=str(error))
    _verify_append(read.text, new_text, fields)
    after = check_text(path, new_text, options)
    first_line = new_text[:at].count("\n") + 1
    last_line = first_line + added.count("\n")
    fresh = _new_problems(before.problems, after.problems, first_line, last_line)
    result = AddResult(
        name,
        EXIT_OK,
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
        result.code = EXIT_PROBLEMS
        return result
    if not dry_run:
        _write(path, read, new_text)
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


def _append_claim(text: str, fields: dict[str, Any], give_back: bool = True) -> tuple[str, int, str]:
    """The text with the claim appended to `claims:`, where it went, and the text inserted.

    `give_back`: blank lines after the last claim stay after the new one (False: they are
    part of the last claim's value, and the new claim follows them)."""
    layout = scan(text)
    claims = layout.values.get(("claims",))
    if claims is None or claims.kind != "seq":
        raise EditError("the map has no `claims:` list to add to")
    newline = _newline(text)
    if claims.style == "flow" and not claims.items and not claims.in_flow:
        return _open_empty_flow(text, layout, claims, fields, newline)
    if claims.style == "flow" or not claims.items:
        return _append_flow(text, layout, claims, fields)
    last = layout.values[claims.items[-1]]
    dash = _dash_column(text, last.start)
    key_spot = layout.keys.get(("claims",))
    offset = max(0, dash - key_spot.column) if key_spot is not None else 2
    if last.kind == "map" and last.style == "flow":
        item = " " * dash + "- " + _flow_mapping(fields, text[last.start + 1 : last.start + 2] == " ") + newline
    else:
        key_column = last.column if last.kind == "map" else dash + 2
        item = _block_mapping(fields, dash, key_column, offset, newline)
    at = _end_of_item(text, last, dash, give_back)
    if _blank_line_before(text, last.start) and len(claims.items) > 1:
        item = newline + item
    if at == len(text) and text and not text.endswith("\n"):
        item = newline + item[: -len(newline)]  # the file had no final line break: add none
    return text[:at] + item + text[at:], at, item


def _open_empty_flow(
    text: str, layout: Layout, claims: Spot, fields: dict[str, Any], newline: str
) -> tuple[str, int, str]:
    """`claims: []` (as a scaffold writes it) becomes a block list holding the claim: a student's
    next edits then read like every other map, not as one ever-longer line."""
    key = layout.keys.get(("claims",))
    dash = (key.column if key is not None else 0) + 2
    item = _block_mapping(fields, dash, dash + 2, 2, newline)
    before, after = text[: claims.start].rstrip(" "), text[claims.end :]
    emptied = before + after  # `claims:` with its `[]` gone; a comment after it stays on its line
    line_end = after.find("\n")
    at = len(before) + (line_end + 1 if line_end != -1 else len(after))
    if line_end == -1:
        item = newline + item[: -len(newline)]
    return emptied[:at] + item + emptied[at:], at, item


def _dash_column(text: str, start: int) -> int:
    i = start - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    if i >= 0 and text[i] == "-":
        return i - (text.rfind("\n", 0, i) + 1)
    raise EditError("cannot tell how the claims are indented")  # pragma: no cover - a block item follows a dash


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _end_of_item(text: str, last: Spot, dash: int, give_back: bool = True) -> int:
    """Where the next item goes: after the last item's last line and the comments indented under it.

    Comments indented deeper than the list's dash belong to the last claim and stay with it;
    comments at the dash's column or further left (and blank lines) close the list and stay
    after the new claim.
    """
    end = last.end
    if end > 0 and text[end - 1] == "\n":  # a block scalar ends at the start of the next line
        at = end
        while give_back and at > 0 and text[at - 1] in "\r\n" and _line_blank(text, _line_start(text, at - 1), at):
            at = _line_start(text, at - 1)  # give back trailing blank lines
    else:
        newline_at = text.find("\n", end)
        at = len(text) if newline_at == -1 else newline_at + 1
    while at < len(text):
        newline_at = text.find("\n", at)
        line_end = len(text) if newline_at == -1 else newline_at + 1
        line = text[at:line_end]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > dash:
            at = line_end
            continue
        break
    return at


def _line_blank(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _blank_line_before(text: str, item_start: int) -> bool:
    """Is the last claim set apart by a blank line (above the comments that head it)?"""
    at = _line_start(text, item_start)
    while at > 0:
        previous = _line_start(text, at - 1)
        line = text[previous:at].strip()
        if not line:
            return True
        if not line.startswith("#"):
            return False
        at = previous
    return False


def _block_mapping(fields: dict[str, Any], dash: int, key_column: int, offset: int, newline: str) -> str:
    lines = []
    for index, (key, value) in enumerate(fields.items()):
        lead = " " * dash + "-" + " " * (key_column - dash - 1) if index == 0 else " " * key_column
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for entry in value:
                lines.append(" " * (key_column + offset) + "- " + render_scalar(entry, _ADD_STYLES))
        else:
            lines.append(f"{lead}{key}: {render_scalar(value, _ADD_STYLES)}")
    return newline.join(lines) + newline


def _flow_mapping(fields: dict[str, Any], padded: bool) -> str:
    parts = []
    for key, value in fields.items():
        if isinstance(value, list):
            rendered = "[" + ", ".join(render_scalar(v, _ADD_STYLES, True) for v in value) + "]"
        else:
            rendered = render_scalar(value, _ADD_STYLES, True)
        parts.append(f"{key}: {rendered}")
    inner = ", ".join(parts)
    return "{ " + inner + " }" if padded else "{" + inner + "}"


def _append_flow(text: str, layout: Layout, claims: Spot, fields: dict[str, Any]) -> tuple[str, int, str]:
    mapping = _flow_mapping(fields, False)
    if claims.style != "flow":
        raise EditError("the `claims:` list is empty in a form argmap cannot extend")  # pragma: no cover
    if claims.items:
        at = layout.values[claims.items[-1]].end
        inserted = ", " + mapping
    else:
        at = text.rfind("]", claims.start, claims.end)
        inserted = mapping
    return text[:at] + inserted + text[at:], at, inserted


# --- fix --------------------------------------------------------------------------------------


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
    code: int  # 0 fixed or nothing to fix; 1 problems remain; 2 unreadable or unwritable
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
    for (a, b), span in zip(pieces, spans):
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
    opened = _open(path, options, "the map does not follow the format yet, so its quotes cannot be looked up")
    if isinstance(opened, _Refusal):
        return FixResult(name, opened.code, problems=opened.problems, message=opened.message)
    read, before, resolved = opened
    layout = scan(read.text)
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
        new_text = _splice(read.text, [(spot, new) for spot, new, _, _ in wanted.values()])
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
    result = FixResult(name, EXIT_OK, unified_diff(read.text, new_text, name), fixes, unfixed, after.problems)
    if new_text != read.text and not dry_run:
        try:
            _write(path, read, new_text)
        except WriteError as error:
            result.code = EXIT_UNUSABLE
            result.message = str(error)
            return result
        result.written = True
    if after.errors or unfixed:
        result.code = EXIT_PROBLEMS
    return result


def _splice(text: str, edits: Iterable[tuple[Spot, str]]) -> str:
    """Each scalar rewritten to its new value, everything else byte for byte as it was."""
    splices = sorted((_rewrite_scalar(text, spot, value) for spot, value in edits), reverse=True)
    for start, end, replacement in splices:
        text = text[:start] + replacement + text[end:]
    return text


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
