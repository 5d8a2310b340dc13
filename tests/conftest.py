"""Shared fixtures: a throwaway project with the op-ed as its source, and the CLI as a function."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from argmap.commands.main import main

ROOT = Path(__file__).resolve().parent.parent
OPED = ROOT / "seeds" / "countering-external-threats.txt"
FLAGSHIP = ROOT / "arguments" / "countering-external-threats.yaml"

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; ARGMAP_UPDATE_GOLDEN=1 rewrites it (then review the diff)."""
    path = GOLDEN / name
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


MINIMAL_MAP = """\
argmap: 1
sources:
  - id: oped
    path: ../seeds/oped.txt
claims:
  - id: T1
    kind: thesis
    text: China and Russia coordinate against external threats.
    quote: To counter external threats, China and Russia are looking to increase their coordination
  - id: P1
    kind: premise
    text: Their relations are good.
    quote: spoke highly of the current state of Sino-Russian relations
    supports: T1
"""


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Output must not depend on the developer's terminal or locale.
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: pyproject.toml marker, seeds/oped.txt (the op-ed), arguments/."""
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(OPED, tmp_path / "seeds" / "oped.txt")
    (tmp_path / "arguments").mkdir()
    return tmp_path


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `argmap ARGS...` in-process and capture its exit code, stdout and stderr apart."""

    def invoke(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke
