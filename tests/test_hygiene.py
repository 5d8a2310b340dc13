"""What argmap prints: control characters spelled out, no forged workflow command, gates that fail closed.

A map or a source may carry newlines, ESC sequences and `::error` lines meant for the CI log or
the instructor's terminal; every test builds such a file and reads what argmap printed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, Run

RunFn = Callable[..., Run]
FORGED = "::error file=README.md,line=1::forged"


@pytest.fixture(autouse=True)
def _inside_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files relative to the working directory


def write(project: Path, text: str, name: str = "map.yaml") -> Path:
    target = project / "arguments" / name
    target.write_text(text, encoding="utf-8")
    return target


def no_control_characters(text: str) -> None:
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)


def no_forged_command(text: str) -> None:
    assert not any(line.startswith("::") for line in text.splitlines()), text


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_reference_cannot_forge_a_workflow_command(project: Path, run: RunFn, fmt: str) -> None:
    target = write(project, MINIMAL_MAP.replace("supports: T1", f"supports: {json.dumps('T9' + chr(10) + FORGED)}"))
    result = run("check", "--format", fmt, target)
    assert result.code == 1
    no_forged_command(result.out)
    no_control_characters(result.out)
    message = json.loads(result.out)["problems"][0]["message"] if fmt == "json" else result.out
    assert "`T9\\n::error file=README.md,line=1::forged`" in message


def test_github_annotations_escape_every_control_character(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP.replace("supports: T1", 'supports: "T9\\e]0;owned\\a\\n::warning::x"'))
    result = run("check", "--format", "github", target)
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=arguments/map.yaml,line=14,col=15,title=AM301::")
    assert "T9\\x1b]0;owned\\x07\\n::warning::x" in lines[0]
    no_control_characters(result.out)


def test_a_source_path_with_a_newline_cannot_forge_the_summary(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP.replace("../seeds/oped.txt", '"../seeds/x\\n1 map checked: no problems"'))
    result = run("check", target)
    assert result.code == 1
    assert result.out.count("\n") == 3  # the problem, its hint, the real summary
    assert "no file at ../seeds/x\\n1 map checked: no problems" in result.out
    assert result.out.endswith("1 map checked: 1 error, 0 warnings\n")


def test_escape_sequences_in_a_source_reach_no_hint_raw(project: Path, run: RunFn) -> None:
    (project / "seeds" / "odd.txt").write_text("The alliance \x1b[2Jis strong \x9b31m and growing.\n", encoding="utf-8")
    target = write(
        project,
        MINIMAL_MAP.replace("oped.txt", "odd.txt").replace(
            "quote: spoke highly of the current state of Sino-Russian relations",
            "quote: The alliance is strong and growin",
        ),
    )
    result = run("check", target)
    no_control_characters(result.out)
    assert "\\x1b[2J" in result.out


def test_diff_and_focus_errors_spell_out_escape_sequences(project: Path, run: RunFn) -> None:
    old = write(project, MINIMAL_MAP, "old.yaml")
    new = write(
        project,
        MINIMAL_MAP.replace("Their relations are good.", '"Their \\e[31mrelations\\e[0m are good."'),
        "new.yaml",
    )
    result = run("diff", old, new)
    no_control_characters(result.out)
    assert "Their \\u001b[31mrelations\\u001b[0m are good." in result.out  # as a YAML string would have it
    result = run("render", "--format", "dot", "--focus", "X\x1b[31m", "-o", "-", old)
    assert result.code == 2
    no_control_characters(result.err)
    assert "X\\x1b[31m" in result.err


def test_uncovered_sentences_are_printed_with_their_escapes_spelled_out(project: Path, run: RunFn) -> None:
    with (project / "seeds" / "oped.txt").open("a", encoding="utf-8") as source:
        source.write("A last line \x1b[41mred\x1b[0m.\n")
    result = run("coverage", write(project, MINIMAL_MAP))
    assert "A last line \\x1b[41mred\\x1b[0m." in result.out
    no_control_characters(result.out)


def test_a_file_name_starting_with_two_colons_is_shown_with_its_folder(project: Path, run: RunFn) -> None:
    (project / "::error file=x::forged.yaml").write_text("argmap: 1\nclaims: [\n", encoding="utf-8")
    result = run("check", "::error file=x::forged.yaml")
    no_forged_command(result.out)
    assert result.out.startswith("./::error file=x::forged.yaml:")


# --- gates fail closed --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../seeds/missing.txt", "/etc/hostname", "../.git/config"])
def test_coverage_fails_when_a_source_cannot_be_read(project: Path, run: RunFn, path: str) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    result = run("coverage", "--min", "90", write(project, MINIMAL_MAP.replace("../seeds/oped.txt", path)))
    assert result.code == 1
    code = "AM201" if "missing" in path else "AM203"
    assert f"arguments/map.yaml:4:11: error {code} source `oped`" in result.err
    assert "c2VjcmV0" not in result.out + result.err


def test_coverage_fails_on_a_map_with_errors(project: Path, run: RunFn) -> None:
    result = run("coverage", write(project, MINIMAL_MAP.replace("supports: T1", "supports: T9")))
    assert result.code == 1
    assert "error AM301" in result.err
    assert "coverage fails until they are fixed" in result.err


@pytest.mark.parametrize("value", ["nan", "-1", "100.5", "inf", "ninety"])
def test_coverage_min_is_a_percentage(project: Path, run: RunFn, value: str) -> None:
    result = run("coverage", "--min", value, write(project, MINIMAL_MAP))
    assert result.code == 2
    assert "Invalid value for '--min'" in result.err


# --- containment ----------------------------------------------------------------------------------


@pytest.mark.parametrize("via", ["path", "symlink"])
def test_a_source_inside_git_is_refused_like_one_outside(project: Path, run: RunFn, via: str) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[core]\n\tbare = false\n\ttoken = ghp_secret\n")
    path = "../.git/config"
    if via == "symlink":
        (project / "seeds" / "notes.txt").symlink_to(project / ".git" / "config")
        path = "../seeds/notes.txt"
    target = write(
        project,
        MINIMAL_MAP.replace("../seeds/oped.txt", path).replace(
            "quote: spoke highly of the current state of Sino-Russian relations", "quote: bare = false"
        ),
    )
    result = run("coverage", "--format", "json", target)
    assert result.code == 1
    assert f"error AM203 source `oped`: {path} leads into the hidden folder .git" in result.err
    assert "ghp_secret" not in result.out + result.err


def test_a_hidden_file_is_refused_too(project: Path, run: RunFn) -> None:
    (project / "seeds" / ".env").write_text("TOKEN=x\n")
    result = run("check", write(project, MINIMAL_MAP.replace("oped.txt", ".env")))
    assert "error AM203 source `oped`: ../seeds/.env leads into the hidden file .env" in result.out


def test_nothing_is_printed_raw_for_any_control_character(project: Path, run: RunFn) -> None:
    for code in [*range(9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)]:
        escaped = json.dumps(f"T{chr(code)}x")
        result = run("check", write(project, MINIMAL_MAP.replace("supports: T1", f"supports: {escaped}")))
        no_control_characters(result.out)
    assert os.path.exists(project / "arguments" / "map.yaml")
