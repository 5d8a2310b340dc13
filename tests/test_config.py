"""Configuration in `.argmap.toml` or `[tool.argmap]`: rules off or downgraded, defaults, typos reported."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, Run

WITH_WARNING = MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian")  # AM207: matches after folding dashes


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    (project / "arguments" / "map.yaml").write_text(WITH_WARNING)
    return project


def test_without_configuration_the_warning_passes(in_project: Path, run: Callable[..., Run]) -> None:
    assert run("check", "arguments").code == 0


def test_a_rule_raised_to_error_fails_check(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n')
    result = run("check", "arguments")
    assert result.code == 1 and "error AM207" in result.out


def test_a_rule_switched_off_disappears(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / "pyproject.toml").write_text('[tool.argmap.rules]\nAM207 = "off"\n')
    result = run("check", "--strict", "arguments")
    assert (result.code, result.out) == (0, "1 map checked: no problems\n")


def test_strict_and_format_defaults(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / "pyproject.toml").write_text('[tool.argmap]\nstrict = true\nformat = "json"\n')
    result = run("check", "arguments")
    assert result.code == 1
    assert json.loads(result.out)["summary"] == {"files": 1, "errors": 0, "warnings": 1}
    assert run("check", "--format", "text", "arguments").out.endswith("0 errors, 1 warning\n")


def test_coverage_minimum_from_configuration(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / ".argmap.toml").write_text("coverage-min = 50\n")
    result = run("coverage", "arguments/map.yaml")
    assert result.code == 1 and result.out.endswith("(minimum 50 %): below the minimum\n")


def test_dedicated_file_wins_over_pyproject(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / "pyproject.toml").write_text('[tool.argmap.rules]\nAM207 = "error"\n')
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "off"\n')
    assert run("check", "--strict", "arguments").code == 0


def test_unknown_keys_are_reported_with_their_line_and_exit_2(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.argmap]\nstrcit = true\n')
    result = run("check", "arguments")
    assert result.code == 2
    assert result.err.splitlines()[0] == "pyproject.toml:5:1: error AM120 unknown key `tool.argmap.strcit`"
    assert "did you mean `strict`?" in result.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[rules]\nAM999 = "off"\n', "no problem has the code AM999"),
        ('[rules]\nAM301 = "ignore"\n', 'it must be "off", "warning" or "error"'),
        ('[rules]\nAM102 = "off"\n', "cannot be switched off"),
        ('format = "xml"\n', "it must be one of: text, json, github"),
        ("coverage-min = 120\n", "a percentage from 0 to 100"),
        ("strict = yes\n", "not valid TOML"),
    ],
)
def test_bad_values_are_reported(in_project: Path, run: Callable[..., Run], text: str, message: str) -> None:
    (in_project / ".argmap.toml").write_text(text)
    result = run("check", "arguments")
    assert result.code == 2
    assert message in result.err and "AM120" in result.err
