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

import bisect
import difflib
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

__all__ = [
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

# --- tuning (measured by bench/anchor_accuracy.py) ---------------------------------------------

# Suggestions for true passages score 63-100 (median 97); sentences that are not in the text
# score below this but for one that shares a four-word name with it.
SUGGESTION_MIN_SCORE = 60.0
# A quote longer than this is a paragraph pasted whole: no suggestion is searched for it.
_MAX_SUGGEST_QUOTE_CHARS = 2_000

# Locating. Up to this many normalised characters a rapidfuzz scan of the whole text costs well
# under 1 ms; above it a word index picks the regions to scan. Each quote word's occurrences
# vote for where the quote would start, counted in buckets of tokens; only the rarest words
# vote (the rarest always, the next ones while their occurrences fit the budget), and rapidfuzz
# scans the best few regions.
_DIRECT_SCAN_MAX_CHARS = 65_536
_SCANS_BEFORE_INDEX = 200  # exact and normalised searches of a longer text before it is indexed
_POSTINGS_BUDGET = 2_000
_BUCKET_TOKENS = 4  # a power of two
_REGIONS = 4

# Placing the edges. Each edge may move by up to _EDGE_WORDS tokens (looking within
# _EDGE_SEARCH_CHARS characters); a candidate edge is scored by aligning the quote's first (or
# last) _EDGE_ALIGN_WORDS words with the source words from it, at these word-level costs (see
# `_edge_cost`).
_EDGE_WORDS = 2
_EDGE_SEARCH_CHARS = 60
_EDGE_ALIGN_WORDS = 6
_COST_MISSING = 3.0  # a typed word left out
_COST_EXTRA = 1.0  # a source word taken in that was not typed
_COST_TYPO = 1.0  # a typed word read as a source word one or two slips away
_COST_OTHER = 2.5  # a typed word read as another word: a misremembered word, cheaper than leaving it out
_COST_SWAP = 1.5  # two adjacent words typed in the wrong order
# When an edge still leaves a typed word out (cost >= _COST_MISSING), difflib aligns the quote's
# first and last _EDGE_CHARS characters within _EDGE_PAD characters of the window; a matching
# block shorter than _MIN_EDGE_BLOCK at either end is chance (a lone letter), not evidence.
_EDGE_CHARS = 48
_EDGE_PAD = 30
_MIN_EDGE_BLOCK = 3
# Not worth that refinement: a passage scoring below this after the first placement (in
# measurement, sentences not in the text scored 43-60 there, true passages 70 and up).
_REFINE_MIN_SCORE = SUGGESTION_MIN_SCORE

# --- public data types -------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A passage of a source: 0-based code-point offsets into the original text."""

    start: int
    end: int  # end-exclusive


@dataclass(frozen=True)
class Suggestion:
    """The passage closest to a quote that was not found."""

    span: Span  # in the original text, snapped to word boundaries
    text: str  # source.text[span.start:span.end]
    score: float  # 0..100 similarity of the typed quote to `text` (both normalised)
    diff: str  # word diff typed -> source, see `word_diff`


MatchStatus = Literal["exact", "normalised", "ambiguous", "not_found", "selector_miss"]


@dataclass(frozen=True)
class Match:
    """What became of one quote.

    ``spans`` holds one span per elision piece (empty unless exact/normalised); ``candidates``
    every whole-quote occurrence when ambiguous or when the selectors ruled all of them out;
    ``suggestion`` the closest passage for not_found (None when nothing is close).
    """

    status: MatchStatus
    spans: tuple[Span, ...] = ()
    candidates: tuple[Span, ...] = ()
    suggestion: Suggestion | None = None

    @property
    def span(self) -> Span | None:
        """The whole quote, from its first piece's start to its last piece's end."""
        if not self.spans:
            return None
        return Span(self.spans[0].start, self.spans[-1].end)


# --- normalisation with an index map -----------------------------------------------------------

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
class _Folded:
    """A normalised text and, per normalised character, the original characters it came from."""

    text: str
    starts: array[int]  # original offset of the first character it came from
    ends: array[int]  # original end offset (exclusive) of the last character it came from

    def original(self, start: int, end: int) -> Span:
        """The original span of the normalised characters [start, end)."""
        return Span(self.starts[start], self.ends[end - 1])


class _Folder:
    """Builds a `_Folded` in one pass; a class only to share the three output buffers."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.out: list[str] = []
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")

    def run(self) -> _Folded:
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
        return _Folded("".join(self.out), self.starts, self.ends)

    def _ascii(self, start: int, end: int) -> None:
        if start < end:
            self.out.append(self.source[start:end].lower())
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def _space(self, start: int, end: int) -> None:
        # A run of whitespace (even one interrupted by dropped invisible characters) is one
        # space that stands for the whole run. ASCII runs never start or end with a space, so
        # the last piece of output is " " exactly when the output ends in a space.
        if self.out and self.out[-1] == " ":
            self.ends[-1] = end
        else:
            self.out.append(" ")
            self.starts.append(start)
            self.ends.append(end)

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
                    self.ends.append(j)
            i = j


def _fold(text: str) -> _Folded:
    return _Folder(text).run()


def normalise(text: str) -> str:
    """The form in which quotes are compared when the exact words are not found.

    NFKC; ‘ ’ ‚ ‛ ′ → ' and “ ” „ ‟ ″ « » → "; every dash → -; soft hyphens and zero-width
    characters dropped; casefold; each whitespace run → one space. Not stripped.
    """
    return _fold(text).text


# --- word index for large sources ---------------------------------------------------------------

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _WordIndex:
    """Where each word of the normalised text occurs, to pick regions without a full scan."""

    starts: array[int]  # normalised offset of token i
    ends: array[int]
    postings: dict[str, array[int]]  # word -> token numbers, ascending (arrays: a tenth of a list's memory)

    @classmethod
    def build(cls, folded: str) -> _WordIndex:
        starts: array[int] = array("q")
        ends: array[int] = array("q")
        postings: dict[str, array[int]] = {}
        for number, word in enumerate(_WORD.finditer(folded)):
            starts.append(word.start())
            ends.append(word.end())
            found = postings.get(word.group())
            if found is None:
                found = postings[word.group()] = array("l")
            found.append(number)
        return cls(starts, ends, postings)


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
    def _folded(self) -> _Folded:
        return _fold(self.text)

    @cached_property
    def _index(self) -> _WordIndex:
        return _WordIndex.build(self._folded.text)

    @cached_property
    def _exact_index(self) -> _WordIndex:
        return _WordIndex.build(self.text)

    def _scan(self) -> bool:
        """Scan the whole text this time? For short texts and the first few quotes of a long one:
        building a word index costs about as much as a few hundred scans, and memory besides."""
        if len(self.text) <= _DIRECT_SCAN_MAX_CHARS:
            return True
        self._scans += 1
        return self._scans <= _SCANS_BEFORE_INDEX

    def find_all(self, needle: str) -> list[int]:
        """Every start of `needle` in the text as read (overlapping ones included)."""
        if self._scan():
            return _find_all(self.text, needle)
        return _find_indexed(self.text, self._exact_index, needle)

    def find_all_folded(self, needle: str) -> list[int]:
        """Every start of a normalised `needle` in the normalised text."""
        if self._scan():
            return _find_all(self._folded.text, needle)
        return _find_indexed(self._folded.text, self._index, needle)


# --- finding a quote ----------------------------------------------------------------------------

_ELISION = re.compile(r"\[\s*(?:\.{3,}|…)\s*\]|\.{3,}|…|\.(?:\s\.){2}")

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
    pieces = [piece.strip() for piece in _ELISION.split(exact)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return Match("not_found")
    chains = _exact_chains(source, pieces)
    status: MatchStatus = "exact"
    if not chains:
        chains = _normalised_chains(source, pieces)
        status = "normalised"
    if not chains:
        failing = pieces[0] if len(pieces) == 1 else _first_failing(source, pieces)
        if failing is None or not suggest:
            return Match("not_found")
        return Match("not_found", suggestion=_suggest(source, failing))
    return _resolve(source, chains, status, prefix, suffix, occurrence)


def _find_all(haystack: str, needle: str) -> list[int]:
    """Every start of needle in haystack, overlapping ones included."""
    hits: list[int] = []
    at = haystack.find(needle)
    while at != -1:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def _find_indexed(haystack: str, index: _WordIndex, needle: str) -> list[int]:
    """`_find_all` through a word index: only where the needle's rarest whole word occurs.

    A word strictly inside the needle (neither its first nor its last, which may be the end
    or the start of a longer word of the text) is a whole word wherever the needle occurs, so
    its occurrences name every place the needle can start. Scanning a 1 MB source for each of
    10,000 quotes was most of the time of a large check; this reads a few postings instead.
    """
    words = list(_WORD.finditer(needle))
    inner = words[1:-1]
    if not inner:
        return _find_all(haystack, needle)
    rarest = min(inner, key=lambda word: len(index.postings.get(word.group(), ())))
    offset = rarest.start()
    hits = []
    for token in index.postings.get(rarest.group(), ()):
        start = index.starts[token] - offset
        if start >= 0 and haystack.startswith(needle, start):
            hits.append(start)
    return hits


def _chains(hits: Sequence[list[int]], lengths: Sequence[int]) -> list[list[tuple[int, int]]]:
    """Complete chains of pieces, one per occurrence of the first piece.

    Each later piece takes its first occurrence after the previous piece's end (the tightest
    reading of an elision), so two chains differ exactly when their first pieces do.
    """
    chains: list[list[tuple[int, int]]] = []
    for first in hits[0]:
        chain = [(first, first + lengths[0])]
        for piece_hits, length in zip(hits[1:], lengths[1:]):
            k = bisect.bisect_left(piece_hits, chain[-1][1])
            if k == len(piece_hits):
                # A later first piece cannot do better: every following piece would have to
                # start even later. So no more chains exist.
                return chains
            chain.append((piece_hits[k], piece_hits[k] + length))
        chains.append(chain)
    return chains


def _exact_chains(source: SourceText, pieces: list[str]) -> list[_Chain]:
    hits = []
    for piece in pieces:
        piece_hits = source.find_all(piece)
        if not piece_hits:
            return []
        hits.append(piece_hits)
    found = _chains(hits, [len(piece) for piece in pieces])
    return [tuple(Span(start, end) for start, end in chain) for chain in found]


def _fold_pieces(pieces: list[str]) -> list[str]:
    # A piece made only of invisible characters folds to nothing and constrains nothing.
    folded = [_fold(piece).text.strip() for piece in pieces]
    return [piece for piece in folded if piece]


def _normalised_chains(source: SourceText, pieces: list[str]) -> list[_Chain]:
    folded_pieces = _fold_pieces(pieces)
    if not folded_pieces:
        return []
    folded = source._folded
    hits = []
    for piece in folded_pieces:
        piece_hits = source.find_all_folded(piece)
        if not piece_hits:
            return []
        hits.append(piece_hits)
    found = _chains(hits, [len(piece) for piece in folded_pieces])
    return [tuple(folded.original(start, end) for start, end in chain) for chain in found]


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
    kept = [
        chain
        for chain in chains
        if (prefix is None or _preceded_by(source.text, chain[0].start, prefix))
        and (suffix is None or _followed_by(source.text, chain[-1].end, suffix))
    ]
    if occurrence is not None:
        kept = [kept[occurrence - 1]] if 1 <= occurrence <= len(kept) else []
    if len(kept) == 1:
        return Match(status, spans=kept[0])
    if not kept:
        return Match("selector_miss", candidates=everywhere)
    return Match("ambiguous", candidates=tuple(Span(c[0].start, c[-1].end) for c in kept))


def _preceded_by(text: str, offset: int, prefix: str) -> bool:
    wanted = normalise(prefix).rstrip()
    if not wanted:
        return True
    # Normalise only a window before the offset, widening it until it is long enough:
    # whitespace runs shrink when normalised, so the width needed is not known in advance.
    width = 2 * len(prefix) + 16
    while True:
        low = max(0, offset - width)
        before = normalise(text[low:offset]).rstrip()
        if low == 0 or len(before) > len(wanted) + 1:
            return before.endswith(wanted)
        width *= 2


def _followed_by(text: str, offset: int, suffix: str) -> bool:
    wanted = normalise(suffix).lstrip()
    if not wanted:
        return True
    width = 2 * len(suffix) + 16
    while True:
        high = min(len(text), offset + width)
        after = normalise(text[offset:high]).lstrip()
        if high == len(text) or len(after) > len(wanted) + 1:
            return after.startswith(wanted)
        width *= 2


# --- suggestions --------------------------------------------------------------------------------


def _first_failing(source: SourceText, pieces: list[str]) -> str | None:
    """The first piece that cannot be found after the pieces before it."""
    folded = source._folded.text
    end = 0
    for piece in pieces:
        wanted = _fold(piece).text.strip()
        if not wanted:
            continue
        at = folded.find(wanted, end)
        if at == -1:
            return piece
        end = at + len(wanted)
    # Only when every piece folds to nothing (the normalised search then had nothing to find).
    return None


def _suggest(source: SourceText, typed: str) -> Suggestion | None:
    """The closest passage to `typed`, or None when nothing scores SUGGESTION_MIN_SCORE."""
    from rapidfuzz import fuzz  # only a quote that is not found needs it: not imported at start-up

    wanted = _fold(typed).text.strip()
    text = source._folded.text
    if not wanted or len(wanted) > _MAX_SUGGEST_QUOTE_CHARS or not text.strip():
        return None
    window = _locate(source, wanted)
    if window is None:
        return None
    start, end = _place_edges(wanted, text, window)
    if start >= end:
        return None
    score = fuzz.ratio(wanted, text[start:end])
    if score < SUGGESTION_MIN_SCORE:
        return None
    span = source._folded.original(start, end)
    found = source.text[span.start : span.end]
    return Suggestion(span, found, score, word_diff(typed.strip(), found))


def _locate(source: SourceText, wanted: str) -> tuple[int, int] | None:
    """rapidfuzz's best window for the quote in the normalised text, or None."""
    from rapidfuzz import fuzz

    text = source._folded.text
    if len(text) <= _DIRECT_SCAN_MAX_CHARS:
        regions = [(0, len(text))]
    else:
        regions = _regions(source._index, wanted, len(text))
    best_score, best_window = -1.0, None
    for low, high in regions:
        found = fuzz.partial_ratio_alignment(wanted, text[low:high])
        if found is not None and found.score > best_score:
            best_score, best_window = found.score, (low + found.dest_start, low + found.dest_end)
    return best_window


