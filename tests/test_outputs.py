"""Outputs never destroy inputs: no command writes onto a file it reads, a map, or a non-regular file.

Every case checks the exit code, the message, and that each input is byte for byte as it was.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Self

import pytest
from tests.conftest import MINIMAL_MAP, Run

RunFn = Callable[..., Run]
SLOW = bool(os.environ.get("ARGMAP_SLOW_TESTS"))


@pytest.fixture(autouse=True)
def _inside_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files relative to the working directory


@pytest.fixture
def map_file(project: Path) -> Path:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP, encoding="utf-8")
    return target


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def argmap(*args: str | Path, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "argmap", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output="stdout" not in kwargs, timeout=60, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("render", "arguments/map.yaml", "-o", "arguments/map.yaml"), ".yaml and .yml files are maps"),
        (("export", "arguments/map.yaml", "-o", "arguments/map.yaml"), ".yaml and .yml files are maps"),
        (("schema", "-o", "arguments/map.yaml"), ".yaml and .yml files are maps"),
        (("export", "arguments/map.yaml", "-o", "seeds/oped.txt"), "it is a source it quotes"),
        # render refuses any file not named for a picture, a source among them
        (("render", "--format", "dot", "arguments/map.yaml", "-o", "seeds/oped.txt"), "argmap draws .svg, .png"),
        (("diff", "arguments/map.yaml", "arguments/map.yaml", "-o", "seeds/oped.txt"), "it is a source it quotes"),
        (
            ("diff", "arguments/map.yaml", "arguments/map.yaml", "-o", "arguments/map.yaml"),
            ".yaml and .yml files are maps",
        ),
    ],
)
def test_no_command_writes_onto_a_file_it_reads(
    project: Path, map_file: Path, run: RunFn, args: tuple[str, ...], said: str
) -> None:
    before = snapshot(project)
    result = run(*args)
    assert result.code == 2
    target = args[args.index("-o") + 1]
    last = result.err.splitlines()[-1]
    assert last.startswith((f"argmap: will not write {target}: {said}", f"argmap: -o {target}: {said}"))
    assert snapshot(project) == before


def test_a_map_named_like_its_picture_is_not_drawn_over(project: Path, run: RunFn) -> None:
    odd = project / "arguments" / "x.svg"
    odd.write_text(MINIMAL_MAP, encoding="utf-8")
    before = snapshot(project)
    result = run("render", "--format", "svg", odd)
    assert result.code == 2
    assert "would be drawn onto the map" in result.err
    assert snapshot(project) == before


def test_two_maps_drawn_to_one_picture_is_an_error_before_anything_is_drawn(project: Path, run: RunFn) -> None:
    (project / "arguments" / "a.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (project / "arguments" / "a.yml").write_text(MINIMAL_MAP, encoding="utf-8")
    before = snapshot(project)
    result = run("render", "--format", "dot", "arguments")
    assert result.code == 2
    assert result.err == (
        "argmap: arguments/a.yaml and arguments/a.yml would both be drawn to arguments/a.dot; "
        "draw them separately or use -o FOLDER\n"
    )
    assert snapshot(project) == before


@pytest.mark.parametrize("kind", ["symlink", "fifo", "socket"])
def test_an_output_that_is_not_a_regular_file_is_left_alone(
    project: Path, map_file: Path, run: RunFn, kind: str
) -> None:
    target = project / "out.json"
    if kind == "symlink":
        (project / "elsewhere.json").write_text("kept\n")
        target.symlink_to(project / "elsewhere.json")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind("out.json")  # the file stays after the socket is closed
    result = run("export", map_file, "-o", "out.json")
    said = {"symlink": "a symbolic link", "fifo": "a FIFO", "socket": "a socket"}[kind]
    assert result.code == 2
    assert result.err.endswith(
        f"argmap: will not write out.json: it is {said}; argmap replaces only regular files "
        "(`-o -` writes to standard output)\n"
    )
    mode = os.lstat(target).st_mode
    assert {"symlink": stat.S_ISLNK, "fifo": stat.S_ISFIFO, "socket": stat.S_ISSOCK}[kind](mode)
    if kind == "symlink":
        assert (project / "elsewhere.json").read_text() == "kept\n"


def test_a_device_is_never_replaced(map_file: Path, run: RunFn) -> None:
    result = run("render", "--format", "dot", map_file, "-o", "/dev/full")
    assert result.code == 2
    assert "will not write /dev/full: it is a device" in result.err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dash_is_standard_output(map_file: Path, run: RunFn) -> None:
    result = run("render", "--format", "dot", map_file, "-o", "-")
    assert result.code == 0
    assert result.out.startswith("// argmap argument diagram")


def test_new_does_not_write_its_map_over_its_source(project: Path, run: RunFn) -> None:
    source = project / "seeds" / "next.yaml"
    source.write_text("An article saved with an odd name.\n", encoding="utf-8")
    result = run("new", source, "-o", source, "--force")
    assert result.code == 2
    assert "it is the source to be mapped" in result.err
    assert source.read_text(encoding="utf-8") == "An article saved with an odd name.\n"


def test_a_full_standard_output_is_a_clear_error(project: Path, map_file: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = argmap("export", map_file, cwd=project, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.decode() == "argmap: cannot write to standard output: No space left on device\n"


def test_a_closed_standard_output_is_a_clear_error(project: Path, map_file: Path) -> None:
    command = f"{sys.executable} -m argmap export {map_file} -o - >&-"
    result = subprocess.run(["sh", "-c", command], cwd=project, capture_output=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.decode() == "argmap: cannot write to standard output: it is closed\n"


def test_two_adds_at_once_lose_no_claim(project: Path, map_file: Path) -> None:
    for round_ in range(12 if SLOW else 3):
        map_file.write_text(MINIMAL_MAP, encoding="utf-8")
        command = [sys.executable, "-m", "argmap", "add", "objection", "--to", "P1", "--text"]
        children = [
            subprocess.Popen(
                [*command, f"Objection {n} of round {round_}.", "arguments/map.yaml"],
                cwd=project,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for n in (1, 2)
        ]
        outcomes = [
            (child.returncode, out.decode()) for child in children for out, _ in [child.communicate(timeout=60)]
        ]
        text = map_file.read_text(encoding="utf-8")
        for n, (code, out) in enumerate(outcomes, start=1):
            assert code == 0, out
            assert f"Objection {n} of round {round_}." in text  # both added: the second waited
        assert sorted(line.split()[1] for _, out in outcomes for line in out.splitlines()) == ["added", "added"]


def test_interrupted_edits_leave_only_documented_temporary_names(project: Path, map_file: Path) -> None:
    # The check of an edited map writes a hidden copy beside it: named like every temporary
    # file argmap writes, `.NAME.XXXX.tmp` (docs/security.md), so a cleanup rule can find it.
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from argmap.edit import session\n"
        "names = []\n"
        "real = tempfile.mkstemp\n"
        "def spy(*a, **k):\n"
        "    made = real(*a, **k); names.append(made[1]); return made\n"
        "session.tempfile.mkstemp = spy\n"
        "from argmap.commands.main import main\n"
        "main(['add', 'objection', '--to', 'P1', '--text', 'x', sys.argv[1]])\n"
        "print('\\n'.join(Path(n).name for n in names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(map_file)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    names = [line for line in result.stdout.splitlines() if line.startswith(".")]
    assert names and all(name.startswith(".map.yaml.") and name.endswith(".tmp") for name in names)


def test_add_on_a_full_disk_is_a_clear_error_and_changes_nothing(
    project: Path, map_file: Path, run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import argmap.edit.session

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, stream: object) -> None:
            self.stream = stream

        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(argmap.edit.session.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    before = snapshot(project)
    result = run("add", "objection", "--to", "P1", "--text", "No.", map_file)
    assert result.code == 2
    assert result.err.startswith("argmap: cannot check the edited ")
    assert "No space left on device" in result.err
    assert snapshot(project) == before


def test_add_keeps_a_cr_only_map_cr_only(project: Path, map_file: Path, run: RunFn) -> None:
    map_file.write_bytes(MINIMAL_MAP.replace("\n", "\r").encode())
    assert run("add", "objection", "--to", "P1", "--text", "No.", map_file).code == 0
    raw = map_file.read_bytes()
    assert b"\n" not in raw
    assert raw.endswith(b"    text: No.\r    attacks: P1\r")
    assert run("check", map_file).code == 0


def test_add_after_a_block_that_keeps_its_blank_lines(project: Path, map_file: Path, run: RunFn) -> None:
    map_file.write_text(MINIMAL_MAP + "    note: |+\n      kept\n\n\n", encoding="utf-8")
    assert run("add", "objection", "--to", "P1", "--text", "No.", map_file).code == 0
    text = map_file.read_text(encoding="utf-8")
    assert "    note: |+\n      kept\n\n\n  - id: O1\n" in text
    from argmap.load.yaml_map import load_text

    claims = load_text(text, "map.yaml").data["claims"]
    assert claims[1]["note"] == "kept\n\n\n"  # the block keeps its blank lines
    assert claims[2]["id"] == "O1"


@pytest.mark.parametrize("command", [["check"], ["coverage"], ["export"], ["render", "--format", "dot", "-o", "-"]])
def test_every_command_says_when_standard_output_is_full(project: Path, map_file: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = argmap(*command, map_file, cwd=project, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.decode().endswith("argmap: cannot write to standard output: No space left on device\n")
    assert b"internal error" not in result.stderr
