"""Coverage-guided fuzzing of `argmap check` and `argmap render` with atheris (libFuzzer for Python).

The hypothesis tests in tests/test_fuzz.py run in CI; this harness is for longer,
coverage-guided runs by hand. Each input is written as a map beside a copy of the
op-ed, checked in-process through the same entry point as the command line, and
must end in exit code 0, 1 or 2 with no internal error and no exception.

    .venv/bin/python -m pip install atheris
    .venv/bin/python fuzz/atheris_check.py -max_total_time=300 fuzz/corpus/

The corpus folder starts from the repository's maps (copied in on the first run).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["argmap"]):
    # The command line imports its stages lazily; import them here so they are instrumented.
    for stage in (
        "anchor",
        "check",
        "compose",
        "config",
        "draw",
        "graph",
        "load",
        "report",
        "resolve",
        "rules",
        "sources",
        "validate",
        "write",
    ):
        importlib.import_module(f"argmap.{stage}")
    from argmap.commands.main import main

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Path(tempfile.mkdtemp(prefix="argmap-atheris-"))
(PROJECT / "pyproject.toml").write_text("")
(PROJECT / "seeds").mkdir()
(PROJECT / "arguments").mkdir()
shutil.copyfile(
    ROOT / "seeds" / "countering-external-threats.txt", PROJECT / "seeds" / "countering-external-threats.txt"
)
MAP = PROJECT / "arguments" / "map.yaml"


# Each input is checked as JSON and as text, and drawn as DOT: the text a person or a CI log
# reads must hold no control character and no line that starts a workflow command.
COMMANDS = (
    ["check", "--isolated", "--format", "json"],
    ["check", "--isolated", "--format", "text"],
    ["render", "--isolated", "--format", "dot", "-o", "-"],
)


def readable(text: str) -> bool:
    return not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text) and not any(
        line.startswith("::") for line in text.split("\n")
    )


def one_input(data: bytes) -> None:
    MAP.write_bytes(data)
    for command in COMMANDS:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*command, str(MAP)])
        if code not in (0, 1, 2) or "internal error" in err.getvalue():
            raise AssertionError(f"{command[0]}: exit {code}: {err.getvalue()[:500]}")
        if not readable(err.getvalue()) or (command[-1] == "text" and not readable(out.getvalue())):
            raise AssertionError(f"{command[0]}: unescaped output: {(out.getvalue() + err.getvalue())[:500]!r}")


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.iterdir()):
        for number, path in enumerate(
            sorted((ROOT / "arguments").glob("*.yaml")) + sorted((ROOT / "tests" / "bad_maps").glob("*.yaml"))
        ):
            text = path.read_text(encoding="utf-8").replace("../../seeds/", "../seeds/")
            (folder / f"seed-{number:03}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    corpora = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for corpus in corpora:
        seed_corpus(corpus)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
