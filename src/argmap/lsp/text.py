"""Where things are in a document, in argmap's terms and in the editor's.

argmap counts lines and columns from 1, in characters (code points); LSP counts
from 0, and columns in the code units the editor and server agreed on when they
started: UTF-16 unless the editor offered UTF-8 or UTF-32. A character outside
the Basic Multilingual Plane (an emoji, a rare CJK ideograph) is one column for
argmap, two UTF-16 units and four UTF-8 bytes; 中 is one, one and three.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import yaml
from lsprotocol import types

from argmap.load.events import parse_events

_BREAK = re.compile(r"\r\n|\r|\n")


Encoding = Literal["utf-8", "utf-16", "utf-32"]


def _units(encoding: Encoding) -> Callable[[str], int]:
    """How many of the encoding's code units one character takes."""
    if encoding == "utf-8":
        return lambda char: 1 if char < "\x80" else 2 if char < "\u0800" else 3 if char <= "\uffff" else 4
    if encoding == "utf-16":
        return lambda char: 2 if char > "\uffff" else 1
    return lambda char: 1


class Lines:
    """A document's text with its line starts, to convert between offsets and positions."""

    def __init__(self, text: str, encoding: Encoding = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self._units = _units(encoding)
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def offset(self, line: int, column: int) -> int:
        """The offset of argmap's 1-based `line:column` (clamped into the text)."""
        index = min(max(line, 1), len(self.starts)) - 1
        return min(self.starts[index] + max(column, 1) - 1, self._line_end(index))

    def line_of(self, offset: int) -> int:
        """0-based line holding `offset`."""
        return bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        """The 0-based line's text, without its line break."""
        return self.text[self.starts[line] : self._line_end(line)]

    def to_lsp(self, offset: int) -> types.Position:
        line = self.line_of(offset)
        before = self.text[self.starts[line] : offset]
        character = len(before) if before.isascii() else sum(map(self._units, before))
        return types.Position(line=line, character=character)

    def from_lsp(self, position: types.Position) -> int:
        line = min(position.line, len(self.starts) - 1)
        start, end = self.starts[line], self._line_end(line)
        units = 0
        for offset in range(start, end):
            if units >= position.character:
                return offset
            units += self._units(self.text[offset])
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.to_lsp(start), end=self.to_lsp(end))

    def _line_end(self, line: int) -> int:
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - 2 if self.text[end - 2 : end] == "\r\n" else end - 1
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Extent:
    start: int
    end: int


def scalar_extents(text: str, lines: Lines) -> dict[int, Extent]:
    """Every scalar (key or value) of the YAML, by its start offset, as far as the text parses.

    A block scalar (`|`, `>`) ends where the next line starts; its trailing line
    breaks are left out, so that replacing it keeps the line after it in place.
    """
    extents: dict[int, Extent] = {}
    try:
        for event in parse_events(text):
            if type(event).__name__ != "ScalarEvent":
                continue
            # line and column, not `index`: libyaml's index may count bytes, its columns count characters
            start = lines.offset(event.start_mark.line + 1, event.start_mark.column + 1)
            end = _mark_offset(lines, event.end_mark)
            while end > start and text[end - 1] in "\r\n \t":
                end -= 1
            extents[start] = Extent(start, end)
    except yaml.YAMLError:
        pass  # a document being typed: what parsed so far is still useful
    return extents


def _mark_offset(lines: Lines, mark: yaml.Mark) -> int:
    line = mark.line + 1
    if line > len(lines.starts):  # the end of a text without a final line break
        return len(lines.text)
    return lines.offset(line, mark.column + 1)


def token_end(text: str, start: int) -> int:
    """Where a diagnostic that starts at something other than a scalar should end: the line's end."""
    end = start
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end if end > start else min(start + 1, len(text))
