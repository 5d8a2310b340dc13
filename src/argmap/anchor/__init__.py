"""Quote anchoring: `argmap.anchor.find` is its public face (see its documentation)."""

from argmap.anchor.find import (
    ELISION,
    MAX_CANDIDATES,
    MAX_SELECTOR_CHARS,
    SUGGESTION_MIN_SCORE,
    Match,
    MatchStatus,
    SourceText,
    Span,
    Suggestion,
    find_quote,
    normalise,
    word_diff,
)

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
