"""Normalisation: how quotes are compared when the exact words are not found.

NFKC, quote marks and dashes folded, soft hyphens and zero-width characters dropped, casefold,
whitespace runs as one space; every normalised character remembers the original characters it
came from, so a normalised hit maps back to exact original offsets.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

from argmap.anchor.span import Span, typecode

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"  # ‘ ’ ‚ ‛ ′
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"  # “ ” „ ‟ ″ « »
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # ‐ ‑ ‒ – — ― −
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
_FOLD_TABLE = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: None for c in _INVISIBLE},
    }
)

# Printable ASCII words with single spaces between them (the bulk of most texts) fold by
# `lower()` alone, one character for one, so they are handled a run at a time; other
# whitespace runs become one space; everything else goes through NFKC one cluster at a time.
_RUN = re.compile(r"(?P<ascii>[\x21-\x7e]+(?: [\x21-\x7e]+)*)|(?P<space>\s+)|(?P<other>[^\x21-\x7e\s]+)")


def _is_mark(char: str) -> bool:
    # A combining mark belongs to the character before it: NFKC may compose the two.
    return unicodedata.category(char)[0] == "M"


@lru_cache(maxsize=8192)
def _fold_cluster(cluster: str) -> str:
    # Fold before NFKC too: NFKC turns ″ into ′′, which would then fold to '' instead of ".
    folded = unicodedata.normalize("NFKC", cluster.translate(_FOLD_TABLE))
    return folded.translate(_FOLD_TABLE).casefold()


@dataclass(frozen=True)
class Folded:
    """A normalised text and, per normalised character, the original characters it came from."""

    text: str
    starts: array[int]  # original offset of the first character it came from
    # Original end offset (exclusive) of the last character it came from, where that is not
    # start + 1 (whitespace runs, letters with combining marks): most characters map one to
    # one, and a full array of ends was a fifth of the memory of checking a 20 MB source.
    wide: dict[int, int]

    def original(self, start: int, end: int) -> Span:
        """The original span of the normalised characters [start, end)."""
        last = end - 1
        return Span(self.starts[start], self.wide.get(last, self.starts[last] + 1))


class _Folder:
    """Builds a `Folded` in one pass; a class only to share the three output buffers."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.out: list[str] = []
        self.starts: array[int] = array(typecode(len(text)))
        self.wide: dict[int, int] = {}

    def run(self) -> Folded:
        text = self.source
        carried: int | None = None  # an ASCII letter held back for the mark that follows it
        for found in _RUN.finditer(text):
            start, end = found.span()
            if found.lastgroup == "ascii":
                if end < len(text) and _is_mark(text[end]):
                    end -= 1
                    carried = end
                self._ascii(start, end)
            elif found.lastgroup == "space":
                self._space(start, end)
            else:
                self._other(start if carried is None else carried, end)
                carried = None
        return Folded("".join(self.out), self.starts, self.wide)

    def _ascii(self, start: int, end: int) -> None:
        if start < end:
            self.out.append(self.source[start:end].lower())
            self.starts.extend(range(start, end))

    def _space(self, start: int, end: int) -> None:
        # A run of whitespace (even one interrupted by dropped invisible characters) is one
        # space that stands for the whole run. ASCII runs never start or end with a space, so
        # the last piece of output is " " exactly when the output ends in a space.
        if self.out and self.out[-1] == " ":
            self.wide[len(self.starts) - 1] = end
        else:
            self.out.append(" ")
            self.starts.append(start)
            if end != start + 1:
                self.wide[len(self.starts) - 1] = end

    def _other(self, start: int, end: int) -> None:
        text = self.source
        i = start
        while i < end:
            j = i + 1
            while j < end and _is_mark(text[j]):
                j += 1
            for char in _fold_cluster(text[i:j]):
                if char.isspace():
                    self._space(i, j)
                else:
                    self.out.append(char)
                    self.starts.append(i)
                    if j != i + 1:
                        self.wide[len(self.starts) - 1] = j
            i = j


def fold(text: str) -> Folded:
    return _Folder(text).run()


def normalise(text: str) -> str:
    """The form in which quotes are compared when the exact words are not found.

    NFKC; ‘ ’ ‚ ‛ ′ → ' and “ ” „ ‟ ″ « » → "; every dash → -; soft hyphens and zero-width
    characters dropped; casefold; each whitespace run → one space. Not stripped.
    """
    return fold(text).text
