"""Quote anchoring: find an author's exact words in a source text, down to the character.

A quote in a map is a verbatim passage; this module turns it into a `Span` of the source
(0-based, end-exclusive code-point offsets into the text *as read*: a CRLF counts two) or says
why it cannot. `find_quote` works in four steps, cheapest first:

1. **Elision.** ``...`` / ``…`` (also ``[...]`` and ``. . .``) split the quote into pieces that
   must occur in order, each after the previous one's end. A quote without one is one piece.
2. **Exact search** of every piece (all occurrences, overlapping ones too).
3. **Normalised search** when nothing matched exactly: NFKC, curly quotes and dashes folded,
   soft hyphens and zero-width characters dropped, casefold, whitespace runs as one space
   (`normalise`). Every normalised character remembers the original characters it came from,
   so a normalised hit maps back to exact original offsets.
4. **Suggestion** when nothing matched: rapidfuzz locates the closest window of the normalised
   text (on a large source only in a few regions picked by a word index, so a failing quote
   stays cheap); the window is snapped to word boundaries and each edge may move by a word or
   two to where the quote's first and last words align best, word by word (swapped and
   dropped words next to an edge fool a character alignment); when an edge is still in doubt,
   difflib aligns the quote's head and tail to place it. The suggestion is kept when the
   passage scores at least `SUGGESTION_MIN_SCORE`.

When a passage occurs more than once, ``prefix``/``suffix``/``occurrence`` pick one (W3C
TextQuoteSelector style); `_resolve` holds that logic for both search levels.

The method and thresholds follow `/work/shared/guides/anchoring.md` and are measured by
`bench/anchor_accuracy.py`. Nothing here raises on string input: a quote that cannot be
anchored is a `Match` with a status, never an exception.
"""

from __future__ import annotations

from argmap.anchor.normalise import normalise
from argmap.anchor.search import ELISION, MAX_SELECTOR_CHARS, Match, MatchStatus, find_quote
from argmap.anchor.span import SUGGESTION_MIN_SCORE, Span, Suggestion
from argmap.anchor.text import MAX_CANDIDATES, SourceText

__all__ = [
    "ELISION",
    "MAX_CANDIDATES",
    "MAX_SELECTOR_CHARS",
    "SUGGESTION_MIN_SCORE",
    "Match",
    "MatchStatus",
    "SourceText",
    "Span",
    "Suggestion",
    "find_quote",
    "normalise",
    "word_diff",
]


def word_diff(typed: str, found: str) -> str:
    """The word diff of a typed quote against the passage found (see `argmap.anchor.suggest.word_diff`)."""
    from argmap.anchor.suggest import word_diff as diff  # the suggestion machinery loads only when used

    return diff(typed, found)
