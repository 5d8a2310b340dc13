"""Finding a quote: elision, exact search, normalised search, selectors; a suggestion when all fail."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from argmap.anchor.normalise import fold, normalise
from argmap.anchor.span import Span, Suggestion
from argmap.anchor.text import Hits, SourceText

# A prefix or suffix is compared over at most this many characters (longer ones are refused).
MAX_SELECTOR_CHARS = 1_000


MatchStatus = Literal["exact", "normalised", "ambiguous", "not_found", "selector_miss"]


@dataclass(frozen=True)
class Match:
    """What became of one quote.

    ``spans`` holds one span per elision piece (empty unless exact/normalised); ``candidates``
    every whole-quote occurrence when ambiguous or when the selectors ruled all of them out;
    ``suggestion`` the closest passage for not_found (None when nothing is close). ``capped``:
    the quote occurs more than `MAX_CANDIDATES` times, and only the first ones were looked at.
    """

    status: MatchStatus
    spans: tuple[Span, ...] = ()
    candidates: tuple[Span, ...] = ()
    suggestion: Suggestion | None = None
    capped: bool = False

    @property
    def span(self) -> Span | None:
        """The whole quote, from its first piece's start to its last piece's end."""
        if not self.spans:
            return None
        return Span(self.spans[0].start, self.spans[-1].end)


# --- finding a quote ----------------------------------------------------------------------------

ELISION = re.compile(r"\[\s*(?:\.{3,}|…)\s*\]|\.{3,}|…|\.(?:\s\.){2}")

_Chain = tuple[Span, ...]  # one span per piece


def find_quote(
    source: SourceText,
    exact: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
    suggest: bool = True,
) -> Match:
    """Anchor a quote in a source: exact, else normalised, else a suggestion.

    ``suggest=False`` skips the search for the closest passage (the one costly step), for
    callers that bound how many suggestions a map may cost.

    ``prefix``/``suffix`` (compared normalised; whitespace where they meet the quote is
    ignored) and ``occurrence`` (1-based, counted among the occurrences the prefix and suffix
    allow) pick one of several occurrences; with a single occurrence they are not consulted.
    Leading and trailing whitespace of the quote is never part of it.
    """
    pieces = [piece.strip() for piece in ELISION.split(exact)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return Match("not_found")
    chains, capped = _exact_chains(source, pieces)
    status: MatchStatus = "exact"
    if not chains:
        chains, capped = _normalised_chains(source, pieces)
        status = "normalised"
    if not chains:
        failing = pieces[0] if len(pieces) == 1 else _first_failing(source, pieces)
        if failing is None or not suggest:
            return Match("not_found")
        from argmap.anchor.suggest import closest_passage  # only for a quote that was not found

        return Match("not_found", suggestion=closest_passage(source, failing))
    if capped and prefix is None and suffix is None and occurrence is not None and occurrence <= len(chains):
        return Match(status, spans=chains[occurrence - 1])  # the first occurrences are all there
    if capped:
        # Too common to pick one: prefix and suffix could only be judged against every occurrence.
        return Match("ambiguous", candidates=tuple(Span(c[0].start, c[-1].end) for c in chains), capped=True)
    return _resolve(source, chains, status, prefix, suffix, occurrence)


def _chains(hits: Sequence[Hits]) -> list[list[tuple[int, int]]]:
    """Complete chains of pieces, one per occurrence of the first piece (up to MAX_CANDIDATES).

    Each later piece takes its first occurrence after the previous piece's end (the tightest
    reading of an elision), so two chains differ exactly when their first pieces do.
    """
    chains: list[list[tuple[int, int]]] = []
    for first in hits[0].starts:
        chain = [(first, first + len(hits[0].needle))]
        for piece in hits[1:]:
            at = piece.first_from(chain[-1][1])
            if at == -1:
                # A later first piece cannot do better: every following piece would have to
                # start even later. So no more chains exist.
                return chains
            chain.append((at, at + len(piece.needle)))
        chains.append(chain)
    return chains


def _exact_chains(source: SourceText, pieces: list[str]) -> tuple[list[_Chain], bool]:
    """The chains found, and whether the first piece had more occurrences than were searched."""
    hits = []
    for piece in pieces:
        piece_hits = source.find_all(piece)
        if not piece_hits.starts:
            return [], False
        hits.append(piece_hits)
    found = _chains(hits)
    return [tuple(Span(start, end) for start, end in chain) for chain in found], hits[0].capped


def _fold_pieces(pieces: list[str]) -> list[str]:
    # A piece made only of invisible characters folds to nothing and constrains nothing.
    folded = [fold(piece).text.strip() for piece in pieces]
    return [piece for piece in folded if piece]


def _normalised_chains(source: SourceText, pieces: list[str]) -> tuple[list[_Chain], bool]:
    folded_pieces = _fold_pieces(pieces)
    if not folded_pieces:
        return [], False
    folded = source.folded
    hits = []
    for piece in folded_pieces:
        piece_hits = source.find_all_folded(piece)
        if not piece_hits.starts:
            return [], False
        hits.append(piece_hits)
    found = _chains(hits)
    return [tuple(folded.original(start, end) for start, end in chain) for chain in found], hits[0].capped


def _resolve(
    source: SourceText,
    chains: list[_Chain],
    status: MatchStatus,
    prefix: str | None,
    suffix: str | None,
    occurrence: int | None,
) -> Match:
    """One chain is the match; several are narrowed by the selectors."""
    if len(chains) == 1:
        return Match(status, spans=chains[0])
    everywhere = tuple(Span(chain[0].start, chain[-1].end) for chain in chains)
    if prefix is None and suffix is None and occurrence is None:
        return Match("ambiguous", candidates=everywhere)
    # Each selector is normalised once, and compared with the source's own normalised text.
    wanted_before = normalise(prefix).rstrip() if prefix is not None else ""
    wanted_after = normalise(suffix).lstrip() if suffix is not None else ""
    kept = [
        chain
        for chain in chains
        if (not wanted_before or _preceded_by(source, chain[0].start, wanted_before))
        and (not wanted_after or _followed_by(source, chain[-1].end, wanted_after))
    ]
    if occurrence is not None:
        kept = [kept[occurrence - 1]] if 1 <= occurrence <= len(kept) else []
    if len(kept) == 1:
        return Match(status, spans=kept[0])
    if not kept:
        return Match("selector_miss", candidates=everywhere)
    return Match("ambiguous", candidates=tuple(Span(c[0].start, c[-1].end) for c in kept))


def _preceded_by(source: SourceText, offset: int, wanted: str) -> bool:
    """Whether the normalised text before `offset` ends with `wanted` (whitespace between ignored).

    A slice of the normalised source, not a fresh normalisation per occurrence: with many
    occurrences and a long prefix, normalising a window for each was quadratic."""
    folded = source.folded_text()
    end = source.folded_offset(offset)
    window = folded[max(0, end - len(wanted) - 2) : end].rstrip()
    return window.endswith(wanted)


def _followed_by(source: SourceText, offset: int, wanted: str) -> bool:
    folded = source.folded_text()
    start = source.folded_offset(offset)
    window = folded[start : start + len(wanted) + 2].lstrip()
    return window.startswith(wanted)


def _first_failing(source: SourceText, pieces: list[str]) -> str | None:
    """The first piece that cannot be found after the pieces before it."""
    folded = source.folded.text
    end = 0
    for piece in pieces:
        wanted = fold(piece).text.strip()
        if not wanted:
            continue
        at = folded.find(wanted, end)
        if at == -1:
            return piece
        end = at + len(wanted)
    # Only when every piece folds to nothing (the normalised search then had nothing to find).
    return None
