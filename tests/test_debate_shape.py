"""`shape: debate`: a map of a debate may hold several top claims that answer each other;
an article map keeps every check, and an overlay cannot relax its base's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL_MAP, Run

SECOND_THESIS = """\
  - id: T2
    kind: thesis
    text: Their partnership is strategic.
    quote: proclaimed a strategic partnership in 1996
"""
THESIS_ATTACKS = "    attacks: T1\n"


def _write(project: Path, text: str, name: str = "map.yaml") -> Path:
    path = project / "arguments" / name
    path.write_text(text, encoding="utf-8")
    return path


def _codes(result: Run) -> list[str]:
    return [line.split()[2] for line in result.out.splitlines() if " error " in line or " warning " in line]


def test_an_article_map_still_has_one_thesis_that_leads_nowhere(run: Callable[..., Run], project: Path) -> None:
    path = _write(project, MINIMAL_MAP + SECOND_THESIS + THESIS_ATTACKS)
    result = run("check", path)
    assert result.code == 1
    assert {"AM305", "AM311"} <= set(_codes(result))
    assert "arguments/map.yaml:16:11: error AM305 `T2` is a second thesis (`T1` is the first)" in result.out


def test_a_debate_map_holds_several_top_claims_that_attack_each_other(run: Callable[..., Run], project: Path) -> None:
    path = _write(
        project, MINIMAL_MAP.replace("argmap: 1\n", "argmap: 1\nshape: debate\n") + SECOND_THESIS + THESIS_ATTACKS
    )
    result = run("check", path)
    assert (result.code, _codes(result)) == (0, [])


def test_sides_are_an_articles_not_a_debates(run: Callable[..., Run], project: Path) -> None:
    # The same two top claims attacking each other: in an article, both are the author's (AM305, AM318).
    result = run("check", _write(project, MINIMAL_MAP + SECOND_THESIS + THESIS_ATTACKS))
    assert "AM318" in _codes(result)


def test_a_top_claim_of_a_debate_still_may_not_support_anything(run: Callable[..., Run], project: Path) -> None:
    text = MINIMAL_MAP.replace("argmap: 1\n", "argmap: 1\nshape: debate\n") + SECOND_THESIS + "    supports: T1\n"
    result = run("check", _write(project, text))
    assert result.code == 1 and _codes(result) == ["AM311"]
    assert "the thesis `T2` supports `T1`" in result.out


def test_an_overlay_cannot_make_its_base_a_debate(run: Callable[..., Run], project: Path) -> None:
    _write(project, MINIMAL_MAP, "base.yaml")
    overlay = (
        "argmap: 1\nextends: base.yaml\nshape: debate\nadded_by: a student\nclaims:\n"
        "  - {id: S1, kind: thesis, text: A second thesis of my own.}\n"
    )
    result = run("check", _write(project, overlay, "overlay.yaml"))
    assert "AM305" in _codes(result)


def test_a_misspelt_shape_says_which_shapes_there_are(run: Callable[..., Run], project: Path) -> None:
    result = run("check", _write(project, MINIMAL_MAP.replace("argmap: 1\n", "argmap: 1\nshape: debat\n")))
    assert result.code != 0
    assert (
        "arguments/map.yaml:2:8: error AM112 `shape`: the text 'debat' is not one of: 'article' or 'debate'"
        in result.out
    )
