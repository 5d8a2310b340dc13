"""A passage of a source, and the type of the arrays that hold many offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A passage of a source: 0-based code-point offsets into the original text."""

    start: int
    end: int  # end-exclusive


def typecode(largest: int) -> str:
    """The array type for offsets up to `largest`: four bytes each when they fit (sources do)."""
    return "i" if largest < 2**31 - 1 else "q"


# A suggestion shown for a quote not found must score at least this (0..100).
SUGGESTION_MIN_SCORE = 60.0


@dataclass(frozen=True)
class Suggestion:
    """The passage closest to a quote that was not found."""

    span: Span  # in the original text, snapped to word boundaries
    text: str  # source.text[span.start:span.end]
    score: float  # 0..100 similarity of the typed quote to `text` (both normalised)
    diff: str  # word diff typed -> source, see `word_diff`
