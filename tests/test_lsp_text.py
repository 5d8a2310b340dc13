"""The language server's positions and tokens, on any text a student may have half-typed."""

from __future__ import annotations

from conftest import MINIMAL_MAP
from hypothesis import given
from hypothesis import strategies as st

from argmap.lsp.index import index_map
from argmap.lsp.text import Encoding, Lines, scalar_extents

# Lines of YAML-ish text, with characters outside the BMP (two UTF-16 units each) and every line break.
pieces = st.sampled_from(["a", "b", " ", ":", "-", "'", '"', "\n", "\r", "\r\n", "é", "😀", "中", "#", "["])
texts = st.lists(pieces, max_size=60).map("".join)


@given(texts, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_offsets_survive_the_round_trip_through_lsp_positions(text: str, encoding: Encoding) -> None:
    lines = Lines(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue  # inside a line break: no position names it
        assert lines.from_lsp(lines.to_lsp(offset)) == offset


@given(texts, st.sampled_from([("utf-8", "utf-8", 1), ("utf-16", "utf-16-le", 2), ("utf-32", "utf-32-le", 4)]))
def test_columns_count_the_code_units_the_editor_agreed_on(text: str, encoding: tuple[Encoding, str, int]) -> None:
    name, codec, unit = encoding
    lines = Lines(text, name)
    for offset in range(len(text) + 1):
        start = lines.starts[lines.line_of(offset)]
        assert lines.to_lsp(offset).character == len(text[start:offset].encode(codec)) // unit


@given(st.text(max_size=300))
def test_any_text_gives_extents_inside_it_and_tokens_without_raising(text: str) -> None:
    index = index_map(text, "map.yaml")
    for start, extent in scalar_extents(text, index.lines).items():
        assert 0 <= start == extent.start <= extent.end <= len(text)
    for token in index.tokens:
        assert 0 <= token.start <= token.end <= len(text)


@given(st.integers(min_value=0, max_value=len(MINIMAL_MAP)), st.sampled_from(["", "x", "\n", ": ", "- ", "[", '"']))
def test_a_map_edited_anywhere_still_indexes(at: int, typed: str) -> None:
    text = MINIMAL_MAP[:at] + typed + MINIMAL_MAP[at:]
    index = index_map(text, "map.yaml")
    for token in index.tokens:
        if token.kind in ("claim", "ref"):
            assert text[token.start : token.end] == token.value  # an id's range holds exactly the id


def test_reference_tokens_inside_an_undercut_target() -> None:
    text = MINIMAL_MAP + "  - id: U1\n    kind: objection\n    text: No.\n    undercuts: P1->T1\n"
    refs = [(t.value, text[t.start : t.end]) for t in index_map(text, "map.yaml").tokens if t.kind == "ref"]
    assert refs == [("T1", "T1"), ("P1", "P1"), ("T1", "T1")]
