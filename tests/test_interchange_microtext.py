"""The microtext sample through every round trip: microtext -> map -> AIF/OVA -> map, and Argdown.

The maps come from `argmap import microtext` (the corpus reader); each is exported as AIF
and OVA, imported back, and must check clean with the same claims, quotes and relations
(every kind AIF can say: a concession comes back as an objection). Its Argdown parses in
the Argdown CLI with the statements, relations and arguments the export promises.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run
from tests.test_aif_export import as_aif_says
from tests.test_argdown import _expected, _found, parse

from argmap.writers.argdown import to_argdown

SAMPLE = Path(__file__).parent / "microtexts"  # the corpus sample the corpus reader's tests use


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from argmap.commands.main import main

    files = sorted(SAMPLE.glob("micro_*.xml"))
    assert files, f"the microtext sample is missing from {SAMPLE}"
    folder = tmp_path_factory.mktemp("microtexts")
    (folder / "pyproject.toml").write_text("[tool.argmap]\n")
    assert main(["import", "microtext", *map(str, files), "-o", str(folder / "maps")]) == 0
    return folder


def _export(run: Callable[..., Run], *args: str | Path) -> dict[str, Any]:
    result = run("export", *args)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


@pytest.mark.parametrize("fmt", ["aif", "ova"])
def test_every_microtext_comes_back_through_aif(
    fmt: str, imported: Path, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(imported)
    maps = sorted((imported / "maps").glob("*.yaml"))
    assert maps
    for path in maps:
        before = _export(run, path)
        exported = imported / f"{path.stem}.{fmt}.json"
        exported.write_text(run("export", path, "--format", fmt).out, encoding="utf-8")
        back = imported / "back" / fmt / path.name
        back.parent.mkdir(parents=True, exist_ok=True)
        result = run("import", "aif", exported, "-o", back, "--force")
        assert result.code == 0, f"{path.name}: {result.err}"  # checks clean
        after = _export(run, back)
        assert [c["id"] for c in after["claims"]] == [c["id"] for c in before["claims"]]
        assert all(c["kind"] in as_aif_says(before, b) for c, b in zip(after["claims"], before["claims"], strict=True))
        assert [[q["text"] for q in c["quotes"]] for c in after["claims"]] == [
            [q["text"] for q in c["quotes"]] for c in before["claims"]
        ]

        def links(document: dict[str, Any]) -> set[tuple[Any, ...]]:
            return {(r["type"], tuple(r["from"]), r.get("to_link") or r["to"]) for r in document["relations"]}

        assert links(after) == links(before), path.name


def test_every_microtext_parses_in_argdown(imported: Path, run: Callable[..., Run], tmp_path: Path) -> None:
    for path in sorted((imported / "maps").glob("*.yaml")):
        document = _export(run, path)
        parsed = parse(to_argdown(document), tmp_path)
        assert _found(parsed) == _expected(document), path.name
