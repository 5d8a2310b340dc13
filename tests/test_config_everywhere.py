"""Every command that reads a map sees the problems the project's configuration makes of it.

The map below has one warning (AM207: a quote that matches only after folding a dash). A course
that grades AM207 as an error, switches it off, or asks for `strict` gets the same answer from
every command — not only from `check`. (The language server and `watch` are held to this in
tests/test_lsp.py and tests/test_watch.py.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, Run

WITH_WARNING = MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian")
MAP = "arguments/map.yaml"

# command -> its arguments (the map is MAP; outputs go to files in the project)
COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("check", MAP),
    "export": ("export", MAP, "-o", "out/map.json"),
    "coverage": ("coverage", MAP),
    "render": ("render", MAP, "-o", "out/map.svg"),
    "evaluate": ("evaluate", MAP),
    "slides": ("slides", MAP, "-o", "out/deck.pdf"),
    "html": ("html", MAP, "-o", "out/page.html"),
}


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    (project / MAP).write_text(WITH_WARNING, encoding="utf-8")
    (project / "out").mkdir()
    return project


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_rule_graded_as_an_error_fails_every_command(command: str, in_project: Path, run: Callable[..., Run]) -> None:
    assert run(*COMMANDS[command]).code == 0
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n', encoding="utf-8")
    assert run(*COMMANDS[command]).code == 1


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_strict_makes_a_warning_fail_every_command(command: str, in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / "pyproject.toml").write_text("[tool.argmap]\nstrict = true\n", encoding="utf-8")
    assert run(*COMMANDS[command]).code == 1
    (in_project / "pyproject.toml").write_text('[tool.argmap]\nstrict = true\n[tool.argmap.rules]\nAM207 = "off"\n')
    assert run(*COMMANDS[command]).code == 0


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_isolated_ignores_the_project_configuration(command: str, in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n', encoding="utf-8")
    name, *rest = COMMANDS[command]
    assert run(name, "--isolated", *rest).code == 0


def test_diff_notes_the_errors_the_configuration_makes(in_project: Path, run: Callable[..., Run]) -> None:
    assert "check error" not in run("diff", MAP, MAP).err
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n', encoding="utf-8")
    assert "has 1 check error(s)" in run("diff", MAP, MAP).err


def test_add_counts_the_problems_the_configuration_makes(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n', encoding="utf-8")
    result = run("add", "objection", "--to", "P1", "--text", "Not so.", MAP)
    assert result.code == 0 and "already had 1 error(s) and 0 warning(s)" in result.err


def test_class_counts_the_problems_the_configuration_makes(in_project: Path, run: Callable[..., Run]) -> None:
    overlay = in_project / "arguments" / "student.yaml"
    overlay.write_text(
        "argmap: 1\nextends: map.yaml\nadded_by: a student\nclaims:\n"
        "  - {id: S1, kind: objection, text: Not so., attacks: P1}\n",
        encoding="utf-8",
    )
    (in_project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n', encoding="utf-8")
    found = json.loads(run("class", MAP, overlay, "--format", "json").out)
    assert [row["errors"] for row in found["overlays"]] == [1]


def test_the_format_setting_is_the_default_of_check(in_project: Path, run: Callable[..., Run]) -> None:
    (in_project / ".argmap.toml").write_text('format = "json"\n', encoding="utf-8")
    assert json.loads(run("check", MAP).out)["summary"]["warnings"] == 1
