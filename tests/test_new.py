"""`argmap new`: an instructor starts the next article's map in one command."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import yaml
from tests.conftest import Run


def test_new_writes_a_source_entry_with_its_pin_and_an_empty_thesis(project: Path, run: Callable[..., Run]) -> None:
    target = project / "arguments" / "next.yaml"
    result = run("new", project / "seeds" / "oped.txt", "-o", target)
    assert result.code == 0 and "fill in the thesis" in result.out
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    (source,) = document["sources"]
    assert source["path"] == "../seeds/oped.txt"
    assert source["sha256"] == hashlib.sha256((project / "seeds" / "oped.txt").read_bytes()).hexdigest()
    assert document["claims"] == [{"id": "T1", "kind": "thesis", "text": "", "quote": ""}]


def test_the_scaffold_fails_check_saying_what_to_fill_in(project: Path, run: Callable[..., Run]) -> None:
    target = project / "arguments" / "next.yaml"
    run("new", project / "seeds" / "oped.txt", "-o", target)
    result = run("check", target)
    assert result.code == 1
    assert [line.split(": ", 2)[1] for line in result.out.splitlines()[:-1]] == [
        "error AM112 `claims[0].text`",
        "error AM112 `claims[0].quote`",
    ]


def test_filling_in_the_thesis_makes_it_check(project: Path, run: Callable[..., Run]) -> None:
    target = project / "arguments" / "next.yaml"
    run("new", project / "seeds" / "oped.txt", "-o", target)
    text = target.read_text(encoding="utf-8")
    text = text.replace('text: ""', "text: China and Russia coordinate against threats.")
    text = text.replace('quote: ""', "quote: China and Russia are looking to increase their coordination")
    target.write_text(text, encoding="utf-8")
    assert run("check", "--strict", target).code == 0


def test_the_schema_modeline_points_at_the_projects_schema(project: Path, run: Callable[..., Run]) -> None:
    (project / "schema").mkdir()
    (project / "schema" / "argmap.schema.json").write_text("{}")
    target = project / "arguments" / "next.yaml"
    run("new", project / "seeds" / "oped.txt", "-o", target)
    assert target.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schema/argmap.schema.json"


def test_new_never_overwrites_without_force(project: Path, run: Callable[..., Run]) -> None:
    target = project / "arguments" / "next.yaml"
    target.write_text("mine\n")
    assert run("new", project / "seeds" / "oped.txt", "-o", target).code == 2
    assert target.read_text() == "mine\n"
    assert run("new", "--force", project / "seeds" / "oped.txt", "-o", target).code == 0


def test_a_missing_or_binary_source_is_a_clear_error(project: Path, run: Callable[..., Run]) -> None:
    result = run("new", project / "seeds" / "nope.txt", "-o", project / "arguments" / "x.yaml")
    assert (result.code, result.err) == (2, f"argmap: no such source file: {project / 'seeds' / 'nope.txt'}\n")
    (project / "seeds" / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    result = run("new", project / "seeds" / "latin1.txt", "-o", project / "arguments" / "x.yaml")
    assert result.code == 2 and "not UTF-8" in result.err
    assert not (project / "arguments" / "x.yaml").exists()
