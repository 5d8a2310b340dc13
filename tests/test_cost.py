"""Bounded cost: maps within the size limits whose naive handling was quadratic or worse.

Each test builds its hostile map and asserts what the student sees (codes at their positions,
the picture's content); how long each case takes is measured by bench/adversarial.py, not here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Run

RunFn = Callable[..., Run]


@pytest.fixture(autouse=True)
def _inside_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files relative to the working directory


def write(project: Path, text: str, name: str = "map.yaml") -> Path:
    target = project / "arguments" / name
    target.write_text(text, encoding="utf-8")
    return target


def big_source(project: Path, size: int = 400_000) -> str:
    """The op-ed repeated: every word of it occurs hundreds of times."""
    oped = (project / "seeds" / "oped.txt").read_text(encoding="utf-8")
    text = (oped * (size // len(oped) + 1))[:size]
    (project / "seeds" / "big.txt").write_text(text, encoding="utf-8")
    return text


HEAD = "argmap: 1\nsources:\n  - id: s\n    path: ../seeds/{source}\nclaims:\n"


def test_a_repeated_quote_gives_the_same_problem_at_every_place(project: Path, run: RunFn) -> None:
    entries = "".join('      - "e"\n' for _ in range(3_000))  # 519 times in the op-ed
    target = write(
        project, HEAD.format(source="oped.txt") + "  - id: T1\n    kind: thesis\n    text: x\n    quotes:\n" + entries
    )
    result = run("check", target)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "AM208" in line]
    assert len(lines) == 3_000
    assert lines[0].startswith(
        "arguments/map.yaml:10:9: error AM208 the quote occurs more than 200 times in source `s`"
    )
    assert lines[-1].startswith("arguments/map.yaml:3009:9: error AM208 the quote occurs more than 200 times")


def test_a_quote_too_common_to_count_is_reported_after_the_first_two_hundred(project: Path, run: RunFn) -> None:
    big_source(project)
    target = write(
        project,
        HEAD.format(source="big.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        "    quote:\n      exact: o\n      prefix: the\n",
    )
    result = run("check", target)
    assert result.code == 1
    assert (
        "arguments/map.yaml:10:14: error AM208 the quote occurs more than 200 times in source `s` (at 2:2, "
        in result.out
    )
    assert "cannot be picked by prefix, suffix or occurrence" in result.out


def test_an_elided_quote_of_common_pieces_is_bounded_and_still_found(project: Path, run: RunFn) -> None:
    text = big_source(project)
    target = write(
        project,
        HEAD.format(source="big.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        '    quote:\n      exact: "e ... e ... e"\n      occurrence: 199\n',
    )
    result = run("export", target)
    assert result.code == 0, result.err
    quote = json.loads(result.out)["claims"][0]["quotes"][0]
    assert quote["status"] == "exact"
    assert quote["start"] == [m.start() for m in re.finditer("e", text)][198]
    assert [text[p["start"]] for p in quote["pieces"]] == ["e", "e", "e"]


def test_a_prefix_longer_than_argmap_compares_is_am212_at_the_prefix(project: Path, run: RunFn) -> None:
    prefix = "word " * 400
    target = write(
        project,
        HEAD.format(source="oped.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        f"    quote:\n      exact: China and Russia\n      prefix: {prefix.strip()}\n",
    )
    result = run("check", target)
    assert result.code == 1
    assert (
        "arguments/map.yaml:11:15: error AM212 the quote's `prefix:` is 1,999 characters long; "
        "argmap compares at most 1,000"
    ) in result.out


def test_a_prefix_picks_one_of_hundreds_of_occurrences(project: Path, run: RunFn) -> None:
    text = big_source(project)
    # The op-ed says "To counter external threats, China and Russia ..." once per copy, and
    # "China and Russia" many times; the prefix picks the copies' sentence, occurrence the 50th.
    target = write(
        project,
        HEAD.format(source="big.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        '    quote:\n      exact: China and Russia\n      prefix: "To counter external threats, "\n'
        "      occurrence: 50\n",
    )
    result = run("export", target)
    assert result.code == 0, result.err
    start = json.loads(result.out)["claims"][0]["quotes"][0]["start"]
    occurrences = [m.start() for m in re.finditer(re.escape("To counter external threats, China and Russia"), text)]
    assert start == occurrences[49] + len("To counter external threats, ")


def crossed_groups(size: int) -> str:
    lines = [
        HEAD.format(source="oped.txt").replace("claims:\n", "groups:\n  a: A\n  b: B\nclaims:\n"),
        "  - id: T1\n    kind: thesis\n    text: The thesis.\n    implicit: true\n",
    ]
    for n in range(size):
        lines.append(
            f"  - id: A{n}\n    kind: premise\n    text: a\n    implicit: true\n    group: a\n    supports: B{n}\n"
        )
    for n in range(size):
        lines.append(
            f"  - id: B{n}\n    kind: premise\n    text: b\n    implicit: true\n    group: b\n    supports: T1\n"
        )
    return "".join(lines)


def test_a_group_drawn_below_another_costs_edges_in_proportion_to_its_claims(project: Path, run: RunFn) -> None:
    target = write(project, crossed_groups(300))
    result = run("render", "--format", "dot", "-o", "-", target)
    assert result.code == 0, result.err
    stacking = [line for line in result.out.splitlines() if "style=invis, weight=0" in line]
    # Every claim of A (each feeds only B) under every claim of B, through one hub.
    assert len(stacking) == 600
    assert sum('-> "_stack_0"' in line for line in stacking) == 300
    assert sum(line.startswith('  "_stack_0" -> "B') and "minlen=0" in line for line in stacking) == 300


def test_a_few_claims_are_still_stacked_directly(project: Path, run: RunFn) -> None:
    target = write(project, crossed_groups(3))
    result = run("render", "--format", "dot", "-o", "-", target)
    stacking = [line for line in result.out.splitlines() if "style=invis, weight=0" in line]
    assert sorted(stacking) == sorted(
        f'  "A{a}" -> "B{b}" [style=invis, weight=0];' for a in range(3) for b in range(3)
    )


def test_a_200000_character_word_is_wrapped_into_a_box_of_forty_lines(project: Path, run: RunFn) -> None:
    word = "w" * 200_000
    target = write(
        project,
        HEAD.format(source="oped.txt") + f"  - id: T1\n    kind: thesis\n    text: {word}\n    implicit: true\n",
    )
    result = run("render", "--format", "dot", "-o", "-", target)
    assert result.code == 0, result.err
    label = next(line for line in result.out.splitlines() if line.startswith('  "T1"'))
    assert label.count("w" * 40 + "<BR/>") == 38  # the header, 38 lines of 40 columns, an ellipsis
    assert "…<BR/>" in label
    assert len(label) < 16_384


def test_wrap_splits_a_long_word_into_full_lines() -> None:
    from argmap.graph.text import wrap

    assert wrap("ab " + "x" * 20 + " cd", 8) == ["ab xxxxx", "xxxxxxxx", "xxxxxxx", "cd"]
    assert wrap("字" * 5, 4) == ["字字", "字字", "字"]
    lines = wrap("w" * 100_000, 24)
    assert len(lines) == 4_167 and set(lines[:-1]) == {"w" * 24}


def test_a_17000_character_note_is_drawn_like_check_accepts_it(project: Path, run: RunFn) -> None:
    note = 'a\\"&<' * 4_250
    target = write(
        project,
        HEAD.format(source="oped.txt") + "  - id: T1\n    kind: thesis\n    text: The thesis.\n"
        f'    implicit: true\n    note: "{note}"\n',
    )
    assert run("check", target).code == 0
    result = run("render", "-o", project / "out.svg", target)
    assert result.code == 0, result.err
    svg = (project / "out.svg").read_text(encoding="utf-8")
    assert '<a xlink:title="T1 · implicit thesis' in svg


def test_sources_together_stay_within_the_source_limit(project: Path, run: RunFn) -> None:
    big_source(project, 600_000)
    (project / "seeds" / "big2.txt").write_text((project / "seeds" / "big.txt").read_text(encoding="utf-8") + "x")
    twice = "argmap: 1\nsources:\n  - id: a\n    path: ../seeds/big.txt\n  - id: b\n    path: ../seeds/big.txt\n"
    claims = "claims:\n  - id: T1\n    kind: thesis\n    text: x\n    implicit: true\n"
    # One file named twice is read once and counts once.
    assert run("check", "--max-source-bytes", "1000000", write(project, twice + claims)).code == 0
    other = twice.replace("  - id: b\n    path: ../seeds/big.txt", "  - id: b\n    path: ../seeds/big2.txt")
    result = run("check", "--max-source-bytes", "1000000", write(project, other + claims))
    assert result.code == 1
    assert (
        "arguments/map.yaml:6:11: error AM210 source `b`: with ../seeds/big2.txt this map's sources would "
        "exceed 1,000,000 bytes, the limit for all of them together"
    ) in result.out
