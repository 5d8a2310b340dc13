"""Every loader failure and every rule has a bad map here, and each gives its code at its exact place.

The table reads as documentation: the file in tests/bad_maps/, then every
problem argmap reports for it as (code, line, column) — nothing more, nothing less.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.check.docs import all_codes
from argmap.check.pipeline import check_map

BAD_MAPS = Path(__file__).parent / "bad_maps"

EXPECTED: list[tuple[str, list[tuple[str, int, int]]]] = [
    ("am102_tab_indent", [("AM102", 3, 1)]),
    ("am102_yaml_syntax", [("AM102", 12, 17)]),
    ("am103_duplicate_key", [("AM103", 9, 5)]),
    ("am104_alias", [("AM104", 3, 9)]),
    ("am104_anchor", [("AM104", 10, 5)]),
    ("am106_yaml11_boolean", [("AM106", 12, 11)]),
    ("am107_too_deep", [("AM107", 2, 72)]),
    ("am108_list_top_level", [("AM108", 1, 1)]),
    ("am108_two_documents", [("AM108", 10, 1)]),
    ("am109_python_tag", [("AM109", 10, 5)]),
    ("am110_quote_and_quotes", [("AM110", 13, 5)]),
    ("am110_unknown_key", [("AM110", 14, 5)]),
    ("am111_missing_text", [("AM111", 10, 5)]),
    ("am112_bad_id", [("AM112", 10, 9)]),
    ("am112_number_text", [("AM112", 12, 11)]),
    ("am112_wrong_kind", [("AM112", 11, 11)]),
    ("am113_no_version", [("AM113", 1, 1)]),
    ("am113_wrong_version", [("AM113", 1, 9)]),
    ("am114_base_missing", [("AM114", 2, 10)]),
    ("am115_extends_cycle", [("AM115", 2, 10)]),
    ("am201_source_missing", [("AM201", 4, 11)]),
    ("am203_source_outside", [("AM203", 4, 11)]),
    ("am204_source_changed", [("AM204", 4, 13)]),
    ("am205_unknown_source", [("AM205", 14, 14)]),
    ("am206_quote_absent", [("AM206", 13, 12)]),
    ("am206_quote_typo", [("AM206", 13, 12)]),
    ("am207_straight_quotes", [("AM207", 13, 12)]),
    ("am208_ambiguous", [("AM208", 13, 12)]),
    ("am209_occurrence_out_of_range", [("AM209", 14, 14)]),
    ("am211_duplicate_source", [("AM211", 5, 9)]),
    ("am212_selector_too_long", [("AM212", 16, 15)]),
    ("am301_unknown_group", [("AM301", 14, 12)]),
    ("am301_unknown_id", [("AM301", 14, 15)]),
    ("am302_duplicate_id", [("AM302", 15, 9)]),
    ("am303_self_reference", [("AM303", 14, 20)]),
    ("am304_no_thesis", [("AM304", 6, 3)]),
    ("am305_several_theses", [("AM305", 11, 11)]),
    ("am306_disconnected", [("AM306", 10, 9)]),
    ("am307_circular_support", [("AM307", 10, 9)]),
    ("am308_rebuttal_target", [("AM308", 16, 11)]),
    ("am309_objection_target", [("AM306", 15, 9), ("AM309", 16, 11)]),
    ("am310_evidence_quote", [("AM310", 15, 9)]),
    ("am311_thesis_relation", [("AM307", 6, 9), ("AM311", 10, 15)]),
    ("am312_unanchored_claim", [("AM312", 10, 9)]),
    ("am313_undercut_claim", [("AM313", 19, 16)]),
    ("am313_undercut_target", [("AM313", 19, 16)]),
    ("am314_added_unattached", [("AM306", 15, 9), ("AM309", 16, 11), ("AM314", 17, 15)]),
    ("am315_implicit_quote", [("AM315", 17, 15)]),
    ("am316_concession_target", [("AM316", 16, 11)]),
]


@pytest.mark.parametrize(("name", "expected"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_bad_map_gives_its_code_at_its_place(name: str, expected: list[tuple[str, int, int]]) -> None:
    result = check_map(BAD_MAPS / f"{name}.yaml")
    assert [(p.code, p.line, p.column) for p in result.problems] == expected


def test_every_bad_map_is_in_the_table() -> None:
    assert sorted(p.stem for p in BAD_MAPS.glob("*.yaml")) == sorted(name for name, _ in EXPECTED)


def test_every_code_that_a_map_file_can_trigger_has_a_bad_map() -> None:
    # AM100/101/105/202/210 need files that cannot live in git as text (missing,
    # binary, huge); tests/test_load.py and tests/test_inputs.py make them on the fly.
    made_elsewhere = {"AM100", "AM101", "AM105", "AM116", "AM120", "AM202", "AM210"}
    covered = {name[:5].upper() for name, _ in EXPECTED}
    assert set(all_codes()) - made_elsewhere <= covered


def test_every_problem_has_a_message_and_most_a_hint() -> None:
    for name, _ in EXPECTED:
        for found in check_map(BAD_MAPS / f"{name}.yaml").problems:
            assert found.message and not found.message.endswith(" ")
