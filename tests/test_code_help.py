"""`argmap rules CODE`: each example it prints does what it says, and the help says how to turn a code off."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import ROOT, Run

from argmap.check.code_help import EXAMPLES, FIXES, WHY
from argmap.check.docs import all_codes
from argmap.check.pipeline import check_map
from argmap.format.codes import is_unreadable


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course repository: the op-ed, NATO's communiqué and the instructor's map."""
    folder = tmp_path_factory.mktemp("course")
    (folder / "pyproject.toml").write_text("[tool.argmap]\n")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    (folder / "arguments").mkdir()
    shutil.copyfile(
        ROOT / "arguments" / "countering-external-threats.yaml",
        folder / "arguments" / "countering-external-threats.yaml",
    )
    return folder


def codes_of(course: Path, text: str) -> set[str]:
    path = course / "arguments" / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return {p.code for p in check_map(path).problems}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_failing_example_gives_the_code_and_the_fixed_one_does_not(code: str, course: Path) -> None:
    failing, fixed = EXAMPLES[code].files()
    assert code in codes_of(course, failing)
    found = codes_of(course, fixed)
    assert code not in found and not any(is_unreadable(c) for c in found), found


def test_every_code_says_why_it_matters_and_stage_codes_how_to_fix() -> None:
    assert set(WHY) == set(all_codes())
    stage = {c for c in all_codes() if c < "AM300"}
    assert stage <= set(EXAMPLES) | set(FIXES)


def test_rules_code_prints_catches_why_examples_and_how_to_turn_it_off(run: Callable[..., Run]) -> None:
    result = run("rules", "AM206")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("AM206 quote-not-found (error): a quote is not in its source")
    assert f"Why it matters: {WHY['AM206']}" in lines
    shown = result.out.split("Fixed:")[0]
    assert "    quote: spoke highly of the current state of Sino-Russian ties" in shown
    assert '    AM206 = "off"        # or "warning"' in lines
    assert "cannot be turned off" in run("rules", "AM102").out
    assert '    AM207 = "off"        # or "error"' in run("rules", "am207").out.splitlines()
