"""`argmap export --format argdown`, parsed by the real Argdown CLI (scripts/setup.sh installs it).

Where npm is absent the CLI cannot be installed and these tests are skipped, saying so;
where npm is there and the CLI is not, they fail: run scripts/setup.sh.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FLAGSHIP, ROOT, Run

from argmap.writers.argdown import argument_title, needs_argument, to_argdown

AIF = Path(__file__).parent / "aif"
LOCAL_CLI = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"


def _argdown_cli() -> str:
    found = str(LOCAL_CLI) if LOCAL_CLI.exists() else shutil.which("argdown")
    if found is not None:
        return found
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed, so the Argdown CLI is not either (scripts/setup.sh installs it with npm)")
    pytest.fail("the Argdown CLI is missing: run `bash scripts/setup.sh` (it installs @argdown/cli into .tools/)")


def parse(document: str, tmp_path: Path) -> dict[str, Any]:
    """Argdown's own JSON of a document; fails on any error or warning the CLI prints."""
    source = tmp_path / "map.argdown"
    source.write_text(document, encoding="utf-8")
    result = subprocess.run(
        [_argdown_cli(), "json", str(source), "--stdout"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    # the CLI prints its success line after the JSON: read the one JSON value at the start
    parsed, end = json.JSONDecoder().raw_decode(result.stdout)
    trailer = result.stdout[end:].lower()
    assert "error" not in trailer and "warn" not in trailer, trailer
    value: dict[str, Any] = parsed
    return value


def _expected(document: dict[str, Any]) -> tuple[Counter[tuple[str, str, str]], dict[str, tuple[list[str], str]]]:
    """The relations between statements, and the arguments (premises, conclusion), the export promises."""
    undercut = {r["to_link"] for r in document["relations"] if r["type"] == "undercut" and r.get("to_link")}
    arguments_of = [r for r in document["relations"] if needs_argument(r, undercut)]
    titles = {r["name"]: argument_title(r) for r in arguments_of}
    relations: Counter[tuple[str, str, str]] = Counter()
    arguments: dict[str, tuple[list[str], str]] = {}
    for r in document["relations"]:
        kind = "support" if r["type"] in ("support", "example") else r["type"]
        target = titles[r["to_link"]] if kind == "undercut" else r["to"]
        if r["name"] in titles:
            conclusion = target if kind == "support" else f"not {target}"
            arguments[titles[r["name"]]] = (r["from"], conclusion)
            if kind != "support":
                relations[(kind, conclusion, target)] = 1  # one `not X` per denied claim or link
        else:
            relations[(kind, r["from"][0], target)] += 1
    return relations, arguments


def _found(parsed: dict[str, Any]) -> tuple[Counter[tuple[str, str, str]], dict[str, tuple[list[str], str]]]:
    relations = Counter((r["relationType"], r["from"], r["to"]) for r in parsed["relations"])
    arguments = {}
    for title, argument in parsed["arguments"].items():
        pcs = next(m["pcs"] for m in argument["members"] if m.get("pcs"))
        arguments[title] = ([s["title"] for s in pcs[:-1]], pcs[-1]["title"])
    return relations, arguments


def _check_against_cli(document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    parsed = parse(to_argdown(document), tmp_path)
    claims = [claim["id"] for claim in document["claims"]]
    extra = {t for t in parsed["statements"] if t.startswith("not ")}  # conclusions of attack arguments
    assert sorted(t for t in parsed["statements"] if t not in extra) == sorted(claims)
    assert _found(parsed) == _expected(document)
    for claim in document["claims"]:
        statement = parsed["statements"][claim["id"]]
        assert statement["data"]["kind"] == claim["kind"]
        quotes = [q["text"] or q["exact"] for q in claim["quotes"]]
        assert statement["data"].get("quote", statement["data"].get("quotes")) == (
            quotes[0] if len(quotes) == 1 else (quotes or None)
        )
        defined = next(m for m in statement["members"] if m.get("isTopLevel") and "text" in m)
        assert defined["text"].strip() == " ".join(claim["text"].split())
    return parsed


def test_the_flagship_parses_cleanly_with_the_same_statements_and_relations(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    document = json.loads(run("export", FLAGSHIP).out)
    parsed = _check_against_cli(document, tmp_path)
    supports = [r for r in document["relations"] if r["type"] == "support"]
    undercut = {r["to_link"] for r in document["relations"] if r["type"] == "undercut"}
    arguments = [r for r in document["relations"] if len(r["from"]) > 1 or r["name"] in undercut]
    assert arguments and len(parsed["arguments"]) == len(arguments)  # linked groups and undercut links
    assert sum(r["relationType"] == "support" for r in parsed["relations"]) == len(
        [r for r in supports if r not in arguments]
    )


def test_the_cli_output_matches_the_writer(run: Callable[..., Run]) -> None:
    document = json.loads(run("export", FLAGSHIP).out)
    assert run("export", FLAGSHIP, "--format", "argdown").out == to_argdown(document)


@pytest.mark.parametrize("name", ["aifdb-debate.json", "ova3-bike-lanes.json", "ova2-school-uniforms.json"])
def test_imported_maps_parse_cleanly_too(
    name: str, run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    monkeypatch.chdir(tmp_path)
    assert run("import", "aif", AIF / name, "-o", "map.yaml").code == 0
    _check_against_cli(json.loads(run("export", "map.yaml").out), tmp_path)


TRICKY = [
    "Trade reached $123 [billion] #tag <x> a_b *c* d@e {x} ~y~ ^z^ a|b `code`",
    "See http://example.org/a//b // not a comment /* nor this */",
    "A backslash \\ and a trailing backslash \\",
    "Curly “quotes” and ‘single’ ones — with a dash… and ellipsis",
    "+> looks like a relation -> but is text <- too",
    "(1) looks like a premise ---- and a rule",
    "=== looks like front matter ===",
    "Line\nbreaks\tand   spaces",
]


def test_text_and_quotes_with_argdown_markup_come_through_as_written(tmp_path: Path) -> None:
    claims = [
        {
            "id": f"C{index}",
            "kind": "thesis" if index == 0 else "premise",
            "text": text,
            "implicit": False,
            "quotes": [{"source": "s", "exact": text, "text": text}],
        }
        for index, text in enumerate(TRICKY)
    ]
    relations = [
        {"name": f"C{i} -> C0", "type": "support", "from": [f"C{i}"], "to": "C0"} for i in range(1, len(TRICKY))
    ]
    document = {
        "map": "tricky.yaml",
        "title": 'A title: with {braces} and "quotes"',
        "claims": claims,
        "relations": relations,
    }
    _check_against_cli(document, tmp_path)


def test_linked_attacks_linked_undercuts_undercuts_of_undercuts_and_examples(tmp_path: Path) -> None:
    # the export document as the grammar's relation types write it
    def claim(cid: str, kind: str) -> dict[str, Any]:
        return {"id": cid, "kind": kind, "text": f"{cid} says so.", "implicit": True, "quotes": []}

    kinds = {
        "T1": "thesis",
        "E1": "evidence",
        "P1": "premise",
        "C1": "concession",
        "R1": "rebuttal",
        "O1": "objection",
        "O2": "objection",
        "O3": "objection",
    }
    relations = [
        {"name": "E1 -> T1", "type": "example", "from": ["E1"], "to": "T1"},
        {"name": "P1 -> T1", "type": "support", "from": ["P1"], "to": "T1"},
        {"name": "O1+O2 -> P1", "type": "attack", "from": ["O1", "O2"], "to": "P1"},
        {"name": "C1 -> P1 -> T1", "type": "undercut", "from": ["C1"], "to": "P1 -> T1", "to_link": "P1 -> T1"},
        {
            "name": "R1 -> C1 -> P1 -> T1",
            "type": "undercut",
            "from": ["R1"],
            "to": "C1 -> P1 -> T1",
            "to_link": "C1 -> P1 -> T1",
        },
        {
            "name": "O2+O3 -> E1 -> T1",
            "type": "undercut",
            "from": ["O2", "O3"],
            "to": "E1 -> T1",
            "to_link": "E1 -> T1",
        },
    ]
    document = {
        "map": "m.yaml",
        "title": "t",
        "claims": [claim(c, k) for c, k in kinds.items()],
        "relations": relations,
    }
    parsed = _check_against_cli(document, tmp_path)
    assert set(parsed["arguments"]) == {
        "O1 and O2 to P1",
        "C1 to P1 to T1",
        "O2 and O3 to E1 to T1",
        "P1 to T1",
        "E1 to T1",
    }
    assert ("undercut", "R1", "C1 to P1 to T1") in _found(parsed)[0]
