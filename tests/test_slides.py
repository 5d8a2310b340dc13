"""`argmap slides`: a title, an overview and a legible slide per group, measured from the SVG."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argmap.check.pipeline import check_map
from argmap.graph.sections import sections
from argmap.writers.slides import CLAIM_PX, SMALL_PX, Slide, deck

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "arguments" / "countering-external-threats.yaml"
OVERLAY = ROOT / "arguments" / "countering-external-threats.student-example.yaml"
SVG = "{http://www.w3.org/2000/svg}"
_SCALE = re.compile(r"scale\(\s*([-\d.e]+)(?:[ ,]+([-\d.e]+))?\s*\)")

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _scale(transform: str) -> float:
    factor = 1.0
    for found in _SCALE.finditer(transform):
        x = float(found.group(1))
        y = float(found.group(2)) if found.group(2) else x
        factor *= min(abs(x), abs(y))
    return factor


def text_sizes(svg: bytes) -> list[tuple[float, str, tuple[str, ...]]]:
    """Every text on a slide as (height in px at 1280 × 720, text, classes of the enclosing groups)."""
    root = ElementTree.fromstring(svg)
    width, height = (float(v) for v in root.attrib["viewBox"].split()[2:])
    assert width / height == pytest.approx(16 / 9)
    page = 1280 / width
    found: list[tuple[float, str, tuple[str, ...]]] = []

    def walk(element: ElementTree.Element, factor: float, classes: tuple[str, ...]) -> None:
        factor *= _scale(element.attrib.get("transform", ""))
        classes = (*classes, element.attrib.get("class", ""))
        if element.tag == f"{SVG}text":
            size = float(element.attrib.get("font-size", "14"))
            found.append((size * factor * page, element.text or "", classes))
        for child in element:
            walk(child, factor, classes)

    walk(root, 1.0, ())
    return found


@functools.cache
def flagship_deck() -> list[Slide]:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    return deck(result.resolved)


@needs_dot
def test_the_flagship_deck_is_legible_at_1280_by_720() -> None:
    slides = flagship_deck()
    for slide in slides:
        sizes = text_sizes(slide.svg)
        assert sizes, slide.name
        smallest = min(sizes)
        assert smallest[0] >= SMALL_PX - 0.01, (slide.name, smallest)
        claims = [s for s in sizes if any("claim" in c.split() for c in s[2]) and not any("stub" in c for c in s[2])]
        by_node: dict[tuple[str, ...], float] = {}
        for size, _, classes in claims:
            by_node[classes] = max(by_node.get(classes, 0.0), size)
        # the paraphrase is a claim box's largest text
        assert all(size >= CLAIM_PX - 0.01 for size in by_node.values()), slide.name


@needs_dot
def test_the_flagship_deck_has_title_overview_and_every_group_in_order() -> None:
    slides = flagship_deck()
    names = [s.name for s in slides]
    assert names[:2] == ["01-title", "02-overview"]
    groups = ["coord", "ties", "shared", "russia", "china", "nato"]
    seen = [re.sub(r"-\d+$", "", n.split("-", 1)[1]) for n in names[2:]]
    assert list(dict.fromkeys(seen)) == groups
    title = ElementTree.fromstring(slides[0].svg)
    words = " ".join(t.text or "" for t in title.iter(f"{SVG}text"))
    assert "Xiao Bin" in words and "2021-12-29" in words and "Countering External Threats" in words
    overview = " ".join(t.text or "" for t in ElementTree.fromstring(slides[1].svg).iter(f"{SVG}text"))
    for label in ("Bilateral ties", "Threats to Russia", "NATO's view of China and the reply"):
        assert label in overview
    assert "8 claims" in overview and "supports" in overview


@needs_dot
def test_every_claim_is_drawn_in_full_on_exactly_one_slide_and_stubs_name_their_group() -> None:
    slides = flagship_deck()
    drawn: dict[str, int] = {}
    for slide in slides[2:]:
        root = ElementTree.fromstring(slide.svg)
        for g in root.iter(f"{SVG}g"):
            classes = g.attrib.get("class", "").split()
            title = g.find(f"{SVG}title")
            if "claim" in classes and title is not None and title.text:
                drawn[title.text] = drawn.get(title.text, 0) + 1
            if "stub" in classes and title is not None and title.text != "T1":
                words = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
                assert " in " in f" {words} ", words
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    everyone = set(result.resolved.claims) - {"T1"}
    assert set(drawn) >= everyone
    assert all(count == 1 for claim, count in drawn.items()), drawn


BIG_GROUP = """\
argmap: 1
sources:
  - id: oped
    path: ../seeds/oped.txt
