"""Quote anchoring (`argmap.anchor.find`), against the real op-ed.

Every expected offset is computed from a literal copy of the source passage, so a test reads as
"this quote lands exactly on these characters of the article".
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.anchor.find import MAX_CANDIDATES, Match, SourceText, Span, find_quote, normalise, word_diff
from argmap.anchor.text import find_all, find_indexed

OPED_PATH = Path(__file__).resolve().parent.parent / "seeds" / "countering-external-threats.txt"
OPED = OPED_PATH.read_text(encoding="utf-8")
SOURCE = SourceText(OPED)


def span_of(passage: str, text: str = OPED) -> Span:
    """Where a passage (copied literally from the source) is; it must occur exactly once."""
    assert text.count(passage) == 1, passage
    start = text.index(passage)
    return Span(start, start + len(passage))


def spans_of(passage: str, text: str = OPED) -> tuple[Span, ...]:
    """Every occurrence of a passage, in order."""
    found, at = [], text.find(passage)
    while at != -1:
        found.append(Span(at, at + len(passage)))
        at = text.find(passage, at + 1)
    return tuple(found)


def found_text(match: Match) -> str:
    assert match.span is not None
    return OPED[match.span.start : match.span.end]


def test_the_seed_is_the_file_handed_to_the_project() -> None:
    assert len(OPED) == 5479
    assert OPED.count("\n") == 41


# --- exact ------------------------------------------------------------------------------------


def test_an_exact_quote_is_found_at_its_offsets() -> None:
    quote = "spoke highly of the current state of Sino-Russian relations"
    match = find_quote(SOURCE, quote)
    assert match == Match("exact", spans=(span_of(quote),))
    assert match.span == span_of(quote)


def test_leading_and_trailing_whitespace_of_a_quote_is_not_part_of_it() -> None:
    # A YAML block scalar (`quote: |`) ends in a newline; the passage is still exact.
    match = find_quote(SOURCE, "  they won’t accept any attempt\n")
    assert match.status == "exact"
    assert match.span == span_of("they won’t accept any attempt")


def test_a_passage_that_occurs_several_times_is_ambiguous_and_names_every_place() -> None:
    match = find_quote(SOURCE, "external threats")
    assert match.status == "ambiguous"
    assert len(match.candidates) == 5
    assert match.candidates == spans_of("external threats")
    assert match.spans == () and match.span is None


def test_overlapping_occurrences_all_count() -> None:
    match = find_quote(SourceText("aaaa"), "aa")
    assert match.candidates == (Span(0, 2), Span(1, 3), Span(2, 4))


# --- picking one of several occurrences ---------------------------------------------------------


def test_prefix_picks_the_occurrence_preceded_by_it() -> None:
    match = find_quote(SOURCE, "external threats", prefix="specific ")
    assert match.status == "exact"
    assert match.span == spans_of("external threats")[2]
    assert OPED[match.span.start - 9 : match.span.end] == "specific external threats"


def test_whitespace_where_the_prefix_meets_the_quote_does_not_matter() -> None:
    with_space = find_quote(SOURCE, "external threats", prefix="specific ")
    without = find_quote(SOURCE, "external threats", prefix="specific")
    assert with_space == without


def test_suffix_picks_the_occurrence_followed_by_it() -> None:
    match = find_quote(SOURCE, "external threats", suffix=" diverged")
    assert match.status == "exact"
    assert match.span == spans_of("external threats")[2]
    assert OPED[match.span.start : match.span.end + 9] == "external threats diverged"


def test_occurrence_picks_the_nth_one_counting_from_1() -> None:
    match = find_quote(SOURCE, "external threats", occurrence=2)
    assert match.status == "exact"
    assert match.span == spans_of("external threats")[1]
    assert OPED[match.span.start - 10 : match.span.start] == "balancing "


def test_prefix_is_compared_normalised_so_straight_quotes_match_curly_ones() -> None:
    # "the country’s security interests": the prefix is typed with a straight apostrophe.
    assert len(spans_of("security interests")) == 2
    match = find_quote(SOURCE, "security interests", prefix="country's ")
    assert match.status == "exact"
    assert match.span == spans_of("security interests")[1]
    assert OPED[match.span.start - 10 : match.span.end] == "country’s security interests"


def test_occurrence_counts_among_the_occurrences_the_prefix_and_suffix_allow() -> None:
    # Followed by a comma: "common external threats," and "To counter external threats,".
    match = find_quote(SOURCE, "external threats", suffix=",", occurrence=2)
    assert match.span == spans_of("external threats")[4]
    assert OPED[match.span.start - 11 : match.span.end + 1] == "To counter external threats,"


def test_selectors_that_leave_several_occurrences_stay_ambiguous() -> None:
    match = find_quote(SOURCE, "external threats", suffix=",")
    assert match.status == "ambiguous"
    assert match.candidates == (spans_of("external threats")[3], spans_of("external threats")[4])


@pytest.mark.parametrize(
    ("prefix", "suffix", "occurrence"), [("imaginary ", None, None), (None, " everywhere", None), (None, None, 9)]
)
def test_selectors_that_rule_out_every_occurrence_are_a_selector_miss(
    prefix: str | None, suffix: str | None, occurrence: int | None
) -> None:
    match = find_quote(SOURCE, "external threats", prefix=prefix, suffix=suffix, occurrence=occurrence)
    assert match.status == "selector_miss"
    assert match.candidates == spans_of("external threats")
    assert match.spans == ()


def test_selectors_are_not_consulted_when_the_passage_occurs_once() -> None:
    match = find_quote(SOURCE, "won’t accept", prefix="no such prefix")
    assert match.status == "exact"


# --- normalised -------------------------------------------------------------------------------


def test_straight_quotes_find_curly_ones() -> None:
    match = find_quote(SOURCE, "won't accept")
    assert match.status == "normalised"
    assert found_text(match) == "won’t accept"
    assert match.span == span_of("won’t accept")


def test_a_plain_space_finds_a_no_break_space() -> None:
    match = find_quote(SOURCE, "Ministry said")
    assert match.status == "normalised"
    assert found_text(match) == "Ministry\u00a0said"
    assert match.span == span_of("Ministry\u00a0said")


def test_a_quote_across_a_paragraph_break_matches_whatever_whitespace_is_there() -> None:
    passage = "external threats diverged.\u00a0\u00a0\n\nRussia supports multipolarity"
    match = find_quote(SOURCE, "external threats diverged.\nRussia supports multipolarity")
    assert match.status == "normalised"
    assert match.span == span_of(passage)
    assert found_text(match) == passage


def test_case_is_ignored_after_the_exact_search() -> None:
    match = find_quote(SOURCE, "CHINESE PRESIDENT XI JINPING AND RUSSIAN PRESIDENT")
    assert match.status == "normalised"
    assert found_text(match) == "Chinese President Xi Jinping and Russian President"


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"])
def test_every_dash_is_a_hyphen(dash: str) -> None:
    match = find_quote(SOURCE, f"Sino{dash}Russian relations")
    assert match.status == "normalised"
    assert match.span == span_of("Sino-Russian relations")


def test_a_hyphen_finds_a_dash_in_the_source() -> None:
    source = SourceText("the Xi\u2013Putin summit")
    match = find_quote(source, "Xi-Putin summit")
    assert match == Match("normalised", spans=(Span(4, 19),))


def test_soft_hyphens_and_zero_width_characters_are_invisible() -> None:
    source = SourceText("multi\u00adpolarity and zero\u200bwidth")
    assert find_quote(source, "multipolarity").span == Span(0, 14)
    assert find_quote(source, "zerowidth").span == Span(19, 29)


def test_a_normalised_match_that_occurs_twice_is_ambiguous() -> None:
    match = find_quote(SOURCE, "chinese president xi jinping")
    assert match.status == "ambiguous"
    assert match.candidates == spans_of("Chinese President Xi Jinping")


def test_selectors_pick_among_normalised_matches_too() -> None:
    # The photo caption says "holds talks with Chinese President Xi Jinping via a video link".
    match = find_quote(SOURCE, "chinese president xi jinping", prefix="talks with")
    assert match.status == "normalised"
    assert match.span == spans_of("Chinese President Xi Jinping")[0]


# --- elision ----------------------------------------------------------------------------------


def test_an_elision_skips_words_and_each_piece_gets_a_span() -> None:
    quote = "Two-way trade volume reached $123 billion ... before the pandemic."
    match = find_quote(SOURCE, quote)
    assert match.status == "exact"
    assert match.spans == (
        span_of("Two-way trade volume reached $123 billion"),
        span_of("before the pandemic."),
    )
    assert match.span == Span(span_of("Two-way trade").start, span_of("before the pandemic.").end)


@pytest.mark.parametrize("elision", ["...", "…", "[...]", "[…]", ". . .", "...."])
def test_every_way_of_writing_an_elision(elision: str) -> None:
    match = find_quote(SOURCE, f"Two-way trade volume {elision} before the pandemic.")
    assert match.spans == (span_of("Two-way trade volume"), span_of("before the pandemic."))


def test_an_elision_may_run_across_sentences() -> None:
    quote = "Russia supports multipolarity in international politics … China stands for multilateralism"
    match = find_quote(SOURCE, quote)
    assert match.status == "exact"
    assert [OPED[s.start : s.end] for s in match.spans] == [
        "Russia supports multipolarity in international politics",
        "China stands for multilateralism",
    ]


def test_an_elision_with_a_piece_found_only_normalised_is_normalised() -> None:
    match = find_quote(SOURCE, "they won't accept any attempt ... the Games")
    assert match.status == "normalised"
    assert match.spans == (span_of("they won’t accept any attempt"), span_of("the Games"))


def test_elided_pieces_must_come_in_order() -> None:
    match = find_quote(SOURCE, "Back to Top ... You might also like")
    assert match.status == "not_found"
    # The suggestion points at the piece that could not follow the one before it.
    assert match.suggestion is not None
    assert match.suggestion.span == span_of("You might also like")


def test_an_elided_quote_is_ambiguous_when_its_first_piece_is() -> None:
    # Each "external threats" is followed, sooner or later, by "China".
    match = find_quote(SOURCE, "external threats ... China")
    assert match.status == "ambiguous"
    assert [c.start for c in match.candidates] == [s.start for s in spans_of("external threats")]


def test_a_quote_of_only_an_elision_or_only_whitespace_finds_nothing() -> None:
    for quote in ("", "   ", "\n\t", "...", " … ", "[...]"):
        assert find_quote(SOURCE, quote) == Match("not_found"), repr(quote)


# --- suggestions when nothing matches ---------------------------------------------------------


def test_a_typo_gets_the_true_passage_and_a_word_diff() -> None:
    match = find_quote(SOURCE, "spoke highly of the curent state of Sino-Russian relations")
    assert match.status == "not_found"
    suggestion = match.suggestion
    assert suggestion is not None
    assert suggestion.span == span_of("spoke highly of the current state of Sino-Russian relations")
    assert suggestion.text == "spoke highly of the current state of Sino-Russian relations"
    assert suggestion.score >= 90
    assert suggestion.diff == "spoke highly of the [-curent-] {+current+} state of Sino-Russian relations"


def test_a_dropped_word_gets_the_true_passage() -> None:
    match = find_quote(SOURCE, "reiterating that they won’t any attempt to politicize the Games")
    assert match.suggestion is not None
    assert match.suggestion.span == span_of("reiterating that they won’t accept any attempt to politicize the Games")
    assert match.suggestion.diff == ("reiterating that they won’t {+accept+} any attempt to politicize the Games")


def test_swapped_words_get_the_true_passage() -> None:
    match = find_quote(SOURCE, "Russia supports multipolarity in politics international")
    assert match.suggestion is not None
    assert match.suggestion.span == span_of("Russia supports multipolarity in international politics")


def test_swapped_words_at_the_start_do_not_cut_the_first_word_off() -> None:
    match = find_quote(SOURCE, "current the state of Sino-Russian relations")
    assert match.suggestion is not None
    assert match.suggestion.text == "the current state of Sino-Russian relations"


def test_straight_quotes_and_a_typo_get_the_true_passage() -> None:
    match = find_quote(SOURCE, "they won't acept any attempt to politicize the Games")
    assert match.suggestion is not None
    assert match.suggestion.span == span_of("they won’t accept any attempt to politicize the Games")
    assert match.suggestion.diff == "they won’t [-acept-] {+accept+} any attempt to politicize the Games"


def test_a_sentence_that_is_not_in_the_source_gets_no_suggestion() -> None:
    match = find_quote(SOURCE, "The European Union has imposed new sanctions on Moscow this week.")
    assert match == Match("not_found", suggestion=None)


def test_a_suggestion_maps_back_to_the_original_characters() -> None:
    # Typed with a straight apostrophe, a plain space for the NBSP, and a typo.
    match = find_quote(SOURCE, "the Chinese Foreign Ministry sayd China would rev up coordination")
    assert match.suggestion is not None
    assert match.suggestion.text == "the Chinese Foreign Ministry\u00a0said China would rev up coordination"


def test_a_large_source_finds_the_passage_through_its_word_index() -> None:
    # Over 64k characters the suggestion search scans only regions picked by rare words.
    rng = random.Random(7)
    words = OPED.split()
    filler = " ".join(rng.choice(words) for _ in range(15_000))
    text = filler + "\n\n" + OPED + "\n\n" + filler
    source = SourceText(text)
    match = find_quote(source, "spoke highly of the curent state of Sino-Russian relations")
    assert match.suggestion is not None
    assert match.suggestion.text == "spoke highly of the current state of Sino-Russian relations"
    assert match.suggestion.span.start == len(filler) + 2 + OPED.index("spoke highly")


# --- word diff --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "found", "diff"),
    [
        ("the feild is", "the field is", "the [-feild-] {+field+} is"),
        ("the is", "the field is", "the {+field+} is"),
        ("the big field is", "the field is", "the [-big-] field is"),
        ("field the is", "the field is", "{+the+} field [-the-] is"),
        ("wont accept", "won’t accept", "[-wont-] {+won’t+} accept"),
        # Differences the normalised search ignores are not marked; the source's form is shown.
        ("won't ACCEPT", "won’t accept", "won’t accept"),
        ("", "the field", "{+the field+}"),
        ("the field", "", "[-the field-]"),
    ],
)
def test_word_diff(typed: str, found: str, diff: str) -> None:
    assert word_diff(typed, found) == diff


# --- positions --------------------------------------------------------------------------------


def test_line_col_is_1_based_and_counts_code_points() -> None:
    assert SOURCE.line_col(0) == (1, 1)
    # The first line holds four CJK characters: one code point each.
    assert SOURCE.line_col(OPED.index("繁體")) == (1, 23)
    assert SOURCE.line_col(OPED.index("Xi-Putin.png")) == (11, 1)
    line_start = "Ahead of the videoconference, a spokesperson for the Chinese Foreign Ministry"
    assert SOURCE.line_col(OPED.index("\u00a0said")) == (17, len(line_start) + 1)
    assert SOURCE.line_col(len(OPED)) == (42, len("Back to Top") + 1)


def test_line_col_outside_a_supplementary_plane_character_counts_one() -> None:
    source = SourceText("a\U0001f600b\nc")
    assert source.line_col(2) == (1, 3)
    assert source.line_col(4) == (2, 1)


def test_crlf_counts_two_characters_but_ends_one_line() -> None:
    source = SourceText("first line\r\nsecond line\r\nthird")
    match = find_quote(source, "second line")
    assert match == Match("exact", spans=(Span(12, 23),))
    assert source.line_col(12) == (2, 1)
    assert source.line_col(11) == (1, 12)  # the "\n" of the CRLF is still on line 1
    assert source.line_col(source.text.index("third")) == (3, 1)
    across = find_quote(source, "line second")
    assert across == Match("normalised", spans=(Span(6, 18),))
    assert source.text[6:18] == "line\r\nsecond"


def test_a_lone_carriage_return_ends_a_line_too() -> None:
    assert SourceText("a\rb").line_col(2) == (2, 1)


def test_line_col_outside_the_text_is_an_error() -> None:
    with pytest.raises(ValueError):
        SOURCE.line_col(len(OPED) + 1)


def test_the_normalised_form_is_built_only_when_needed() -> None:
    source = SourceText(OPED)
    find_quote(source, "won’t accept")
    assert "folded" not in vars(source)
    find_quote(source, "won't accept")
    assert "folded" in vars(source)


def test_normalise() -> None:
    assert normalise("“Don’t”\u00a0 stop — NOW\u00ad…") == '"don\'t" stop - now...'


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(),
    quote=st.text(),
    prefix=st.none() | st.text(max_size=20),
    suffix=st.none() | st.text(max_size=20),
    occurrence=st.none() | st.integers(-2, 5),
)
def test_find_quote_never_raises_and_stays_inside_the_text(
    text: str, quote: str, prefix: str | None, suffix: str | None, occurrence: int | None
) -> None:
    match = find_quote(SourceText(text), quote, prefix=prefix, suffix=suffix, occurrence=occurrence)
    spans = list(match.spans) + list(match.candidates)
    if match.suggestion is not None:
        spans.append(match.suggestion.span)
        assert 60 <= match.suggestion.score <= 100
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    for before, after in zip(match.spans, match.spans[1:], strict=False):
        assert before.end <= after.start


@st.composite
def oped_passages(draw: st.DrawFn) -> tuple[int, int]:
    """Offsets of a passage of the op-ed that neither starts nor ends with whitespace."""
    start = draw(st.integers(0, len(OPED) - 1))
    end = draw(st.integers(start + 1, min(len(OPED), start + 400)))
    while start < end and OPED[start].isspace():
        start += 1
    while end > start and OPED[end - 1].isspace():
        end -= 1
    assume(start < end)
    return start, end


@settings(max_examples=300, deadline=None)
@given(oped_passages())
def test_any_passage_of_the_source_is_found_where_it_is(offsets: tuple[int, int]) -> None:
    start, end = offsets
    match = find_quote(SOURCE, OPED[start:end])
    if match.status == "ambiguous" and match.capped:
        # Too common to list: the first MAX_CANDIDATES occurrences, in order.
        assert len(match.candidates) == MAX_CANDIDATES
        assert Span(start, end) in match.candidates or start > match.candidates[-1].start
    elif match.status == "ambiguous":
        assert Span(start, end) in match.candidates
    else:
        assert match.status == "exact"
        assert match.spans == (Span(start, end),)
        assert found_text(match) == OPED[start:end]


def _retype(passage: str, how: int) -> str:
    """The passage as someone might type it: other case, straight quotes, plain spaces."""
    if how == 0:
        return passage.upper()
    if how == 1:
        return passage.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(passage.split())


@settings(max_examples=300, deadline=None)
@given(oped_passages(), st.integers(0, 2))
def test_a_retyped_passage_maps_back_to_original_characters(offsets: tuple[int, int], how: int) -> None:
    start, end = offsets
    quote = _retype(OPED[start:end], how)
    # Retyped text that happens to occur verbatim elsewhere ("A" of "a") is another passage.
    assume(quote == OPED[start:end] or quote not in OPED)
    match = find_quote(SOURCE, quote)
    assert match.status in ("exact", "normalised", "ambiguous")
    for span in match.spans + match.candidates:
        assert 0 <= span.start < span.end <= len(OPED)
        assert normalise(OPED[span.start : span.end]) == normalise(quote).strip()
    if match.status != "ambiguous":
        assert match.span == Span(start, end)
    elif match.capped:
        assert Span(start, end) in match.candidates or start > match.candidates[-1].start
    else:
        assert Span(start, end) in match.candidates


# --- large sources: the word index finds exactly what a full scan finds ------------------------

_LARGE = "\n\n".join(f"Part {n}. " + OPED.replace("China", "China" if n % 3 else "CHINA") for n in range(14))
_LARGE_SOURCE = SourceText(_LARGE)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(_LARGE) - 1), st.integers(1, 120))
def test_indexed_search_of_a_large_source_finds_what_a_full_scan_finds(start: int, length: int) -> None:
    needle = _LARGE[start : start + length]
    assert find_indexed(_LARGE, _LARGE_SOURCE.exact_index, needle) == find_all(_LARGE, needle)
    folded = normalise(needle).strip()
    if folded:
        text = _LARGE_SOURCE.folded.text
        assert find_indexed(text, _LARGE_SOURCE.index, folded) == find_all(text, folded)


def test_quotes_in_a_large_source_resolve_as_in_a_small_one() -> None:
    big = SourceText(_LARGE)
    big._scans = 10**6  # as after many quotes: the word index answers
    quote = "they won't accept any attempt to politicize the Games"  # straight quote: normalised
    match = find_quote(big, quote)
    assert match.status == "ambiguous" and len(match.candidates) == 14
    unique = find_quote(big, "Part 7. Language")
    assert unique.status == "exact" and unique.span is not None
    assert _LARGE[unique.span.start : unique.span.end] == "Part 7. Language"
    folded = find_quote(big, "part 7.   language")
    assert folded.status == "normalised" and folded.spans == unique.spans
