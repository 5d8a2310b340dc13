"""`argmap diff`: what changed between two maps, as text, JSON and a marked-up diagram.

Golden files live in tests/golden/diff.*; after an intended change of wording, run
`ARGMAP_UPDATE_GOLDEN=1 python -m pytest tests/test_diff.py` and review the diff.
The pair of maps compared is tests/diff_maps/old.yaml and new.yaml: one claim added
(with its attack), one removed (with its support), one claim's text and one claim's
quote changed, a support removed between two kept claims, and a group relabelled.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from tests.conftest import MINIMAL_MAP, ROOT, Run, assert_golden

from argmap.check import pipeline as check_module
from argmap.check.pipeline import MapResult, Options

OLD = Path("tests/diff_maps/old.yaml")
NEW = Path("tests/diff_maps/new.yaml")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_output_matches_golden_file(fmt: str, in_repo: None, run: Callable[..., Run]) -> None:
    result = run("diff", "--format", fmt, OLD, NEW)
    assert result.code == 1
    assert result.err == ""
    assert_golden(f"diff.{fmt}", result.out)


def test_text_lists_each_kind_of_change(in_repo: None, run: Callable[..., Run]) -> None:
    lines = run("diff", OLD, NEW).out.splitlines()
    assert lines[:2] == [f"--- {OLD}", f"+++ {NEW}"]
    assert (
        '+ O1 objection (added by a student): "Trade figures alone do not show a strategic alignment." attacks E1'
        in lines
    )
    assert any(line.startswith("- E2 evidence · document: ") for line in lines)
    assert (
        '~ P2 text: "Both countries face more threats." -> "Both countries face a rising number of external threats."'
        in lines
    )
    assert any(line.startswith('~ P3 quotes: "Beijing and Moscow') and "(oped 25:5) -> " in line for line in lines)
    assert {"+ O1 -> E1 attack", "- E2 -> P1 support", "- P3 -> P2 support"} <= set(lines)
    assert lines[-1] == (
        "1 claim added, 2 changed, 1 removed; 1 relation added, 0 changed, 2 removed; "
        "0 groups added, 1 changed, 0 removed"
    )


def test_json_counts_and_fields(in_repo: None, run: Callable[..., Run]) -> None:
    document = json.loads(run("diff", "--format", "json", OLD, NEW).out)
    assert document["argmap_diff"] == 1 and document["same"] is False
    assert document["summary"]["claims"] == {"added": 1, "changed": 2, "removed": 1}
    assert document["summary"]["relations"] == {"added": 1, "changed": 0, "removed": 2}
    assert [c["id"] for c in document["claims"]["added"]] == ["O1"]
    assert [c["id"] for c in document["claims"]["removed"]] == ["E2"]
    changed = {c["key"]: c["fields"] for c in document["claims"]["changed"]}
    assert set(changed) == {"P2", "P3"}
    assert list(changed["P3"]) == ["quotes"]
    old_quote, new_quote = changed["P3"]["quotes"]["old"][0], changed["P3"]["quotes"]["new"][0]
    assert new_quote["start"] == old_quote["start"] - 4 and new_quote["text"].startswith("Yet Beijing")


def test_identical_maps_exit_0_with_no_differences(in_repo: None, run: Callable[..., Run]) -> None:
    result = run("diff", NEW, NEW)
    assert result.code == 0
    assert result.out.splitlines()[-1] == "no differences"
    document = json.loads(run("diff", "--format", "json", OLD, OLD).out)
    assert document["same"] is True and document["summary"]["text"] == "no differences"


def test_exit_zero_for_grading_scripts(in_repo: None, run: Callable[..., Run]) -> None:
    assert run("diff", "--exit-zero", OLD, NEW).code == 0


@pytest.mark.parametrize("fmt", ["text", "json", "dot"])
def test_same_inputs_same_bytes(fmt: str, in_repo: None, run: Callable[..., Run]) -> None:
    assert run("diff", "--format", fmt, OLD, NEW).out == run("diff", "--format", fmt, OLD, NEW).out


def _classes(root: ElementTree.Element) -> dict[str, set[str]]:
    return {g.get("id", ""): set(g.get("class", "").split()) for g in root.iter(f"{SVG}g")}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_svg_marks_added_changed_and_removed(in_repo: None, run: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "diff.svg"
    result = run("diff", OLD, NEW, "-o", target)
    assert result.code == 1 and f"wrote {target}" in result.err
    classes = _classes(ElementTree.fromstring(target.read_bytes()))
    assert "diff-added" in classes["claim-O1"]
    assert "diff-changed" in classes["claim-P2"] and "diff-changed" in classes["claim-P3"]
    assert "diff-removed" in classes["claim-E2"]
    for claim in ("T1", "P1", "E1"):
        assert not classes[f"claim-{claim}"] & {"diff-added", "diff-changed", "diff-removed"}
    assert {"attack", "diff-added"} <= classes["attack-1"]
    removed_edges = sorted(k for k, v in classes.items() if "diff-removed" in v and not k.startswith("claim-"))
    assert removed_edges == ["removed-support-3", "removed-support-6"]


def test_dot_needs_no_graphviz_and_carries_the_classes(in_repo: None, run: Callable[..., Run]) -> None:
    out = run("diff", "--format", "dot", OLD, NEW).out
    assert '"O1" [id="claim-O1", class="claim objection student added diff-added"' in out
    assert '"E2" -> "P1" [id="removed-support-3", class="support diff-removed"' in out
    assert "− REMOVED" in out and "~ CHANGED: quotes" in out


def test_unreadable_or_wrong_usage_exits_2(in_repo: None, run: Callable[..., Run], tmp_path: Path) -> None:
    missing = run("diff", OLD, tmp_path / "missing.yaml")
    assert missing.code == 2 and "could not be read" in missing.err and missing.out == ""
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nclaims: [\n")
    assert run("diff", broken, NEW).code == 2
    lonely = run("diff", NEW)
    assert lonely.code == 2 and "does not extend a base map" in lonely.err
    assert run("diff", OLD, NEW, OLD).code == 2
    assert run("diff").code == 2
    assert run("diff", "--format", "xml", OLD, NEW).code == 2


def _write(project: Path, name: str, text: str) -> Path:
    path = project / "arguments" / name
    path.write_text(text)
    return path


def test_a_relation_that_changes_type_is_changed_not_removed_and_added(run: Callable[..., Run], project: Path) -> None:
    extra = "  - id: R1\n    kind: rebuttal\n    added_by: a student\n    text: Not really.\n    attacks: P1\n"
    old = _write(project, "old.yaml", MINIMAL_MAP + extra)
    new = _write(project, "new.yaml", MINIMAL_MAP + extra.replace("attacks: P1", "supports: P1"))
    result = run("diff", old, new)
    assert result.code == 1
    assert "~ R1 -> P1 type: attack -> support" in result.out.splitlines()
    assert result.out.splitlines()[-1].startswith("0 claims added, 0 changed, 0 removed; 0 relations added, 1 changed")
    dot = run("diff", "--format", "dot", old, new).out
    assert 'class="support diff-changed"' in dot and "was attack" in dot


def test_a_relation_written_twice_is_marked_copy_by_copy(run: Callable[..., Run], project: Path) -> None:
    old = _write(project, "old.yaml", MINIMAL_MAP)
    new = _write(project, "new.yaml", MINIMAL_MAP + "relations:\n  - {type: support, from: [P1], to: T1}\n")
    assert "+ P1 -> T1 support" in run("diff", old, new).out.splitlines()
    dot = run("diff", "--format", "dot", old, new).out
    assert '"P1" -> "T1" [id="support-1", class="support",' in dot
    assert '"P1" -> "T1" [id="support-2", class="support diff-added",' in dot


def test_same_words_at_another_place_is_a_changed_quote(run: Callable[..., Run], project: Path) -> None:
    claim = (
        "  - id: P2\n    kind: premise\n    text: Threats.\n    quote:\n      exact: external threats\n"
        "      occurrence: {n}\n    supports: T1\n"
    )
    old = _write(project, "old.yaml", MINIMAL_MAP + claim.format(n=1))
    new = _write(project, "new.yaml", MINIMAL_MAP + claim.format(n=2))
    fields = json.loads(run("diff", "--format", "json", old, new).out)["claims"]["changed"][0]["fields"]
    assert list(fields) == ["quotes"]
    assert fields["quotes"]["old"][0]["exact"] == fields["quotes"]["new"][0]["exact"]
    assert fields["quotes"]["old"][0]["start"] != fields["quotes"]["new"][0]["start"]


def test_maps_with_check_errors_are_still_compared(run: Callable[..., Run], project: Path) -> None:
    old = _write(project, "old.yaml", MINIMAL_MAP)
    new = _write(project, "new.yaml", MINIMAL_MAP.replace("supports: T1", "supports: T9"))
    result = run("diff", old, new)
    assert result.code == 1
    assert "check error(s); comparing what resolved" in result.err
    assert {"+ P1 -> T9 support", "- P1 -> T1 support"} <= set(result.out.splitlines())


def test_sources_and_groups_and_title(run: Callable[..., Run], project: Path) -> None:
    old = _write(project, "old.yaml", MINIMAL_MAP)
    (project / "other").mkdir()
    moved = MINIMAL_MAP.replace("path: ../seeds/oped.txt", "path: ../seeds/oped.txt\n    title: The op-ed")
    new_text = "title: Renamed\ngroups:\n  ties: Ties\n" + moved
    new = project / "other" / "new.yaml"  # the same source file, named from another folder
    new.write_text(new_text)
    lines = run("diff", old, new).out.splitlines()
    assert '~ title: (none) -> "Renamed"' in lines
    assert '~ oped title: (none) -> "The op-ed"' in lines
    assert not any(" path:" in line for line in lines)
    assert '+ ties: "Ties"' in lines
    (project / "seeds" / "oped2.txt").write_text((project / "seeds" / "oped.txt").read_text() + "\nMore.\n")
    new.write_text(new_text.replace("oped.txt", "oped2.txt"))
    lines = run("diff", old, new).out.splitlines()
    assert "~ oped path: ../seeds/oped.txt -> ../seeds/oped2.txt" in lines
    assert any(line.startswith("~ oped content: sha256 ") for line in lines)


def _pretend_overlay(monkeypatch: pytest.MonkeyPatch, overlay: Path, base_name: str) -> None:
    """Until the format has `extends:`, make check_map report it for one file (the overlay contract)."""
    real = check_module.check_map

    def fake(path: Path, options: Options | None = None) -> MapResult:
        result = real(path, options if options is not None else Options())
        if path == overlay and result.resolved is not None:
            model = dataclasses.replace(result.resolved.model, extends=base_name)
            result.resolved = dataclasses.replace(result.resolved, model=model)
        return result

    monkeypatch.setattr(check_module, "check_map", fake)


def test_one_overlay_argument_is_compared_with_its_base(
    monkeypatch: pytest.MonkeyPatch, in_repo: None, run: Callable[..., Run]
) -> None:
    _pretend_overlay(monkeypatch, NEW, "old.yaml")
    result = run("diff", NEW)
    assert result.code == 1
    assert result.out.splitlines()[:2] == [f"--- {OLD}", f"+++ {NEW}"]
    assert result.out == run("diff", OLD, NEW).out


def test_a_real_overlay_shows_what_the_student_added(run: Callable[..., Run], project: Path) -> None:
    _write(project, "base.yaml", MINIMAL_MAP)
    overlay = _write(
        project,
        "student.yaml",
        "argmap: 1\nextends: base.yaml\nclaims:\n"
        "  - id: S1\n    kind: objection\n    added_by: a student\n"
        "    text: Good words are not coordination.\n    attacks: P1\n",
    )
    result = run("diff", overlay)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert '+ S1 objection (added by a student): "Good words are not coordination." attacks P1' in lines
    assert "+ S1 -> P1 attack" in lines
    assert lines[-1] == "1 claim added, 0 changed, 0 removed; 1 relation added, 0 changed, 0 removed"
