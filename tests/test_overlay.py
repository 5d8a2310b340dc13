"""Overlays: a student's map extends the instructor's map and adds to it without touching it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, ROOT, Run

from argmap.check.pipeline import check_map

EXAMPLE = ROOT / "arguments" / "countering-external-threats.student-example.yaml"

OVERLAY = """\
argmap: 1
extends: base.yaml
added_by: a student
claims:
  - id: S1
    kind: objection
    text: Praise at a summit is diplomacy, not evidence of closeness.
    attacks: P1
"""


@pytest.fixture
def base(project: Path) -> Path:
    target = project / "arguments" / "base.yaml"
    target.write_text(MINIMAL_MAP)
    return target


def write(project: Path, text: str, name: str = "student.yaml") -> Path:
    target = project / "arguments" / name
    target.write_text(text)
    return target


def found(path: Path) -> list[tuple[str, str, int, int]]:
    return [(Path(p.file).name, p.code, p.line, p.column) for p in check_map(path).problems]


def test_an_overlay_checks_as_base_plus_additions(base: Path, project: Path) -> None:
    result = check_map(write(project, OVERLAY))
    assert result.problems == []
    assert result.resolved is not None
    assert list(result.resolved.claims) == ["T1", "P1", "S1"]
    assert result.resolved.claims["S1"].added_by == "a student"
    assert result.resolved.claims["P1"].added_by is None


def test_the_base_file_is_not_touched(base: Path, project: Path) -> None:
    before = base.read_bytes()
    check_map(write(project, OVERLAY))
    assert base.read_bytes() == before


def test_claims_without_added_by_are_marked_with_the_overlay_name(base: Path, project: Path) -> None:
    result = check_map(write(project, OVERLAY.replace("added_by: a student\n", "")))
    assert result.resolved is not None
    assert result.resolved.claims["S1"].added_by == "the overlay student.yaml"


def test_an_id_the_base_already_uses_is_reported_in_the_overlay(base: Path, project: Path) -> None:
    overlay = write(project, OVERLAY.replace("id: S1", "id: P1").replace("attacks: P1", "attacks: T1"))
    (problem,) = check_map(overlay).problems
    assert (Path(problem.file).name, problem.code, problem.line, problem.column) == ("student.yaml", "AM302", 5, 9)
    assert problem.message.startswith("the id `P1` is already used by the claim at line 10 of ")
    assert problem.message.endswith("base.yaml")


def test_problems_point_into_the_file_that_has_them(base: Path, project: Path) -> None:
    base.write_text(MINIMAL_MAP.replace("Sino-Russian relations", "Sino-Russian relatoins"))
    overlay = write(project, OVERLAY.replace("attacks: P1", "attacks: P9"))
    assert found(overlay) == [("base.yaml", "AM206", 13, 12), ("student.yaml", "AM301", 8, 14)]


def test_a_missing_base_is_am114_at_extends(project: Path) -> None:
    assert found(write(project, OVERLAY)) == [("student.yaml", "AM114", 2, 10)]


def test_a_base_outside_the_project_is_refused(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "base.yaml"
    outside.write_text(MINIMAL_MAP)
    overlay = write(project, OVERLAY.replace("extends: base.yaml", f"extends: {outside}"))
    assert found(overlay) == [("student.yaml", "AM114", 2, 10)]


def test_a_base_that_does_not_load_stops_the_overlay_with_the_base_problem(base: Path, project: Path) -> None:
    base.write_text(MINIMAL_MAP.replace("kind: premise", "kind: reason"))
    assert found(write(project, OVERLAY)) == [("base.yaml", "AM112", 11, 11)]


def test_two_overlays_extending_each_other_are_am115(project: Path) -> None:
    write(project, OVERLAY.replace("base.yaml", "b.yaml"), "a.yaml")
    write(project, OVERLAY.replace("base.yaml", "a.yaml"), "b.yaml")
    assert found(project / "arguments" / "a.yaml") == [("b.yaml", "AM115", 2, 10)]


def test_outside_evidence_in_an_overlay_is_checked_against_its_own_source(base: Path, project: Path) -> None:
    (project / "seeds" / "report.txt").write_text("The report found that trade grew by a third.\n")
    overlay = write(
        project,
        """\
argmap: 1
extends: base.yaml
sources:
  - id: report
    path: ../seeds/report.txt
claims:
  - id: S2
    kind: evidence
    added_by: a student
    basis: statistic
    text: Trade grew by a third.
    quote: {exact: trade grew by a half, source: report}
    supports: P1
""",
    )
    assert found(overlay) == [("student.yaml", "AM206", 12, 20)]
    (problem,) = check_map(overlay).problems
    assert "[-half-] {+third+}" in (problem.hint or "")


def test_checking_a_folder_reports_base_problems_once(base: Path, project: Path, run: Callable[..., Run]) -> None:
    base.write_text(MINIMAL_MAP.replace("Sino-Russian relations", "Sino-Russian relatoins"))
    write(project, OVERLAY)
    result = run("check", project / "arguments")
    assert result.out.count("AM206") == 1
    assert result.out.splitlines()[-1] == "2 maps checked: 1 error, 0 warnings"


def test_export_marks_the_additions(base: Path, project: Path, run: Callable[..., Run]) -> None:
    document = json.loads(run("export", write(project, OVERLAY)).out)
    assert [(c["id"], c.get("added_by")) for c in document["claims"]] == [
        ("T1", None),
        ("P1", None),
        ("S1", "a student"),
    ]


def test_the_example_overlay_in_the_repository_checks_strictly(run: Callable[..., Run]) -> None:
    assert run("check", "--strict", EXAMPLE).code == 0
    result = check_map(EXAMPLE)
    assert result.resolved is not None
    added = [c for c in result.resolved.model.claims if c.added_by]
    assert sorted(c.kind for c in added) == ["evidence", "objection", "objection", "rebuttal"]
    (evidence,) = [c for c in added if c.kind == "evidence"]
    assert result.resolved.quotes[evidence.id][0].source_id == "nato2021"
    assert result.resolved.quotes[evidence.id][0].found


def test_the_example_overlay_renders_with_additions_marked(run: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "overlay.dot"
    assert run("render", EXAMPLE, "--format", "dot", "-o", out).code == 0
    dot = out.read_text()
    assert "added by a student" in dot