def _regions(index: _WordIndex, wanted: str, text_length: int) -> list[tuple[int, int]]:
    """A few character windows of the normalised text where the quote's rarest words meet.

    Each occurrence of a quote word at token t votes for the quote starting at token t - j (j
    its place in the quote), counted in buckets of _BUCKET_TOKENS tokens; a bucket's score adds
    its neighbours' votes, as dropped or swapped words shift a word's place by one or two.
    Only the rarest words vote, within _POSTINGS_BUDGET: that bounds the cost on any source.
    """
    words = _WORD.findall(wanted)
    places: dict[str, list[int]] = {}
    for place, word in enumerate(words):
        if word in index.postings:
            places.setdefault(word, []).append(place)
    if not places:
        return []
    shift = _BUCKET_TOKENS.bit_length() - 1  # buckets are a power of two wide
    votes: list[int] = []
    for word in sorted(places, key=lambda w: len(index.postings[w])):
        postings = index.postings[word]
        if votes and len(votes) + len(postings) * len(places[word]) > _POSTINGS_BUDGET:
            break
        for place in places[word]:
            votes.extend([(token - place) >> shift for token in postings])
    counts = Counter(votes)
    # A passage's votes fill a bucket or two; chance puts one vote in most others.
    busy = [bucket for bucket, count in counts.items() if count > 1] or list(counts)
    scored = sorted(busy, key=lambda b: -(counts[b] + max(counts.get(b - 1, 0), counts.get(b + 1, 0))))
    slack = 2 + len(words) // 4  # dropped or added words stretch the passage
    last_token = len(index.starts) - 1
    regions: list[tuple[int, int]] = []
    chosen: list[int] = []
    for bucket in scored:
        if len(chosen) == _REGIONS:
            break
        if any(abs(bucket - other) <= 1 for other in chosen):
            continue  # the same cluster of votes
        chosen.append(bucket)
        first_token = bucket << shift
        low_token = min(max(0, first_token - _BUCKET_TOKENS - slack), last_token)
        high_token = min(last_token, max(0, first_token + 2 * _BUCKET_TOKENS + len(words) + slack))
        low = max(0, index.starts[low_token] - _EDGE_PAD)
        high = min(text_length, index.ends[high_token] + _EDGE_PAD)
        regions.append((low, high))
    return regions


