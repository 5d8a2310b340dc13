"""Diagram polish, measured on the drawn SVG: a compact legend, titles no edge crosses, text clear of borders."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from tests.conftest import FLAGSHIP, ROOT

from argmap.check.pipeline import check_map
from argmap.commands.main import main
from argmap.graph.build import build_graph
from argmap.graph.elements import GraphOptions
from argmap.writers.dot import to_dot
from argmap.writers.graphviz import render

SVG = "{http://www.w3.org/2000/svg}"
OVERLAY = ROOT / "arguments" / "countering-external-threats.student-example.yaml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def drawn(path: Path, **options: object) -> ElementTree.Element:
    result = check_map(path)
    assert result.resolved is not None
    return ElementTree.fromstring(render(build_graph(result.resolved, GraphOptions(**options)), "svg"))  # type: ignore[arg-type]


def curve_points(d: str) -> list[tuple[float, float]]:
    """Points along a Graphviz edge path (`M p C p p p p p p …`), 20 per cubic piece."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    points = list(zip(numbers[::2], numbers[1::2], strict=False))
    found = []
    for start in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[start : start + 4]
        for step in range(21):
            t = step / 20
            x = (1 - t) ** 3 * p0[0] + 3 * (1 - t) ** 2 * t * p1[0] + 3 * (1 - t) * t**2 * p2[0] + t**3 * p3[0]
            y = (1 - t) ** 3 * p0[1] + 3 * (1 - t) ** 2 * t * p1[1] + 3 * (1 - t) * t**2 * p2[1] + t**3 * p3[1]
            found.append((x, y))
    return found


def text_box(text: ElementTree.Element) -> tuple[float, float, float, float]:
    """About where a text line is drawn: left, top, right, bottom (Helvetica is ~0.6 em a glyph at most)."""
    size = float(text.attrib["font-size"])
    x, y = float(text.attrib["x"]), float(text.attrib["y"])
    width = len(text.text or "") * size * 0.6
    if text.attrib.get("text-anchor") == "middle":
        x -= width / 2
    return x, y - size * 0.8, x + width, y + size * 0.2


@needs_dot
@pytest.mark.parametrize("path", [FLAGSHIP, OVERLAY])
def test_no_edge_crosses_a_group_title(path: Path) -> None:
    root = drawn(path)
    titles = [
        text_box(t)
        for g in root.iter(f"{SVG}g")
        if "group-title" in g.attrib.get("class", "")
        for t in g.iter(f"{SVG}text")
    ]
    assert len(titles) >= 6
    for g in root.iter(f"{SVG}g"):
        if "edge" not in g.attrib.get("class", "").split():
            continue
        for path_element in g.iter(f"{SVG}path"):
            for x, y in curve_points(path_element.attrib["d"]):
                for left, top, right, bottom in titles:
                    assert not (left < x < right and top < y < bottom), (g.attrib.get("id"), x, y)


@needs_dot
def test_the_legend_is_one_table_naming_only_what_is_drawn(project: Path) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(
        "argmap: 1\nsources:\n  - id: oped\n    path: ../seeds/oped.txt\nclaims:\n"
        "  - id: T1\n    kind: thesis\n    text: They coordinate.\n"
        "  - id: P1\n    kind: premise\n    text: Relations are good.\n    supports: T1\n"
        "  - id: O1\n    kind: objection\n    text: They compete.\n    attacks: T1\n"
    )
    root = drawn(path)
    (legend,) = [g for g in root.iter(f"{SVG}g") if g.attrib.get("id") == "legend"]
    words = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    assert "thesis" in words and "premise" in words and "objection" in words and "attacks" in words
    for unused in ("evidence", "rebuttal", "concession", "implicit", "undercuts", "added"):
        assert unused not in words
    assert "cluster__legend" not in to_dot(build_graph(check_map(path).resolved))  # type: ignore[arg-type]
    # compact: the legend is no taller than the diagram it explains
    height = float(root.attrib["viewBox"].split()[3])
    legend_ys = [
        float(p) for poly in legend.iter(f"{SVG}polygon") for p in _NUMBER.findall(poly.attrib["points"])[1::2]
    ]
    assert max(legend_ys) - min(legend_ys) < height / 2


@needs_dot
def test_added_by_clears_a_double_thick_border_in_the_diff(tmp_path: Path) -> None:
    out = tmp_path / "changes.svg"
    assert main(["diff", str(OVERLAY), "-o", str(out), "--exit-zero"]) == 0
    root = ElementTree.fromstring(out.read_bytes())
    checked = 0
    for g in root.iter(f"{SVG}g"):
        if "diff-added" not in g.attrib.get("class", "").split() or "node" not in g.attrib.get("class", ""):
            continue
        polygons = [[float(n) for n in _NUMBER.findall(p.attrib["points"])] for p in g.iter(f"{SVG}polygon")]
        stroke = max(float(p.attrib.get("stroke-width", "1")) for p in g.iter(f"{SVG}polygon"))
        inner = min(polygons, key=lambda n: max(n[1::2]) - min(n[1::2]))
        top, bottom = min(inner[1::2]) + stroke / 2, max(inner[1::2]) - stroke / 2
        for text in g.iter(f"{SVG}text"):
            _, text_top, _, text_bottom = text_box(text)
            assert top <= text_top and text_bottom <= bottom, (g.attrib.get("id"), text.text)
            checked += 1
    assert checked > 10
