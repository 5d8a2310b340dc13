"""The closest passage to a quote that was not found, and a word diff to it.

rapidfuzz locates the closest window of the normalised text (on a large source only in a few
regions picked by a word index, so a failing quote stays cheap); the window is snapped to word
boundaries and each edge may move by a word or two to where the quote's first and last words
align best, word by word; when an edge is still in doubt, difflib aligns the quote's head and
tail to place it. The suggestion is kept when the passage scores at least `SUGGESTION_MIN_SCORE`.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence

from argmap.anchor.normalise import fold, normalise
from argmap.anchor.span import SUGGESTION_MIN_SCORE, Suggestion
from argmap.anchor.text import DIRECT_SCAN_MAX_CHARS, WORD, SourceText, WordIndex

# --- tuning (measured by bench/anchor_accuracy.py) ---------------------------------------------

# Suggestions for true passages score 63-100 (median 97); sentences that are not in the text
# score below this but for one that shares a four-word name with it.
# A quote longer than this is a paragraph pasted whole: no suggestion is searched for it.
_MAX_SUGGEST_QUOTE_CHARS = 2_000

# Locating. Up to this many normalised characters a rapidfuzz scan of the whole text costs well
# under 1 ms; above it a word index picks the regions to scan. Each quote word's occurrences
# vote for where the quote would start, counted in buckets of tokens; only the rarest words
# vote (the rarest always, the next ones while their occurrences fit the budget), and rapidfuzz
# scans the best few regions.
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


# --- suggestions --------------------------------------------------------------------------------


def closest_passage(source: SourceText, typed: str) -> Suggestion | None:
    """The closest passage to `typed`, or None when nothing scores SUGGESTION_MIN_SCORE."""
    from rapidfuzz import fuzz  # only a quote that is not found needs it: not imported at start-up

    wanted = fold(typed).text.strip()
    text = source.folded.text
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
    span = source.folded.original(start, end)
    found = source.text[span.start : span.end]
    return Suggestion(span, found, score, word_diff(typed.strip(), found))


def _locate(source: SourceText, wanted: str) -> tuple[int, int] | None:
    """rapidfuzz's best window for the quote in the normalised text, or None."""
    from rapidfuzz import fuzz

    text = source.folded.text
    regions = [(0, len(text))] if len(text) <= DIRECT_SCAN_MAX_CHARS else _regions(source.index, wanted, len(text))
    best_score, best_window = -1.0, None
    for low, high in regions:
        found = fuzz.partial_ratio_alignment(wanted, text[low:high])
        if found is not None and found.score > best_score:
            best_score, best_window = found.score, (low + found.dest_start, low + found.dest_end)
    return best_window


def _regions(index: WordIndex, wanted: str, text_length: int) -> list[tuple[int, int]]:
    """A few character windows of the normalised text where the quote's rarest words meet.

    Each occurrence of a quote word at token t votes for the quote starting at token t - j (j
    its place in the quote), counted in buckets of _BUCKET_TOKENS tokens; a bucket's score adds
    its neighbours' votes, as dropped or swapped words shift a word's place by one or two.
    Only the rarest words vote, within _POSTINGS_BUDGET: that bounds the cost on any source.
    """
    words = WORD.findall(wanted)
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

    typed = WORD.findall(wanted)
    if not typed or edges[0][0] >= edges[0][1]:
        return (*edges[0], 0.0)
    reach = _EDGE_ALIGN_WORDS + _EDGE_WORDS + 1  # source words an edge's alignment may use
    low = max(0, min(start for start, _end in edges) - _EDGE_SEARCH_CHARS)
    high = min(len(text), max(end for _start, end in edges) + _EDGE_SEARCH_CHARS)
    tokens = _tokens(text, low, high)
    words = list(WORD.finditer(text, low, high))
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