def _place_edges(wanted: str, text: str, window: tuple[int, int]) -> tuple[int, int]:
    """The passage's edges: rapidfuzz's window moved by whole words, by difflib when in doubt.

    Most windows are off by a word or two at most, which `_best_edges` settles. When a typed
    word near an edge is still unaccounted for, the window may be off by more (several dropped
    words): difflib then aligns the quote's head and tail to place the edges, and the words
    decide again among both sets of edges.
    """
    from rapidfuzz import fuzz

    located = _snap(text, *window)
    start, end, doubt = _best_edges(wanted, text, [located])
    if doubt < _COST_MISSING or fuzz.ratio(wanted, text[start:end]) < _REFINE_MIN_SCORE:
        # Settled, or nothing like the quote (a sentence that is not in the source): moving
        # the edges by a few more words would not make it a suggestion.
        return start, end
    refined = _snap(text, *_refine(wanted, text, *window))
    edges = [span for span in (refined, located) if span[0] < span[1]]
    return _best_edges(wanted, text, edges)[:2] if edges else (start, end)


def _refine(wanted: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the window's edges to where difflib aligns the quote's head and tail.

    rapidfuzz's window has the quote's length, so a dropped or added word leaves an edge off
    by that word. Aligning only the quote's first and last _EDGE_CHARS characters within
    ±_EDGE_PAD of the edges finds the true edges at a fraction of a full alignment's cost.
    """
    head_low = max(0, start - _EDGE_PAD)
    head = _blocks(wanted[:_EDGE_CHARS], text[head_low : start + _EDGE_CHARS + _EDGE_PAD])
    tail_low = max(0, end - _EDGE_CHARS - _EDGE_PAD)
    tail = _blocks(wanted[-_EDGE_CHARS:], text[tail_low : end + _EDGE_PAD])
    new_start = head_low + head[0].b if head else start
    new_end = tail_low + tail[-1].b + tail[-1].size if tail else end
    if new_start >= new_end:
        return start, end
    return new_start, new_end


def _blocks(a: str, b: str) -> list[difflib.Match]:
    """difflib's matching blocks of a in b, without chance matches of a letter or two at the ends."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    while len(blocks) > 1 and blocks[0].size < _MIN_EDGE_BLOCK:
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1].size < _MIN_EDGE_BLOCK:
        blocks.pop()
    return blocks


