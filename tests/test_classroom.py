"""The class overview: one row per overlay, broken ones included, and the base claims attacked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import FLAGSHIP

from argmap.analysis.classroom import overview
from argmap.analysis.classroom_report import format_csv, format_json, format_markdown, format_text

CLASS = Path(__file__).parent / "class_maps"
OVERLAYS = sorted(CLASS.glob("*.yaml"))


def test_every_overlay_is_a_row_and_the_broken_one_says_why() -> None:
    table, base = overview(FLAGSHIP, OVERLAYS)
    assert base.resolved is not None
    rows = {Path(row.file).name: row for row in table.rows}
    assert list(rows) == [f"overlay-{n}.yaml" for n in range(1, 6)]
    assert (rows["overlay-1.yaml"].added_by, rows["overlay-1.yaml"].added) == ("student 1", {"objection": 1})
    assert rows["overlay-1.yaml"].answers == ("R1",)
    # answering R1 reinstates NATO's objection O1: both are now unanswered
    assert rows["overlay-1.yaml"].unanswered == ("O1", "O3")
    assert rows["overlay-3.yaml"].unanswered == ()  # the student answered their own objection
    assert rows["overlay-4.yaml"].answers == ("P1 -> T1",)
    assert (rows["overlay-4.yaml"].errors, rows["overlay-4.yaml"].warnings) == (1, 1)
    assert (
        rows["overlay-4.yaml"].problem is not None
        and "AM301 no claim has the id `p2`" in rows["overlay-4.yaml"].problem
    )
    broken = rows["overlay-5.yaml"]
    assert broken.verdict == "not evaluated" and broken.problem is not None
    assert broken.problem.startswith(f"{broken.file}:8:1: AM102 ")
    assert table.attacked() == {"P1": 1, "P5": 1, "R1": 1}


def test_formats_carry_the_same_rows() -> None:
    table, _ = overview(FLAGSHIP, OVERLAYS)
    text = format_text(table)
    assert text.splitlines()[0].endswith("5 overlays")
    assert "2 objections" in text and "not evaluated" in text
    markdown = format_markdown(table)
    assert markdown.count("\n| ") == 2 + len(table.rows) + 3  # two headers, rows, three claims attacked
    rows = list(csv.DictReader(io.StringIO(format_csv(table))))
    assert [row["added"] for row in rows][:2] == ["objection=1", "objection=1;premise=1"]
    document = json.loads(format_json(table))
    assert document["argmap_class"] == 1
    assert [o["verdict"] for o in document["overlays"]][-1] == "not evaluated"
    assert document["attacked"] == {"P1": 1, "P5": 1, "R1": 1}


def test_the_base_named_among_the_overlays_is_not_a_row() -> None:
    table, _ = overview(FLAGSHIP, [FLAGSHIP, OVERLAYS[0]])
    assert len(table.rows) == 1


def test_a_map_that_is_not_an_overlay_of_the_base_is_flagged() -> None:
    table, _ = overview(
        FLAGSHIP, [FLAGSHIP.parent / "countering-external-threats.student-example.yaml", CLASS / "overlay-1.yaml"]
    )
    assert all(row.problem is None for row in table.rows)
    other = FLAGSHIP.parent.parent / "tests" / "render_example.yaml"
    table, _ = overview(FLAGSHIP, [other])
    assert table.rows[0].problem == "not an overlay (no `extends:`)"
