"""The grammar of real argumentation: sides, granted-but, undercuts of undercuts, linked relations of any type.

tests/grammar/granted-but.yaml is a hand-written map of every structure; it must check clean,
and each realistic slip in it must give the one problem that names it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.anchor.resolve import ResolvedMap
from argmap.check.pipeline import check_map
from argmap.check.rules._links import target_claim, undercut_chain
from argmap.check.sides import sides

GRAMMAR = Path(__file__).parent / "grammar"
MAP = GRAMMAR / "granted-but.yaml"


def _variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    shutil.copy(GRAMMAR / "granted-but.txt", tmp_path / "granted-but.txt")
    text = MAP.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    target = tmp_path / "granted-but.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def resolve_file(path: Path) -> ResolvedMap:
    resolved = check_map(path).resolved
    assert resolved is not None
    return resolved


def _found(path: Path) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in check_map(path).problems]


def test_the_grammar_map_checks_clean() -> None:
    assert _found(MAP) == []


def test_sides_follow_kind_and_support() -> None:
    resolved = resolve_file(MAP)
    assert sides(resolved) == {
        "T1": "author",
        "P1": "author",
        "P2": "author",
        "I1": "author",
        "C1": "opponent",
        "P3": "opponent",  # the opponent's own reason: it supports a concession
        "R1": "author",
        "C2": "opponent",
        "R2": "author",
        "I2": "author",
        "O1": "opponent",
        "R3": "author",
    }


def test_an_undercut_of_an_undercut_reaches_the_claim_at_the_bottom() -> None:
    resolved = resolve_file(MAP)
    rule = next(link for link in resolved.links if link.id == "U.rule")
    assert [link.name for link in undercut_chain(resolved, rule)] == [
        "C2 -> R1 -> C1 -> T1",
        "R1 -> C1 -> T1",
        "C1 -> T1",
    ]
    assert target_claim(resolved, rule) == "T1"


@given(spaces=st.lists(st.sampled_from(["", " ", "  ", "\t"]), min_size=6, max_size=6))
def test_a_nested_link_name_resolves_whatever_the_spacing(spaces: list[str]) -> None:
    resolved = resolve_file(MAP)
    a, b, c, d, e, f = spaces
    name = f"C2{a}->{b}R1{c}->{d}C1{e}->{f}T1"
    found = resolved.link_by_name(name)
    assert found is not None and found.sources == ("C2",) and found.type == "undercut"


def test_a_granted_point_that_is_attacked_is_reported(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        ("    undercuts: C1 -> T1          #", "    attacks: C1          #"),
        ("undercuts: R1 -> C1 -> T1", "undercuts: R1 -> C1"),
        ("to: C2 -> R1 -> C1 -> T1", "to: C2 -> R1 -> C1"),
    )
    assert _found(path) == [("AM320", 41, 14)]


def test_an_objection_answering_an_objection_is_reported(tmp_path: Path) -> None:
    path = _variant(tmp_path, ("  - id: R3\n    kind: rebuttal", "  - id: R3\n    kind: objection"))
    assert _found(path) == [("AM318", 65, 14)]


def test_an_opponents_reason_hung_on_the_thesis_is_reported(tmp_path: Path) -> None:
    path = _variant(tmp_path, ("    supports: C1                 #", "    side: opponent\n    supports: T1 #"))
    assert _found(path) == [("AM317", 37, 15)]


def test_an_undercut_naming_an_undercut_that_does_not_exist_names_the_real_one(tmp_path: Path) -> None:
    path = _variant(tmp_path, ("to: C2 -> R1 -> C1 -> T1", "to: C2 -> R1 -> T1"))
    problems = check_map(path).problems
    assert [(p.code, p.line, p.column) for p in problems] == [("AM313", 74, 9)]
    assert problems[0].hint == "the links from `C2` are named `C2 -> R1 -> C1 -> T1`: write one of those"


def test_a_linked_attack_checks_clean(tmp_path: Path) -> None:
    linked = "  - id: L.morning\n    type: attack\n    from: [O1, I1]\n    to: T1\n"
    path = _variant(tmp_path, ("relations:\n", "relations:\n" + linked))
    path.write_text(path.read_text(encoding="utf-8").replace("    attacks: T1\n  - id: R3", "  - id: R3"), "utf-8")
    codes = [code for code, _, _ in _found(path)]
    # I1 is the author's (it supports T1 with P2): an author's claim in an attack on T1 is on the wrong side.
    assert codes == ["AM318"]


def test_an_undercut_relation_id_is_a_link_an_undercut_can_name(tmp_path: Path) -> None:
    # The corpus's own case: `L.c3` is an undercut relation and another undercut names it.
    path = _variant(
        tmp_path,
        ("    undercuts: C1 -> T1          #", "    #"),
        ("relations:\n", "relations:\n  - {id: L.c3, type: undercut, from: R1, to: C1 -> T1}\n"),
        ("undercuts: R1 -> C1 -> T1", "undercuts: L.c3"),
    )
    resolved = resolve_file(path)
    c2 = next(link for link in resolved.links if link.sources == ("C2",))
    assert [link.id for link in undercut_chain(resolved, c2)] == ["L.c3", None]
    # C2's undercut is now named after the relation it denies: `C2 -> L.c3`, and the message says so
    (problem,) = check_map(path).problems
    assert (problem.code, problem.line, problem.column) == ("AM313", 75, 9)
    assert problem.hint == "the links from `C2` are named `C2 -> L.c3`: write one of those"
    fixed = path.read_text(encoding="utf-8").replace("to: C2 -> R1 -> C1 -> T1", "to: C2 -> L.c3")
    path.write_text(fixed, encoding="utf-8")
    assert _found(path) == []
