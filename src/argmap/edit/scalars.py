"""Writing scalars into a map's text: a value rendered as YAML, and splices that change only it.

A rendered value must read back as exactly that value (it is parsed again to make sure); a
rewritten scalar keeps its quoting style, or its block style (`|`, `>`), when the new value
allows it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from argmap.edit.locate import Spot
from argmap.edit.session import EditError
from argmap.load.yaml_map import load_text


def needs_escape(char: str) -> bool:
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
        elif needs_escape(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _candidate(value: str, style: str) -> str | None:
    if style == '"':
        return double_quoted(value)
    if any(needs_escape(char) for char in value):
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


ADD_STYLES = ("", "'")  # a new claim's values: plain when possible, else single quotes
_PREFERENCE: dict[str, tuple[str, ...]] = {"": ("", "'"), "'": ("'",), '"': ('"',), "|": ("'",), ">": ("'",)}


def rewrite_scalar(text: str, spot: Spot, value: str) -> tuple[int, int, str]:
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
    if not line or line != line.strip() or any(needs_escape(char) for char in line):
        return None
    newline = "\r\n" if header.endswith("\r") else "\n"
    return f"{header}{newline}{indent}{line}"


def splice(text: str, edits: Iterable[tuple[Spot, str]]) -> str:
    """Each scalar rewritten to its new value, everything else byte for byte as it was."""
    splices = sorted((rewrite_scalar(text, spot, value) for spot, value in edits), reverse=True)
    for start, end, replacement in splices:
        text = text[:start] + replacement + text[end:]
    return text
