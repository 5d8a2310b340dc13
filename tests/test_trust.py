"""Configuration from a submission cannot weaken a course's CI: protected checks, --isolated, --config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, Run

from argmap.check.config import Config
from argmap.format.problems import Position, problem

RunFn = Callable[..., Run]

# A submission quoting /etc/passwd with a made-up quote and an unknown id.
HOSTILE_MAP = (
    MINIMAL_MAP.replace("claims:\n", "  - id: secrets\n    path: /etc/passwd\nclaims:\n", 1)
    .replace("spoke highly of the current state of Sino-Russian relations", "made up")
    .replace("supports: T1", "supports: T9")
)
STUDENT_CONFIG = '[rules]\nAM201 = "off"\nAM203 = "off"\nAM206 = "off"\nAM301 = "off"\n'


@pytest.fixture
def submission(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A student's folder inside the course repository, with its own configuration."""
    folder = project / "submissions" / "a-student"
    folder.mkdir(parents=True)
    (folder / "map.yaml").write_text(HOSTILE_MAP.replace("../seeds", "../../seeds"), encoding="utf-8")
    (folder / ".argmap.toml").write_text(STUDENT_CONFIG, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_a_submitted_configuration_cannot_switch_off_the_runners_protection(submission: Path, run: RunFn) -> None:
    result = run("check", "--strict", "map.yaml")
    assert result.code == 2
    assert ".argmap.toml:2:1: error AM120 AM201 protects the machine that runs argmap" in result.err
    assert ".argmap.toml:3:1: error AM120 AM203 protects the machine that runs argmap" in result.err
    assert "argmap: fix the configuration in .argmap.toml first" in result.err


def test_isolated_reads_no_configuration(submission: Path, project: Path, run: RunFn) -> None:
    result = run("check", "--isolated", "--strict", "--root", project, "map.yaml")
    assert result.code == 1
    codes = sorted(line.split()[2] for line in result.out.splitlines() if ": error " in line)
    assert codes == ["AM203", "AM206", "AM301"]


def test_config_names_the_one_file_to_read(submission: Path, project: Path, run: RunFn) -> None:
    course = project / "course.toml"
    course.write_text('strict = true\n[rules]\nAM206 = "error"\n', encoding="utf-8")
    result = run("check", "--config", course, "--root", project, "map.yaml")
    assert result.code == 1
    assert {"AM203", "AM206", "AM301"} <= {line.split()[2] for line in result.out.splitlines() if ": error " in line}


def test_a_pyproject_named_by_config_is_read_from_its_tool_table(
    project: Path, run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "arguments" / "map.yaml").write_text(MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian"))
    course = project / "course" / "pyproject.toml"
    course.parent.mkdir()
    course.write_text('[tool.argmap.rules]\nAM207 = "error"\n', encoding="utf-8")
    result = run("check", "--config", course, "arguments/map.yaml")
    assert result.code == 1 and "error AM207" in result.out


@pytest.mark.parametrize("command", [["check"], ["export"], ["coverage"], ["render", "--format", "dot", "-o", "-"]])
def test_every_command_that_reads_maps_takes_isolated_and_config(
    submission: Path, run: RunFn, command: list[str]
) -> None:
    assert run(*command, "--isolated", "map.yaml").code == 1
    result = run(*command, "--isolated", "--config", "x.toml", "map.yaml")
    assert result.code == 2
    assert "--isolated and --config exclude each other" in result.err


@pytest.mark.parametrize(
    "command",
    [
        ["add", "objection", "--to", "T1", "--text", "x", "m.yaml"],
        ["fix", "m.yaml"],
        ["diff", "a.yaml", "b.yaml"],
        ["new", "s.txt", "-o", "m.yaml"],
        ["schema"],
        ["rules"],
    ],
)
def test_every_command_accepts_isolated(command: list[str], run: RunFn) -> None:
    result = run(*command, "--isolated")
    assert "No such option" not in result.err


def test_a_missing_config_file_is_a_clear_error(submission: Path, run: RunFn) -> None:
    result = run("check", "--config", "course.toml", "map.yaml")
    assert result.code == 2
    assert "course.toml:1:1: error AM120 cannot read the configuration: no such file" in result.err


def test_applying_a_configuration_never_drops_a_protected_problem() -> None:
    # A Config built by hand (not read from a file, whose reader refuses such a table).
    config = Config(rules={"AM203": "off", "AM201": "warning", "AM206": "off", "AM105": "off"})
    found = [problem("m.yaml", Position(1, 1), code, "x") for code in ("AM203", "AM201", "AM206", "AM105")]
    assert [(p.code, p.severity.value) for p in config.apply(found)] == [
        ("AM203", "error"),
        ("AM201", "error"),
        ("AM105", "error"),
    ]


def test_add_verifies_the_edit_under_the_configuration_it_was_given(
    project: Path, run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The map's quote matches only after normalisation (AM207) and the course switches AM207
    # off: the edited map is judged by the same rules as the map, so nothing is reported.
    monkeypatch.chdir(project)
    map_file = project / "arguments" / "map.yaml"
    map_file.write_text(MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian"), encoding="utf-8")
    off = project / "off.toml"
    off.write_text('[rules]\nAM207 = "off"\n', encoding="utf-8")
    result = run("add", "objection", "--to", "T1", "--text", "Trade is not trust.", "--config", off, map_file)
    assert result.code == 0, result.err
    assert "AM207" not in result.err
    assert "Trade is not trust." in map_file.read_text(encoding="utf-8")
