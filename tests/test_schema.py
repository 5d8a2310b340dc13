"""The JSON Schema that editors use to complete keys and flag typos as a student types."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, Run

SCHEMA = ROOT / "schema" / "argmap.schema.json"


def test_committed_schema_is_current(run: Callable[..., Run]) -> None:
    assert run("schema").out == SCHEMA.read_text(encoding="utf-8"), (
        "schema/argmap.schema.json is stale: run `argmap schema -o schema/argmap.schema.json`"
    )


def test_schema_is_draft_07_and_knows_the_shorthands() -> None:
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    claim = document["$defs"]["Claim"]["properties"]
    assert {"quote", "quotes", "supports", "attacks", "undercuts", "added_by", "implicit"} <= set(claim)
    assert {"type": "string"} in claim["quote"]["anyOf"]


def test_every_map_in_the_repository_validates_against_the_schema() -> None:
    maps = sorted(str(p) for p in (ROOT / "arguments").rglob("*.yaml"))
    maps += [str(ROOT / "tests" / "cli_maps" / "student-mistakes.yaml")]
    checker = shutil.which("check-jsonschema")
    assert checker is not None, "check-jsonschema is a test dependency (pip install -e '.[test]')"
    result = subprocess.run(
        [checker, "--schemafile", str(SCHEMA), *maps], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_maps_name_the_schema_on_their_first_line() -> None:
    for path in (ROOT / "arguments").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        named = first.split("$schema=", 1)[1]
        assert (path.parent / named).resolve() == SCHEMA, path


def test_a_typo_in_a_key_fails_the_schema_too(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text(
        "argmap: 1\nsources: [{id: a, path: x.txt}]\nclaims: [{id: T1, kind: thesis, text: t, suports: P1}]\n"
    )
    checker = shutil.which("check-jsonschema")
    assert checker is not None
    result = subprocess.run(
        [checker, "--schemafile", str(SCHEMA), str(target)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1
