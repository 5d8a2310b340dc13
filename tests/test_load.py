"""Loading a map file: whatever the bytes, a positioned problem and never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

from tests.conftest import MINIMAL_MAP

from argmap.check.pipeline import Options, check_map
from argmap.load.yaml_map import load_text


def codes_at(path: Path, options: Options | None = None) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in check_map(path, options or Options()).problems]


def test_a_missing_file_is_am100(tmp_path: Path) -> None:
    assert codes_at(tmp_path / "nope.yaml") == [("AM100", 1, 1)]


def test_a_folder_named_as_a_map_is_am100(tmp_path: Path) -> None:
    assert codes_at(tmp_path) == [("AM100", 1, 1)]


def test_an_unreadable_file_is_am100(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text(MINIMAL_MAP)
    target.chmod(0)
    try:
        import os

        if os.geteuid() == 0:  # root reads anything: nothing to test
            return
        assert codes_at(target) == [("AM100", 1, 1)]
    finally:
        target.chmod(0o644)


def test_latin1_bytes_are_am101_at_the_byte(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_bytes(MINIMAL_MAP.replace("Their relations", "Caf\u00e9 relations").encode("latin-1"))
    assert codes_at(target) == [("AM101", 12, 14)]


def test_utf16_is_am101_and_names_the_encoding(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_bytes(codecs.BOM_UTF16_LE + MINIMAL_MAP.encode("utf-16-le"))
    (found,) = check_map(target).problems
    assert (found.code, found.line, found.column) == ("AM101", 1, 1)
    assert "UTF-16" in found.message


def test_a_utf8_byte_order_mark_is_accepted(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_bytes(codecs.BOM_UTF8 + MINIMAL_MAP.encode())
    assert codes_at(target) == []


def test_crlf_map_positions_count_lines_not_bytes(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_bytes(MINIMAL_MAP.replace("supports: T1", "supports: T9").replace("\n", "\r\n").encode())
    assert codes_at(target) == [("AM301", 14, 15)]


def test_nul_byte_is_am102_at_its_place(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP.replace("Their relations", "Their\x00relations"))
    assert codes_at(target) == [("AM102", 12, 16)]


def test_a_file_over_the_size_limit_is_am105_before_it_is_read(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP + "# " + "x" * 2000 + "\n")
    assert codes_at(target, Options(max_bytes=1000)) == [("AM105", 1, 1)]


def test_an_empty_file_is_am108(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text("")
    assert codes_at(target) == [("AM108", 1, 1)]


def test_yaml_12_scalars_dates_stay_text_and_numbers_are_numbers() -> None:
    loaded = load_text("a: 2021-12-29\nb: 0x1F\nc: 1.5e3\nd: ~\ne: True\nf: '1'\ng: .inf\n", "x.yaml")
    assert loaded.data == {"a": "2021-12-29", "b": 31, "c": 1500.0, "d": None, "e": True, "f": "1", "g": float("inf")}
    assert loaded.problems == []


def test_yaml_11_booleans_and_base_60_are_kept_as_text_with_a_warning() -> None:
    loaded = load_text("a: no\nb: On\nc: 1:30\nd: 'no'\n", "x.yaml")
    assert loaded.data == {"a": "no", "b": "On", "c": "1:30", "d": "no"}
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("AM106", 1, 4), ("AM106", 2, 4), ("AM106", 3, 4)]


def test_positions_of_keys_and_values_are_one_based() -> None:
    loaded = load_text('claims:\n  - id: P1\n    text: "hi"\n', "x.yaml")
    assert str(loaded.positions.value(("claims", 0, "text"))) == "3:11"
    assert str(loaded.positions.key(("claims", 0, "text"))) == "3:5"
    # a path that does not exist falls back to what encloses it
    assert str(loaded.positions.value(("claims", 0, "quote", 2))) == "2:5"


def test_a_billion_laughs_file_is_refused_at_its_first_anchor() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    loaded = load_text(bomb, "bomb.yaml")
    assert loaded.unreadable
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("AM104", 1, 4)]


def test_deep_nesting_stops_at_the_limit_quickly() -> None:
    loaded = load_text("[" * 100_000 + "]" * 100_000, "deep.yaml")
    assert [p.code for p in loaded.problems] == ["AM107"]


def test_deep_block_nesting_too() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(200))
    loaded = load_text(text, "deep.yaml")
    assert [p.code for p in loaded.problems] == ["AM107"]


def test_a_misspelt_kind_or_relation_type_gets_the_word_it_was_meant_to_be(project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    text = MINIMAL_MAP.replace("kind: premise", "kind: premis", 1)
    text += "relations:\n  - {type: suport, from: P1, to: T1}\n"
    target.write_text(text)
    found = [p.hint for p in check_map(target).problems if p.code == "AM112"]
    assert any(h is not None and h.startswith("did you mean `kind: premise`?") for h in found)
    assert any(h is not None and h.startswith("did you mean `type: support`?") for h in found)
