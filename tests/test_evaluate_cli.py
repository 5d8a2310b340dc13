"""`argmap evaluate`, `render --evaluate`, `diff`'s evaluation and `argmap class` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from tests.conftest import ROOT, Run
from tests.test_render import svg_edges, svg_nodes, svg_root, tooltip

OVERLAY = Path("tests/class_maps/overlay-1.yaml")
DOCS = Path("docs/evaluation")
SCHEMA = json.loads((ROOT / "schema" / "evaluation.schema.json").read_text(encoding="utf-8"))
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_text_leads_with_the_verdict_then_the_unanswered_objections(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("evaluate", DOCS / "without-support.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == (
        "docs/evaluation/without-support.yaml: thesis T1 stands, but without support: IN, "
        "but every support for it is lost"
    )
    start = lines.index("unanswered objections (1):")
    assert lines[start + 1] == "  O1 (added by an instructor) defeats P1 (and with it P1 -> T1)"
    assert "  P1 is OUT: O1 attacks it and O1 is IN — nothing answers O1" in lines
    assert lines[-1] == "claims: 2 IN, 1 OUT, 0 UNDECIDED; relations: 1 IN, 1 OUT, 0 UNDECIDED"


def test_why_explains_claims_and_links(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("evaluate", OVERLAY, "--why", "R1", "--why", "O3->R1", "--why", "P10")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "R1 is OUT: O3 attacks it and O3 is IN — nothing answers O3",
        "O3 -> R1 is IN: O3 is IN and nothing undercuts it",
        (
            "P10 is OUT: O1 attacks it and O1 is IN — O1 stands, every attack on it is answered — "
            "R1 attacks it, but R1 is OUT"
        ),
    ]


def test_why_and_reject_name_what_the_map_lacks(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("evaluate", OVERLAY, "--why", "r1")
    assert result.code == 2 and "no claim or relation `r1` (did you mean `R1`?)" in result.err
    result = run("evaluate", OVERLAY, "--reject", "o3")
    assert result.code == 2 and "--reject: the map has no claim `o3` (did you mean `O3`?)" in result.err
    assert "Traceback" not in result.err


def test_reject_asks_what_if_a_claim_is_not_granted(in_repo: None, run: Callable[..., Run]) -> None:
    before = json.loads(run("evaluate", OVERLAY, "--format", "json").out)
    after = json.loads(run("evaluate", OVERLAY, "--format", "json", "--reject", "O3").out)
    labels = {c["id"]: c["label"] for c in after["claims"]}
    assert {c["id"]: c["label"] for c in before["claims"]}["R1"] == "OUT"
    assert (labels["O3"], labels["R1"], labels["O1"]) == ("OUT", "IN", "OUT")
    assert after["rejected"] == ["O3"]


def test_json_follows_the_documented_schema_and_is_deterministic(in_repo: None, run: Callable[..., Run]) -> None:
    first = run("evaluate", OVERLAY, "--format", "json")
    assert first.code == 0
    document = json.loads(first.out)
    jsonschema.validate(document, SCHEMA)
    assert run("evaluate", OVERLAY, "--format", "json").out == first.out
    assert {"claim": "O3", "side": "student", "defeats": ["R1"]} in document["unanswered"]
    relation = next(r for r in document["relations"] if r["name"] == "R1 -> O1")
    assert (relation["label"], relation["why"]) == (
        "OUT",
        "R1 -> O1 is OUT: its premise R1 is OUT (O3 attacks it and O3 is IN)",
    )


@pytest.mark.parametrize(
    "case, fail_if, code",
    [
        ("defeated", "defeated", 1),
        ("defeated", "undecided", 0),
        ("undecided", "undecided", 1),
        ("standing", "defeated", 0),
        ("without-support", "defeated", 0),
    ],
)
def test_fail_if_turns_a_verdict_into_exit_1(
    case: str, fail_if: str, code: int, in_repo: None, run: Callable[..., Run]
) -> None:
    assert run("evaluate", DOCS / f"{case}.yaml", "--fail-if", fail_if).code == code


@pytest.mark.parametrize("case", ["standing", "without-support", "defeated", "undecided"])
def test_each_documented_case_gives_its_verdict(case: str, in_repo: None, run: Callable[..., Run]) -> None:
    verdict = {"standing": "standing", "without-support": "standing without support"}.get(case, case)
    document = json.loads(run("evaluate", DOCS / f"{case}.yaml", "--format", "json").out)
    assert document["thesis"]["verdict"] == verdict


def test_unreadable_and_erroneous_maps(project: Path, run: Callable[..., Run]) -> None:
    broken = project / "arguments" / "broken.yaml"
    broken.write_text("argmap: 1\nclaims: [\n")
    result = run("evaluate", broken)
    assert result.code == 2 and "AM102" in result.err and result.out == ""
    typo = project / "arguments" / "typo.yaml"
    typo.write_text(
        "argmap: 1\nsources:\n  - {id: oped, path: ../seeds/oped.txt}\nclaims:\n"
        "  - {id: T1, kind: thesis, implicit: true, text: A thesis.}\n"
        "  - {id: O1, kind: objection, implicit: true, text: An objection., attacks: [T1, t2]}\n"
    )
    result = run("evaluate", typo)
    assert result.code == 1
    assert "AM301" in result.err and "evaluating what resolved" in result.err
    assert result.out.splitlines()[0].endswith(
        ": thesis T1 is defeated (OUT): O1 attacks it and O1 is IN — nothing answers O1"
    )
    assert "  O1 -> t2 is OUT: it names a claim or relation the map does not have, so it cannot act" in result.out


def test_render_evaluate_marks_labels_in_words_and_lines(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("render", "--evaluate", DOCS / "undecided.yaml", "-o", "-", "--format", "svg")
    assert result.code == 0, result.err
    root = svg_root(result.out.encode("utf-8"))
    nodes = svg_nodes(root)
    assert "eval-undecided" in (nodes["T1"].get("class") or "").split()
    words = " ".join("".join(t.itertext()) for t in nodes["O1"].iter(f"{SVG}text"))
    assert words.startswith("? UNDECIDED")
    outline = list(nodes["O1"].iter(f"{SVG}polygon"))
    assert outline and all(e.get("stroke-dasharray") == "1,5" for e in outline)  # dotted
    assert tooltip(nodes["P1"]).startswith("✓ IN: nothing attacks it")
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
    words = [" ".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    assert "UNDECIDED ? not settled (dotted border)" in words
    assert "OUT ✗ defeated (grey, text struck through)" in words
    assert "✗ a relation that no longer counts" in words


def test_render_evaluate_strikes_out_and_fades_defeated_claims(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("render", "--evaluate", DOCS / "without-support.yaml", "-o", "-", "--format", "svg")
    root = svg_root(result.out.encode("utf-8"))
    p1 = svg_nodes(root)["P1"]
    texts = list(p1.iter(f"{SVG}text"))
    assert "".join(texts[0].itertext()) == "✗ OUT"
    struck = [t for t in texts if t.get("text-decoration") == "line-through"]
    assert " ".join("".join(t.itertext()) for t in struck) == "Relations between China and Russia are closer than ever."
    assert all(t.get("fill") == "#6e6e6e" for t in struck)
    defeated = [classes for tail, head, classes in svg_edges(root) if (tail, head) == ("P1", "T1")]
    assert defeated and "eval-out" in defeated[0]


def test_render_evaluate_is_deterministic(in_repo: None, run: Callable[..., Run]) -> None:
    first = run("render", "--evaluate", OVERLAY, "--format", "dot", "-o", "-").out
    assert first == run("render", "--evaluate", OVERLAY, "--format", "dot", "-o", "-").out
    assert "Evaluation (grounded): thesis T1" in first


def test_diff_says_what_the_overlay_does_to_the_argument(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("diff", OVERLAY)
    lines = result.out.splitlines()
    start = lines.index("evaluation:")
    assert "  R1: IN → OUT, attacked by O3 (unanswered)" in lines[start:]
    assert "  O1: OUT → IN, its attacker R1 is OUT" in lines[start:]
    assert lines[-1].startswith("1 claim added")
    document = json.loads(run("diff", OVERLAY, "--format", "json").out)
    changed = {c["name"]: (c["old"], c["new"]) for c in document["evaluation"]["changed"]}
    assert changed["R1"] == ("IN", "OUT") and changed["R1 -> O1"] == ("IN", "OUT")


def test_class_table_in_every_format(in_repo: None, run: Callable[..., Run], tmp_path: Path) -> None:
    base = "arguments/countering-external-threats.yaml"
    text = run("class", base, "tests/class_maps")
    assert text.code == 1  # an overlay has errors (and one cannot be read): still a table
    assert (
        text.out.splitlines()[0]
        == f"base {base}: thesis {json.loads(run('evaluate', base, '--format', 'json').out)['thesis']['verdict']}; 5 overlays"
    )
    assert "tests/class_maps/overlay-5.yaml:8:1: AM102" in text.out
    rows = list(csv.DictReader(io.StringIO(run("class", base, "tests/class_maps", "--format", "csv").out)))
    assert [r["overlay"] for r in rows] == [f"tests/class_maps/overlay-{n}.yaml" for n in range(1, 6)]
    assert rows[0]["unanswered"] == "O1 O3"
    target = tmp_path / "class.md"
    assert run("class", base, "tests/class_maps", "-o", target).code == 1
    assert target.read_text(encoding="utf-8").startswith(f"**Base** `{base}`")
    document = json.loads(run("class", base, *sorted(Path("tests/class_maps").glob("*.yaml")), "--format", "json").out)
    assert document["attacked"] == {"P1": 1, "P5": 1, "R1": 1}


def test_class_with_a_broken_base_or_an_empty_folder_exits_2(
    in_repo: None, run: Callable[..., Run], tmp_path: Path
) -> None:
    result = run("class", "tests/class_maps/overlay-5.yaml", "tests/class_maps/overlay-1.yaml")
    assert result.code == 2 and "could not be read" in result.err and "Traceback" not in result.err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("class", "arguments/countering-external-threats.yaml", empty).code == 2


def test_class_copes_with_a_folder_copied_elsewhere(run: Callable[..., Run], tmp_path: Path) -> None:
    # Overlays keep working from a class folder inside another project (the paths are their own).
    shutil.copytree(ROOT / "arguments", tmp_path / "arguments")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    (tmp_path / "class").mkdir()
    overlay = (ROOT / OVERLAY).read_text(encoding="utf-8").replace("../../arguments/", "../arguments/")
    (tmp_path / "class" / "one.yaml").write_text(overlay)
    result = run("class", tmp_path / "arguments" / "countering-external-threats.yaml", tmp_path / "class")
    assert result.code == 0, result.err
    assert "student 1" in result.out


def test_the_projects_configuration_regrades_codes_for_evaluate_and_class(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "arguments", tmp_path / "arguments")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "class").mkdir()
    overlay = (ROOT / "tests" / "class_maps" / "overlay-4.yaml").read_text(encoding="utf-8")
    (tmp_path / "class" / "four.yaml").write_text(overlay.replace("../../arguments/", "../arguments/"))
    monkeypatch.chdir(tmp_path)
    base = Path("arguments/countering-external-threats.yaml")
    assert run("evaluate", "class/four.yaml").code == 1  # AM301: `p2`
    assert run("class", base, "class").code == 1
    Path(".argmap.toml").write_text('[rules]\nAM301 = "warning"\n')
    assert run("evaluate", "class/four.yaml").code == 0
    result = run("class", base, "class")
    assert result.code == 0
    assert "student 4" in result.out
    Path(".argmap.toml").write_text('[rules]\nAM301 = "sometimes"\n')
    assert run("evaluate", "class/four.yaml").code == 2