def _is_word_char(text: str, i: int) -> bool:
    # Letters and digits, and an apostrophe or hyphen between two of them (won't, Sino-Russian).
    char = text[i]
    if char.isalnum():
        return True
    return char in "'-" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _inside_word(text: str, i: int) -> bool:
    """Whether offset i falls between two characters of one word."""
    return 0 < i < len(text) and _is_word_char(text, i - 1) and _is_word_char(text, i)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words and drop whitespace at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    return start, end


_TOKEN = re.compile(r"\S+")
_INNER = re.compile(r"\w(?:.*\w)?", re.DOTALL)  # a token without the punctuation around it
_Token = tuple[int, int, int, int]  # start, end, start of its first word, end of its last word


def _best_edges(wanted: str, text: str, edges: Sequence[tuple[int, int]]) -> tuple[int, int, float]:
    """Of the spans whose edges lie within _EDGE_WORDS words of the given ones, the best.

    Character alignment misplaces an edge when words next to it were swapped or dropped, or
    when a common word matched by chance. Words decide better: each candidate start is scored by
    aligning the quote's first words with the source words from there on, each end likewise
    backwards (`_edge_cost`); character similarity breaks ties, then the order of `edges`.
    Returns the span and the larger of its two edge costs.
    """
    from rapidfuzz import fuzz

    typed = _WORD.findall(wanted)
    if not typed or edges[0][0] >= edges[0][1]:
        return (*edges[0], 0.0)
    reach = _EDGE_ALIGN_WORDS + _EDGE_WORDS + 1  # source words an edge's alignment may use
    low = max(0, min(start for start, _end in edges) - _EDGE_SEARCH_CHARS)
    high = min(len(text), max(end for _start, end in edges) + _EDGE_SEARCH_CHARS)
    tokens = _tokens(text, low, high)
    words = list(_WORD.finditer(text, low, high))
    word_starts = [word.start() for word in words]
    word_ends = [word.end() for word in words]
    source_words = [word.group() for word in words]
    head, tail = typed[:_EDGE_ALIGN_WORDS], typed[::-1][:_EDGE_ALIGN_WORDS]

    # Each start is scored on the source words from it on, each end on the words up to it
    # (nearest first); the cost of reading a typed word as a source word is computed once.
    starts = dict.fromkeys(_candidate_starts(tokens, edges))
    firsts = {start: bisect.bisect_left(word_starts, start) for start in starts}
    low_word = min(firsts.values())
    head_costs = _replace_costs(head, source_words[low_word : max(firsts.values()) + reach])
    start_cost = {
        start: _edge_cost([row[first - low_word : first - low_word + reach] for row in head_costs])
        for start, first in firsts.items()
    }
    ends = dict.fromkeys(_candidate_ends(tokens, edges))
    lasts = {end: bisect.bisect_right(word_ends, end) for end in ends}
    low_word = max(0, min(lasts.values()) - reach)
    tail_costs = _replace_costs(tail, source_words[low_word : max(lasts.values())])
    end_cost = {
        end: _edge_cost([row[max(0, last - reach - low_word) : last - low_word][::-1] for row in tail_costs])
        for end, last in lasts.items()
    }
    start = _cheapest(start_cost, lambda s: fuzz.ratio(wanted, text[s : edges[0][1]]))
    end = _cheapest(end_cost, lambda e: fuzz.ratio(wanted, text[start:e]))
    if start >= end:
        return (*edges[0], _COST_MISSING)
    return start, end, max(start_cost[start], end_cost[end])


