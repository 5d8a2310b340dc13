"""Inputs that never end, or that the loader could not hold: each refused at once, with its place.

Hostile files (FIFOs, symlink loops, odd names, runaway lists) are built by each test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, Run

from argmap.load.yaml_map import load_text

RunFn = Callable[..., Run]


@pytest.fixture(autouse=True)
def _inside_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files relative to the working directory


def write(project: Path, text: str, name: str = "map.yaml") -> Path:
    target = project / "arguments" / name
    target.write_text(text, encoding="utf-8")
    return target


def argmap(*args: str | Path, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process: a hang is a timeout here, not a stuck test run."""
    command = [sys.executable, "-m", "argmap", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.mark.parametrize("command", [("check",), ("export",), ("render", "--format", "dot"), ("coverage",)])
def test_a_fifo_named_as_the_map_is_refused_at_once(project: Path, command: tuple[str, ...]) -> None:
    os.mkfifo(project / "arguments" / "pipe.yaml")
    result = argmap(*command, "arguments/pipe.yaml", cwd=project)
    assert result.returncode == 2
    assert (
        "arguments/pipe.yaml:1:1: error AM100 this is a FIFO (named pipe), not a file" in result.stdout + result.stderr
    )


def test_add_to_a_fifo_is_refused_at_once(project: Path) -> None:
    os.mkfifo(project / "arguments" / "pipe.yaml")
    result = argmap("add", "objection", "arguments/pipe.yaml", "--to", "T1", "--text", "No.", cwd=project)
    assert result.returncode == 2
    assert "arguments/pipe.yaml:1:1: error AM100 this is a FIFO (named pipe), not a file" in result.stderr


@pytest.mark.parametrize(("source", "said"), [("pipe.txt", "a FIFO (named pipe)"), ("/dev/zero", "a device")])
def test_new_refuses_a_source_that_is_not_a_regular_file(project: Path, source: str, said: str) -> None:
    if source == "pipe.txt":
        os.mkfifo(project / "pipe.txt")
    result = argmap("new", source, "-o", "arguments/next.yaml", cwd=project)
    assert result.returncode == 2
    assert result.stderr == f"argmap: cannot read {source}: this is {said}, not a file\n"
    assert not (project / "arguments" / "next.yaml").exists()


def test_a_symlink_loop_named_as_the_map_is_am100(project: Path, run: RunFn) -> None:
    (project / "arguments" / "a.yaml").symlink_to("b.yaml")
    (project / "arguments" / "b.yaml").symlink_to("a.yaml")
    for command in (("check",), ("export",), ("coverage",), ("render", "--format", "dot")):
        result = run(*command, "arguments/a.yaml")
        assert result.code == 2
        assert (
            "arguments/a.yaml:1:1: error AM100 a symlink loop: the link leads back to itself" in result.out + result.err
        )
        assert "internal error" not in result.err


def test_a_number_of_5000_digits_is_am112_at_its_place(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP + "    note: " + "9" * 5_000 + "\n")
    result = run("check", target)
    assert result.code == 1
    assert "arguments/map.yaml:15:11: error AM112 a number of 5,000 digits is longer than argmap reads" in result.out


def test_a_nul_in_a_source_path_is_am201(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP.replace("path: ../seeds/oped.txt", 'path: "../seeds/oped\\0.txt"'))
    result = run("check", target)
    assert result.code == 1
    assert "arguments/map.yaml:4:11: error AM201 source `oped`: the path holds a NUL character" in result.out


def test_a_nul_in_extends_is_am114(project: Path, run: RunFn) -> None:
    target = write(project, 'argmap: 1\nextends: "base\\0.yaml"\nclaims: []\n')
    result = run("check", target)
    assert result.code == 1
    assert "arguments/map.yaml:2:10: error AM114 the base map base\\x00.yaml does not exist" in result.out


def test_a_key_holding_a_nul_is_reported_not_dropped(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP + '    "note\\0duplicate1": hidden\n')
    result = run("check", target)
    assert result.code == 1
    assert "arguments/map.yaml:15:5: error AM110 the key 'note\\x00duplicate1' holds a NUL character" in result.out


def test_a_runaway_flow_list_stops_at_the_first_value_over_the_limit(project: Path, run: RunFn) -> None:
    target = write(project, MINIMAL_MAP.replace("supports: T1", "supports: [" + ", ".join(["T1"] * 120_000) + "]"))
    result = run("check", target)
    assert result.code == 2
    first = result.out.splitlines()[0]
    assert first.startswith("arguments/map.yaml:14:")
    assert first.endswith(" error AM116 the map holds more than 100,000 values (this is the first one over)")


@pytest.mark.parametrize("name", ["a: b #c.txt", "two\nlines.txt", "- dash.txt", 'quote".txt'])
def test_new_writes_a_map_argmap_can_read_for_any_source_name(project: Path, run: RunFn, name: str) -> None:
    (project / "seeds" / name).write_text("The article. It argues.\n", encoding="utf-8")
    assert run("new", project / "seeds" / name, "-o", "arguments/next.yaml").code == 0
    result = run("check", "--format", "json", "arguments/next.yaml")
    # Only the thesis the scaffold leaves to fill in: the source was read and is pinned.
    assert [(p["code"], p["line"]) for p in json.loads(result.out)["problems"]] == [("AM112", 16), ("AM112", 17)]
    loaded = load_text((project / "arguments" / "next.yaml").read_text(encoding="utf-8"), "next.yaml")
    assert loaded.data["sources"][0]["path"] == f"../seeds/{name}"


def test_a_file_name_that_is_not_utf8_gives_valid_json(project: Path) -> None:
    folder = os.fsencode(project / "arguments")
    with open(os.path.join(folder, b"caf\xe9.yaml"), "wb") as handle:
        handle.write(b"argmap: 1\nclaims: [\n")
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--format", "json", "arguments"],
        cwd=project,
        capture_output=True,
        timeout=20,
        check=False,
    )
    document = json.loads(result.stdout.decode("utf-8"))
    assert document["problems"][0]["file"] == "arguments/caf\\xe9.yaml"


def test_a_utf16_source_is_named_as_such(project: Path, run: RunFn) -> None:
    (project / "seeds" / "wide.txt").write_bytes("\ufeffChina and Russia".encode("utf-16"))
    result = run("check", write(project, MINIMAL_MAP.replace("oped.txt", "wide.txt")))
    assert result.code == 1
    assert "arguments/map.yaml:4:11: error AM202 source `oped`: ../seeds/wide.txt is saved as UTF-16, not UTF-8" in (
        result.out
    )
