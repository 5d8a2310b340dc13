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