def _tokens(text: str, low: int, high: int) -> list[_Token]:
    """Whitespace-separated tokens: (start, end, start of first word, end of last word).

    An edge may fall at either: a quote may or may not take in the punctuation around a word.
    """
    tokens = []
    for token in _TOKEN.finditer(text, low, high):
        inner = _INNER.search(text, token.start(), token.end())
        start, end = token.span()
        tokens.append((start, end, *(inner.span() if inner else (start, end))))
    return tokens


def _candidate_starts(tokens: list[_Token], edges: Sequence[tuple[int, int]]) -> list[int]:
    """Each given start, and the tokens' starts up to _EDGE_WORDS tokens either side of it."""
    starts: list[int] = []
    for start, end in edges:
        before = [token for token in tokens if token[0] < start][-_EDGE_WORDS:]
        inside = [token for token in tokens if start < token[0] < end][:_EDGE_WORDS]
        starts.append(start)
        for token_start, _end, word_start, _word_end in before + inside:
            starts += [token_start, word_start]
    return starts


def _candidate_ends(tokens: list[_Token], edges: Sequence[tuple[int, int]]) -> list[int]:
    """Each given end, and the tokens' ends up to _EDGE_WORDS tokens either side of it."""
    ends: list[int] = []
    for start, end in edges:
        inside = [token for token in tokens if start < token[1] < end][-_EDGE_WORDS:]
        after = [token for token in tokens if token[1] > end][:_EDGE_WORDS]
        ends.append(end)
        for _start, token_end, _word_start, word_end in inside + after:
            ends += [token_end, word_end]
    return ends