groups:
  g:
    label: A crowded group
claims:
  - id: T1
    kind: thesis
    text: China and Russia coordinate against external threats.
    quote: To counter external threats, China and Russia are looking to increase their coordination
  - id: P1
    kind: premise
    text: Their relations are good, and this paraphrase is long enough to wrap over several lines.
    group: g
    supports: T1
{evidence}"""


@needs_dot
def test_a_group_too_big_for_one_slide_is_continued_and_stays_legible(project: Path) -> None:
    evidence = "".join(
        f"  - id: E{i}\n    kind: evidence\n    implicit: true\n    text: Piece of evidence number {i} that says "
        f"something about the relations between the two countries.\n    group: g\n    supports: P{1 + i // 6}\n"
        for i in range(1, 36)
    )
    evidence += "".join(
        f"  - id: P{k}\n    kind: premise\n    text: A middle premise {k}.\n    group: g\n    supports: P1\n"
        for k in range(2, 8)
    )
    path = project / "arguments" / "big.yaml"
    path.write_text(BIG_GROUP.format(evidence=evidence))
    result = check_map(path)
    assert result.resolved is not None
    slides = deck(result.resolved)
    group_slides = slides[2:]
    assert len(group_slides) > 1
    subtitles = [
        t.text
        for s in group_slides
        for t in ElementTree.fromstring(s.svg).iter(f"{SVG}text")
        if "slide-subtitle" in t.attrib.get("class", "")
    ]
    assert subtitles[0].endswith(f"(1 of {len(group_slides)})")
    assert all(s.startswith("continued") for s in subtitles[1:])
    for slide in group_slides:
        assert min(text_sizes(slide.svg))[0] >= SMALL_PX - 0.01


UNGROUPED = """\
argmap: 1
sources:
  - id: oped
    path: ../seeds/oped.txt
claims:
  - id: T1
    kind: thesis
    text: China and Russia coordinate against external threats.
  - id: P1
    kind: premise
    text: Their relations are good.
    supports: T1
  - id: E1
    kind: evidence
    text: Trade grew.
    supports: P1
  - id: P2
    kind: premise
    text: Both face rising threats.
    supports: T1
  - id: O1
    kind: objection
    text: The threats differ.
    attacks: P2
  - id: X1
    kind: premise
    text: Unrelated.
"""


def test_a_map_without_groups_is_divided_by_the_thesis_reasons(project: Path) -> None:
    path = project / "arguments" / "plain.yaml"
    path.write_text(UNGROUPED)
    result = check_map(path)
    assert result.resolved is not None
    found = [(s.id, s.claims) for s in sections(result.resolved)]
    assert found == [("P1", ("P1", "E1")), ("P2", ("P2", "O1")), ("_other", ("X1",))]


def test_an_overlay_puts_a_students_additions_with_the_groups_they_answer() -> None:
    result = check_map(OVERLAY)
    assert result.resolved is not None
    home = {claim: s.id for s in sections(result.resolved) for claim in s.claims}
    added = [c for c in result.resolved.claims.values() if c.added_by is not None]
    assert added
    for claim in added:
        assert home[claim.id] != "student"
    assert "student" not in {s.id for s in sections(result.resolved)}
