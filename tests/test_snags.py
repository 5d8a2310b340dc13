"""Snags a new user met in the README's student walk-through, each fixed and kept fixed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from tests.conftest import MINIMAL_MAP, ROOT, Run

from argmap.check.pipeline import check_map

SVG = "{http://www.w3.org/2000/svg}"


def hints(project: Path, claims: str) -> list[str]:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP + claims)
    return [p.hint or "" for p in check_map(path).problems if p.code == "AM301"]


def test_an_id_that_differs_only_in_case_is_suggested_first(project: Path) -> None:
    # `p1` is as close to `T1` as to `P1` by spelling; the case slip is what the student meant.
    typo = "  - {id: E1, kind: premise, text: A reason., implicit: true, supports: p1}\n"
    assert hints(project, typo) == ["did you mean `P1`? ids are case-sensitive"]


def test_a_hint_never_proposes_a_step_that_does_not_apply(project: Path) -> None:
    # `P2` differs from `P1` by a digit, not by case: no word about case.
    typo = "  - {id: E1, kind: premise, text: A reason., implicit: true, supports: P2}\n"
    assert hints(project, typo) == ["did you mean `P1`?"]


def test_render_selections_suggest_the_case_slip_first(project: Path, run: Callable[..., Run]) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP)
    result = run("render", path, "--focus", "p1", "--format", "dot", "-o", "-")
    assert result.code == 2 and "no claim `p1` (did you mean `P1`?)" in result.err


def test_add_into_an_empty_flow_list_writes_block_style(project: Path, run: Callable[..., Run]) -> None:
    shutil.copytree(ROOT / "seeds", project / "seeds", dirs_exist_ok=True)
    shutil.copyfile(ROOT / "arguments" / "countering-external-threats.yaml", project / "arguments" / "base.yaml")
    overlay = project / "arguments" / "mine.yaml"
    overlay.write_text("argmap: 1\nextends: base.yaml\nadded_by: a student\nclaims: []  # my claims\n")
    assert run("add", "objection", "--to", "R1", "--text", "NATO's worry is concrete.", overlay).code == 0
    assert run("add", "rebuttal", "--to", "O3", "--text", "Concrete, but not new.", overlay).code == 0
    text = overlay.read_text()
    assert text.startswith("argmap: 1\nextends: base.yaml\nadded_by: a student\nclaims:  # my claims\n  - id: O3\n")
    assert "{" not in text and "[" not in text  # no flow style left
    assert max(len(line) for line in text.splitlines()) < 80
    claims = yaml.safe_load(text)["claims"]
    assert [(c["id"], c.get("attacks")) for c in claims] == [("O3", "R1"), ("R3", "O3")]


def readme_walkthrough() -> list[str]:
    """The shell lines of the README's "For students" block, as a new user would type them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For students", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the README's student walk-through has no ```sh block"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.lstrip().startswith("#")]


def tracked_copy(target: Path) -> None:
    """A fresh clone of the working tree as it is now: every file git tracks, with its current content."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in listed.decode("utf-8").split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_readme_walkthrough_draws_the_students_objection(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    tracked_copy(clone)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    commands = [line for line in readme_walkthrough() if not line.startswith("source ")]
    assert commands[-1].startswith("argmap render arguments/my-objection.yaml --group nato")
    for line in commands:
        done = subprocess.run(["bash", "-c", line], cwd=clone, env=env, capture_output=True, text=True, check=False)
        assert done.returncode in (0, 1), f"{line}\n{done.stderr}"
        assert "Traceback" not in done.stderr
    picture = clone / "my-objection.png"
    assert picture.read_bytes().startswith(b"\x89PNG")
    # The same view as SVG, to read what the picture shows: the student's O3 with the claim it answers.
    as_svg = commands[-1].replace("my-objection.png", "my-objection.svg")
    subprocess.run(["bash", "-c", as_svg], cwd=clone, env=env, capture_output=True, check=True)
    root = ElementTree.parse(clone / "my-objection.svg").getroot()
    drawn = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if "claim" in (g.get("class") or "").split()}
    assert {"O3", "R1"} <= drawn
