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
    entries = "".join('      - "e"\n' for _ in range(3_000))
    target = write(
        project, HEAD.format(source="oped.txt") + "  - id: T1\n    kind: thesis\n    text: x\n    quotes:\n" + entries
    )
    result = run("check", target)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "AM208" in line]
    assert len(lines) == 3_000
    assert lines[0].startswith("arguments/map.yaml:10:9: error AM208 the quote occurs 519 times in source `s`")
    assert lines[-1].startswith("arguments/map.yaml:3009:9: error AM208 the quote occurs 519 times")


def test_a_quote_too_common_to_count_is_reported_after_the_first_thousand(project: Path, run: RunFn) -> None:
    big_source(project)
    target = write(
        project,
        HEAD.format(source="big.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        "    quote:\n      exact: o\n      prefix: the\n",
    )
    result = run("check", target)
    assert result.code == 1
    assert (
        "arguments/map.yaml:10:14: error AM208 the quote occurs more than 1,000 times in source `s` (at 2:2, "
        in result.out
    )
    assert "cannot be picked by prefix, suffix or occurrence" in result.out


def test_an_elided_quote_of_common_pieces_is_bounded_and_still_found(project: Path, run: RunFn) -> None:
    text = big_source(project)
    target = write(
        project,
        HEAD.format(source="big.txt") + "  - id: T1\n    kind: thesis\n    text: x\n"
        '    quote:\n      exact: "e ... e ... e"\n      occurrence: 999\n',
    )
    result = run("export", target)
    assert result.code == 0, result.err
    quote = json.loads(result.out)["claims"][0]["quotes"][0]
    assert quote["status"] == "exact"
    assert quote["start"] == [m.start() for m in re.finditer("e", text)][998]
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
