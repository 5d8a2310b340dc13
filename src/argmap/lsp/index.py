"""What one map file defines and refers to, with where each is written.

Built from the file's own text (not the combined map of an overlay), so every
token's offsets are in that file. References are found inside the values of
`supports:`, `attacks:`, `undercuts:` and a relation's `from:` and `to:`; an
undercut's target `E1 -> P1` holds two of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from argmap.load.yaml_map import PathKey, Positions, load_text
from argmap.lsp.text import Encoding, Extent, Lines, scalar_extents

TokenKind = Literal["claim", "ref", "quote", "kind"]
REFERENCE_KEYS = ("supports", "attacks", "undercuts")
# An id inside a reference; `-` belongs to an id unless it starts an arrow (`E1->P1`).
_ID = re.compile(r"[A-Za-z](?:[A-Za-z0-9_.]|-(?!>))*")
_MAP_MARK = re.compile(r"^argmap\s*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    value: str  # the id (claim, ref), the kind, or the quote's words
    start: int
    end: int
    path: PathKey  # in this file


class MapIndex:
    """A map's text, with its scalars' extents and its tokens worked out when first asked for:
    diagnostics of a map without problems need neither, and the check is the work to keep quick."""

    def __init__(self, text: str, name: str, encoding: Encoding = "utf-16") -> None:
        self.text = text
        self.name = name
        self.lines = Lines(text, encoding)

    @cached_property
    def extents(self) -> dict[int, Extent]:
        return scalar_extents(self.text, self.lines)

    @cached_property
    def _parts(self) -> tuple[list[Token], str | None]:
        return _read(self)

    @property
    def tokens(self) -> list[Token]:
        """Sorted by position; empty while the YAML does not parse."""
        return self._parts[0]

    @property
    def extends(self) -> str | None:
        return self._parts[1]

    def at(self, offset: int) -> Token | None:
        """The token under the cursor (its end counts, so a cursor just after an id finds it)."""
        return next((t for t in self.tokens if t.start <= offset <= t.end), None)

    def definitions(self, claim_id: str) -> list[Token]:
        return [t for t in self.tokens if t.kind == "claim" and t.value == claim_id]

    def references(self, claim_id: str) -> list[Token]:
        return [t for t in self.tokens if t.kind == "ref" and t.value == claim_id]

    def claim_ids(self) -> list[str]:
        return list(dict.fromkeys(t.value for t in self.tokens if t.kind == "claim"))

    def extent(self, offset: int) -> Extent | None:
        return self.extents.get(offset)


def is_map_text(text: str) -> bool:
    """A map says `argmap:` at its top level; other YAML files are left alone."""
    return _MAP_MARK.search(text) is not None


def index_map(text: str, name: str, encoding: Encoding = "utf-16") -> MapIndex:
    return MapIndex(text, name, encoding)


def _read(index: MapIndex) -> tuple[list[Token], str | None]:
    loaded = load_text(index.text, index.name)
    if loaded.unreadable or not isinstance(loaded.data, dict):
        return [], None
    data: dict[str, Any] = loaded.data
    builder = _Tokens(index, loaded.positions)
    for c_index, claim in enumerate(_list(data.get("claims"))):
        if isinstance(claim, dict):
            builder.claim(("claims", c_index), claim)
    for r_index, relation in enumerate(_list(data.get("relations"))):
        if isinstance(relation, dict):
            builder.references(("relations", r_index, "from"), relation.get("from"))
            builder.references(("relations", r_index, "to"), relation.get("to"))
    extends = data.get("extends")
    return sorted(builder.tokens, key=lambda t: t.start), extends if isinstance(extends, str) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class _Tokens:
    def __init__(self, index: MapIndex, positions: Positions) -> None:
        self.index = index
        self.positions = positions
        self.tokens: list[Token] = []

    def claim(self, path: PathKey, claim: dict[str, Any]) -> None:
        if isinstance(claim.get("id"), str):
            self.whole("claim", (*path, "id"), claim["id"])
        if isinstance(claim.get("kind"), str):
            self.whole("kind", (*path, "kind"), claim["kind"])
        for key in REFERENCE_KEYS:
            self.references((*path, key), claim.get(key))
        for key in ("quote", "quotes"):
            self.quotes((*path, key), claim.get(key))

    def quotes(self, path: PathKey, value: Any) -> None:
        if isinstance(value, str):
            self.whole("quote", path, value)
        elif isinstance(value, dict) and isinstance(value.get("exact"), str):
            self.whole("quote", (*path, "exact"), value["exact"])
        elif isinstance(value, list):
            for q_index, item in enumerate(value):
                self.quotes((*path, q_index), item)

    def references(self, path: PathKey, value: Any) -> None:
        if isinstance(value, list):
            for r_index, item in enumerate(value):
                self.references((*path, r_index), item)
            return
        extent = self._extent(path)
        if not isinstance(value, str) or extent is None:
            return
        raw = self.index.text[extent.start : extent.end]
        for found in _ID.finditer(raw):
            start = extent.start + found.start()
            self.tokens.append(Token("ref", found.group(), start, start + len(found.group()), path))

    def whole(self, kind: TokenKind, path: PathKey, value: str) -> None:
        extent = self._extent(path)
        if extent is None:
            return
        start, end = extent.start, extent.end
        if kind == "claim":  # just the id, inside any quote marks: what a rename replaces
            inner = self.index.text.find(value, start, end)
            start, end = (inner, inner + len(value)) if inner >= 0 else (start, end)
        self.tokens.append(Token(kind, value, start, end, path))

    def _extent(self, path: PathKey) -> Extent | None:
        at = self.positions.values.get(path)
        if at is None:
            return None
        return self.index.extents.get(self.index.lines.offset(at.line, at.column))