def _cheapest(costs: dict[int, float], closeness: Callable[[int], float]) -> int:
    """The offset of least cost; of equally cheap ones the closest, then the first given."""
    least = min(costs.values())
    tied = [offset for offset, cost in costs.items() if cost == least]
    return tied[0] if len(tied) == 1 else max(tied, key=closeness)


def _replace_costs(typed: list[str], words: list[str]) -> list[list[float]]:
    """Cost of reading each typed word as each source word: same 0, a typo, or another word."""
    costs: dict[tuple[str, str], float] = {}
    rows = []
    for a in typed:
        row = []
        for b in words:
            if (a, b) not in costs:
                costs[a, b] = 0.0 if a == b else (_COST_TYPO if _is_typo(a, b) else _COST_OTHER)
            row.append(costs[a, b])
        rows.append(row)
    return rows


def _is_typo(typed: str, found: str) -> bool:
    from rapidfuzz.distance import OSA

    # One slip in a short word, two in a long one. Words of one or two letters are too short to
    # tell a typo from another word ("at"/"as"); "their" and "the" are two slips apart.
    shorter, longer = (len(typed), len(found)) if len(typed) < len(found) else (len(found), len(typed))
    limit = 1 if longer < 8 else 2
    return shorter >= 3 and longer - shorter <= limit and OSA.distance(typed, found) <= limit


