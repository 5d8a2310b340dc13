"""A source as read, and how its passages are found: scans, and word indexes for large texts."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from dataclasses import dataclass
from functools import cached_property

from argmap.anchor.normalise import Folded, fold
from argmap.anchor.span import typecode

# Up to this many normalised characters a scan of the whole text costs well under 1 ms; above it
# a word index finds a quote's places (and picks the regions a suggestion scans).
DIRECT_SCAN_MAX_CHARS = 65_536
_SCANS_BEFORE_INDEX = 200  # exact and normalised searches of a longer text before it is indexed
# Cost bounds. A quote that occurs more often than MAX_CANDIDATES times is reported as too
# common after that many (a quote of one letter would otherwise list each of tens of thousands,
# for every time a map repeats it).
MAX_CANDIDATES = 200


# --- word index for large sources ---------------------------------------------------------------

WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")


@dataclass(frozen=True)
class WordIndex:
    """Where each word of the normalised text occurs, to pick regions without a full scan."""

    starts: array[int]  # normalised offset of token i
    ends: array[int]
    postings: dict[str, array[int]]  # word -> token numbers, ascending (arrays: a tenth of a list's memory)

    @classmethod
    def build(cls, folded: str) -> WordIndex:
        # Offsets from the lengths of the split text (summed in C): a match object per word
        # made this most of the cost of checking against a 20 MB source. The text is split a
        # slice at a time, cut at a space, so the words in hand stay a few megabytes.
        code = typecode(len(folded))
        starts: array[int] = array(code)
        ends: array[int] = array(code)
        postings: dict[str, array[int]] = {}
        low = 0
        while low < len(folded):
            high = folded.find(" ", low + _INDEX_SLICE)
            high = len(folded) if high == -1 else high
            parts = _WORD_SPLIT.split(folded[low:high])
            offsets = array(code, itertools.accumulate(map(len, parts), initial=low))
            first = len(starts)
            starts.extend(offsets[1:-1:2])
            ends.extend(offsets[2::2])
            for number, word in enumerate(parts[1::2], start=first):
                found = postings.get(word)
                if found is None:
                    found = postings[word] = array(code)
                found.append(number)
            low = high
        return cls(starts, ends, postings)


_INDEX_SLICE = 1 << 20


# --- the source ---------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n?|\n")


class SourceText:
    """A source as read, with what anchoring needs built lazily, once, and cached.

    A map quotes one source many times: the normalised form, its index map, the word index and
    the line table are built on first use only, so a map whose quotes all match exactly never
    pays for them.
    """

    def __init__(self, text: str) -> None:
        self.text = text  # exactly as read: "\r\n" stays two characters
        self._scans = 0  # full scans made so far; past _SCANS_BEFORE_INDEX a word index pays

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset; CRLF, CR, LF end a line."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the text (0..{len(self.text)})")
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [found.end() for found in _LINE_BREAK.finditer(self.text)]

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    @cached_property
    def index(self) -> WordIndex:
        return WordIndex.build(self.folded.text)

    @cached_property
    def exact_index(self) -> WordIndex:
        return WordIndex.build(self.text)

    def _scan(self) -> bool:
        """Scan the whole text this time? For short texts and the first few quotes of a long one:
        building a word index costs about as much as a few hundred scans, and memory besides."""
        if len(self.text) <= DIRECT_SCAN_MAX_CHARS:
            return True
        self._scans += 1
        return self._scans <= _SCANS_BEFORE_INDEX

    def find_all(self, needle: str) -> Hits:
        """The starts of `needle` in the text as read (overlapping ones included), up to
        `MAX_CANDIDATES` of them."""
        if self._scan():
            return find_all(self.text, needle)
        return find_indexed(self.text, self.exact_index, needle)

    def find_all_folded(self, needle: str) -> Hits:
        """The starts of a normalised `needle` in the normalised text, likewise."""
        if self._scan():
            return find_all(self.folded.text, needle)
        return find_indexed(self.folded.text, self.index, needle)

    def folded_offset(self, offset: int) -> int:
        """The normalised offset of the first normalised character at or after an original offset."""
        return bisect.bisect_left(self.folded.starts, offset)

    def folded_text(self) -> str:
        return self.folded.text


@dataclass(frozen=True)
class Hits:
    """The first occurrences of a needle, ascending; `capped` when more were left unsearched."""

    haystack: str
    needle: str
    starts: list[int]
    capped: bool

    def first_from(self, offset: int) -> int:
        """The first occurrence starting at or after `offset`, or -1."""
        k = bisect.bisect_left(self.starts, offset)
        if k < len(self.starts):
            return self.starts[k]
        # Past the occurrences collected: search on (a capped needle is common, so this is short).
        return self.haystack.find(self.needle, offset) if self.capped else -1


def find_all(haystack: str, needle: str) -> Hits:
    """The starts of needle in haystack, overlapping ones included, up to MAX_CANDIDATES."""
    hits: list[int] = []
    at = haystack.find(needle)
    while at != -1:
        if len(hits) == MAX_CANDIDATES:
            return Hits(haystack, needle, hits, True)
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return Hits(haystack, needle, hits, False)


def find_indexed(haystack: str, index: WordIndex, needle: str) -> Hits:
    """`_find_all` through a word index: only where the needle's rarest whole word occurs.

    A word strictly inside the needle (neither its first nor its last, which may be the end
    or the start of a longer word of the text) is a whole word wherever the needle occurs, so
    its occurrences name every place the needle can start. Scanning a 1 MB source for each of
    10,000 quotes was most of the time of a large check; this reads a few postings instead.
    """
    words = list(WORD.finditer(needle))
    inner = words[1:-1]
    if not inner:
        return find_all(haystack, needle)
    rarest = min(inner, key=lambda word: len(index.postings.get(word.group(), ())))
    offset = rarest.start()
    hits: list[int] = []
    for token in index.postings.get(rarest.group(), ()):
        start = index.starts[token] - offset
        if start >= 0 and haystack.startswith(needle, start):
            if len(hits) == MAX_CANDIDATES:
                return Hits(haystack, needle, hits, True)
            hits.append(start)
    return Hits(haystack, needle, hits, False)