def _edge_cost(replace: list[list[float]]) -> float:
    """Cost of aligning all typed words (rows) with a prefix of the source words (columns).

    `replace[i][j]` is the cost of reading typed word i as source word j; source words after
    the aligned prefix are free. A weighted word-level edit distance with transpositions
    (optimal string alignment): leaving out a typed word costs 3, taking in a source word that
    was not typed 1 (people drop words far more often than they add them), a typo 1, another
    word in place of the typed one 3, two swapped words 1.5. So an edge settles on a word the
    person typed, even misspelt or swapped, rather than on a word they did not type.
    """
    columns = len(replace[0]) if replace else 0
    missing, extra, swap = _COST_MISSING, _COST_EXTRA, _COST_SWAP  # locals: this loop is hot
    previous = [j * extra for j in range(columns + 1)]
    before_previous = previous
    row_above: list[float] = []
    for i, row in enumerate(replace, start=1):
        current = [i * missing]
        for j in range(1, columns + 1):
            # Comparisons rather than min(): this is the hottest loop of a suggestion.
            cost = previous[j] + missing
            if current[j - 1] + extra < cost:  # noqa: PLR1730
                cost = current[j - 1] + extra
            if previous[j - 1] + row[j - 1] < cost:  # noqa: PLR1730
                cost = previous[j - 1] + row[j - 1]
            # Two swapped words: typed word i is source word j-1 and typed i-1 is source j.
            swapped = j > 1 and bool(row_above) and row[j - 1] != 0.0 and row[j - 2] == row_above[j - 1] == 0.0
            if swapped and before_previous[j - 2] + swap < cost:
                cost = before_previous[j - 2] + swap
            current.append(cost)
        before_previous, previous, row_above = previous, current, row
    return min(previous)


def word_diff(typed: str, found: str) -> str:
    """A word diff from what was typed to what the source says.

    ``[-typed words-]`` must go, ``{+source words+}`` must come; unchanged words are shown as
    the source has them. Words are compared normalised, so the diff shows only the changes
    that matter (curly/straight quotes or case alone are not marked).

    >>> word_diff("the feild is", "the field is")
    'the [-feild-] {+field+} is'
    """
    typed_words, found_words = typed.split(), found.split()
    matcher = difflib.SequenceMatcher(None, _word_keys(typed_words), _word_keys(found_words), autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(" ".join(found_words[j1:j2]))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(typed_words[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(found_words[j1:j2]) + "+}")
    return " ".join(parts)


def _word_keys(words: list[str]) -> list[str]:
    # Most words are ASCII, whose normal form is simply lower case.
    return [word.lower() if word.isascii() else normalise(word) for word in words]
