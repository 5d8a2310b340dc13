"""`argmap render`: the graph, the DOT writer, the SVG it gives, the options, and the failures.

SVG is checked by parsing it (xml.etree), never by pixels: fonts differ between machines,
DOT does not (the golden files are DOT).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argmap.check.pipeline import check_map
from argmap.commands.main import main
from argmap.commands.render import HIDE_CHOICES
from argmap.graph.build import build_graph
from argmap.graph.elements import HIDEABLE, Graph, GraphOptions
from argmap.graph.select import SelectionError
from argmap.graph.text import wrap
from argmap.writers.dot import html_text, to_dot, tooltip_text
from argmap.writers.graphviz import RenderError, check_svg

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "tests" / "render_example.yaml"
GOLDEN = REPO / "tests" / "golden" / "render_example.dot"
OPED = REPO / "arguments" / "countering-external-threats.yaml"
OPED_DOT = REPO / "docs" / "op-ed-map.dot"
OPED_SVG = REPO / "docs" / "op-ed-map.svg"
BAD_MAPS = sorted((REPO / "tests" / "bad_maps").glob("*.yaml"))

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def run(*args: str | Path) -> int:
    return main(["render", *map(str, args)])


def graph_of(path: Path = EXAMPLE, **options: object) -> Graph:
    result = check_map(path)
    assert result.resolved is not None, result.problems
    return build_graph(result.resolved, GraphOptions(**options))  # type: ignore[arg-type]


def claim_nodes(graph: Graph) -> set[str]:
    return {n.id for n in graph.nodes if n.claim is not None}


# --- parsing SVG --------------------------------------------------------------------------------


def svg_root(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(data)


def svg_nodes(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """Claim nodes by claim id (the SVG <title> of a node is its DOT name)."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if "node" in classes and "claim" in classes:
            title = g.find(f"{SVG}title")
            assert title is not None and title.text is not None
            found[title.text] = g
    return found


def svg_edges(root: ElementTree.Element) -> list[tuple[str, str, set[str]]]:
    """(tail, head, classes) of every drawn edge outside the legend."""
    edges = []
    for g in root.iter(f"{SVG}g"):
        classes = set((g.get("class") or "").split())
        if "edge" in classes:
            title = g.find(f"{SVG}title")
            assert title is not None and title.text is not None
            tail, head = title.text.split("->")
            if not tail.startswith("_legend"):
                edges.append((tail, head, classes))
    return edges


def node_words(g: ElementTree.Element) -> list[str]:
    return " ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")).split()


def tooltip(g: ElementTree.Element) -> str:
    link = next(a for a in g.iter(f"{SVG}a"))
    return link.get(XLINK_TITLE) or ""


# --- the graph ----------------------------------------------------------------------------------


def test_graph_has_every_claim_with_its_kind_and_group() -> None:
    graph = graph_of()
    kinds = {n.id: n.kind for n in graph.nodes if n.claim}
    assert kinds == {
        "T1": "thesis",
        "P1": "premise",
        "E1": "evidence",
        "O1": "objection",
        "R1": "rebuttal",
        "P5": "premise",
        "I1": "premise",
        "C1": "concession",
        "S1": "objection",
    }
    clusters = {c.id: set(c.nodes) for c in graph.clusters}
    assert clusters["ties"] >= {"P1", "E1"}
    assert clusters["threats"] >= {"P5", "I1", "C1"}
    assert graph.thesis == "T1" and graph.node("T1") is not None and graph.node("T1").group is None  # type: ignore[union-attr]


def test_linked_premises_meet_at_a_junction_and_undercuts_hit_one() -> None:
    graph = graph_of()
    junctions = [n.id for n in graph.nodes if n.kind == "junction"]
    assert len(junctions) == 2  # L1 (P5 + I1 -> T1) and the undercut link E1 -> P1
    edges = {(e.tail, e.head, e.type) for e in graph.edges}
    linked = next(j for j in junctions if (j, "T1", "support") in edges)
    assert {("P5", linked, "support"), ("I1", linked, "support")} <= edges
    cut = next(j for j in junctions if (j, "P1", "support") in edges)
    assert ("E1", cut, "support") in edges and ("S1", cut, "undercut") in edges
    assert ("E1", "P1", "support") not in edges  # drawn through its junction, not twice
    feed = next(e for e in graph.edges if (e.tail, e.head) == ("P5", linked))
    assert feed.attrs["arrowhead"] == "none" and "co-premise" in feed.classes


def test_kinds_links_and_markers_look_different() -> None:
    graph = graph_of()
    look = {n.id: dict(n.attrs) for n in graph.nodes}
    shapes = {look[c]["shape"] + look[c]["style"] for c in ("T1", "P1", "E1", "O1", "R1", "C1")}
    assert len(shapes) == 6  # each kind its own shape
    assert "dashed" in look["I1"]["style"]
    assert look["S1"]["peripheries"] == "2"
    styles = {
        e.type: (e.attrs["style"], e.attrs["arrowhead"], e.attrs["color"])
        for e in graph.edges
        if e.attrs.get("arrowhead") != "none"
    }
    assert len({s[0] for s in styles.values()}) == 3  # line style
    assert len({s[1] for s in styles.values()}) == 3  # arrowhead
    assert len({s[2] for s in styles.values()}) == 3  # colour


def test_labels_show_voice_basis_and_added_by() -> None:
    graph = graph_of()

    def text(node_id: str) -> str:
        node = graph.node(node_id)
        assert node is not None
        return " ".join(run.text for line in node.lines for run in line)

    assert "voice: NATO communique" in text("O1")
    assert "STATISTIC" in text("E1")
    assert "added by a student" in text("S1")
    assert "IMPLICIT PREMISE" in text("I1")
    assert text("T1").startswith("T1")


def test_title_has_the_source_metadata() -> None:
    words = " ".join(run.text for line in graph_of().title for run in line)
    assert "Render example" in words and "Countering External Threats" in words
    assert "Xiao Bin" in words and "2021-12-29" in words


@pytest.mark.parametrize(
    ("mode", "present", "absent"),
    [
        ("text", "Relations between China", "spoke highly"),
        ("quote", "spoke highly", "Relations between China"),
        ("both", "spoke highly", None),
        ("id", "P1", "Relations between China"),
    ],
)
def test_label_modes(mode: str, present: str, absent: str | None) -> None:
    node = graph_of(labels=mode).node("P1")
    assert node is not None
    words = " ".join(run.text for line in node.lines for run in line)
    assert present in words
    if absent is not None:
        assert absent not in words
    if mode == "both":
        assert "Relations between China" in words
    voiced = graph_of(labels=mode).node("O1")
    assert voiced is not None
    assert ("voice: NATO communique" in " ".join(r.text for line in voiced.lines for r in line)) == (mode != "id")


def test_quote_mode_shortens_long_quotes_but_tooltips_keep_them() -> None:
    graph = graph_of(OPED, labels="quote")
    node = graph.node("E6")  # a 200-character quote
    assert node is not None
    shown = " ".join(run.text for line in node.lines for run in line)
    assert "…" in shown and "21st century" not in shown
    assert "signed in 2001, which has become the foundation of long-term" in node.tooltip


def test_tooltips_carry_text_quote_and_place() -> None:
    graph = graph_of(OPED)
    node = graph.node("T1")
    assert node is not None
    assert "China and Russia are seeking closer coordination" in node.tooltip
    assert "“To counter external threats, China and Russia are looking" in node.tooltip
    assert re.search(r"— oped 39:1$", node.tooltip.splitlines()[2])


def test_wrap_counts_cjk_as_two_columns_and_splits_long_words() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert all(len(line) <= 5 for line in wrap("简体中文字符简体中文字符", 10))
    assert "".join(wrap("x" * 30, 10)) == "x" * 30
    assert wrap("", 10) == []


# --- selection ------------------------------------------------------------------------------------


def test_focus_with_depth() -> None:
    assert claim_nodes(graph_of(focus=("R1",), depth=0)) == {"R1"}
    assert claim_nodes(graph_of(focus=("R1",), depth=1)) == {"R1", "O1"}
    assert claim_nodes(graph_of(focus=("R1",), depth=2)) == {"R1", "O1", "P1"}
    assert claim_nodes(graph_of(focus=("R1",), depth=3)) == {"R1", "O1", "P1", "T1", "E1", "S1"}


def test_focus_keeps_linked_premises_together() -> None:
    # T1 at depth 1 reaches P5 and I1 through L1 (one link); C1 attacks P5, two links away.
    assert claim_nodes(graph_of(focus=("T1",), depth=1)) == {"T1", "P1", "P5", "I1"}
    # From C1, P5 is one link away; L1 then brings its co-premise I1 and the thesis.
    assert claim_nodes(graph_of(focus=("C1",), depth=1)) == {"C1", "P5"}
    assert claim_nodes(graph_of(focus=("C1",), depth=2)) == {"C1", "P5", "I1", "T1"}


def test_undercut_counts_as_a_link_to_both_ends() -> None:
    assert claim_nodes(graph_of(focus=("S1",), depth=1)) == {"S1", "E1", "P1"}


def test_group_draws_the_group_and_its_way_to_the_thesis() -> None:
    graph = graph_of(groups=("ties",))
    # S1 is a student's addition that undercuts E1 -> P1: what the overlay says to the group is shown
    assert claim_nodes(graph) == {"P1", "E1", "T1", "S1"}
    assert [c.id for c in graph.clusters] == ["ties"]
    assert claim_nodes(graph_of(groups=("threats",))) == {"P5", "I1", "C1", "T1"}


def test_hide_kinds_and_markers() -> None:
    assert "E1" not in claim_nodes(graph_of(hide=("evidence",)))
    graph = graph_of(hide=("implicit", "added"))
    assert {"I1", "S1"}.isdisjoint(claim_nodes(graph))
    assert not any("S1" in (e.tail, e.head) for e in graph.edges)
    # Hiding one co-premise keeps the other's junction: the relation was linked.
    assert any(e.tail == "P5" and e.head.startswith("_j") for e in graph.edges)
    hidden = graph_of(hide=("objection", "rebuttal"))
    assert {"O1", "R1", "S1"}.isdisjoint(claim_nodes(hidden))
    assert not any(e.type in ("attack", "undercut") and e.head == "P1" for e in hidden.edges)


def test_hide_choices_match_the_graph() -> None:
    assert HIDE_CHOICES == HIDEABLE


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"focus": ("P9",)}, "no claim `P9`"),
        ({"focus": ("p1",)}, "did you mean `P1`"),
        ({"groups": ("Bilateral ties",)}, "`ties` is the id"),
        ({"groups": ("nope",)}, "its groups are ties, threats"),
        ({"hide": ("nope",)}, "not a kind"),
    ],
)
def test_unknown_selection_names_what_there_is(options: dict[str, object], message: str) -> None:
    with pytest.raises(SelectionError, match=re.escape(message)):
        graph_of(**options)


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
def test_direction(direction: str) -> None:
    dot = to_dot(graph_of(direction=direction))
    assert f'rankdir="{ {"TB": "BT", "BT": "TB", "LR": "RL"}[direction] }"' in dot


def test_no_legend_no_title() -> None:
    dot = to_dot(graph_of(legend=False, title=False))
    assert "cluster__legend" not in dot and "Render example" not in dot


# --- DOT: golden, deterministic, escaped -------------------------------------------------------------


def test_dot_matches_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "example.dot"
    assert run(EXAMPLE, "-o", out) == 0
    assert out.read_bytes() == GOLDEN.read_bytes(), (
        "tests/golden/render_example.dot is out of date; if the change is intended, regenerate it:\n"
        "  argmap render tests/render_example.yaml -o tests/golden/render_example.dot"
    )


def test_dot_is_deterministic_and_independent_of_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = to_dot(graph_of(OPED))
    assert to_dot(graph_of(OPED)) == first
    monkeypatch.chdir(tmp_path)
    assert to_dot(graph_of(OPED)) == first
    assert not re.search(r"20\d\d-\d\d-\d\dT|/work/|/tmp/", first)


@needs_dot
def test_svg_is_deterministic(tmp_path: Path) -> None:
    assert run(EXAMPLE, "-o", tmp_path / "a.svg") == 0
    assert run(EXAMPLE, "-o", tmp_path / "b.svg") == 0
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_escaping_functions() -> None:
    assert html_text('a<b>&"c"') == "a&lt;b&gt;&amp;&quot;c&quot;"
    assert html_text("x\\N") == "x\\\\N"
    assert tooltip_text('a\\b"\nc') == "a\\\\\\\\b&quot;&#10;c"
    for text in ('"]; evil [', "<script>", "\\", 'x"', '\\\\"'):
        assert '"' not in tooltip_text(text) and "<" not in html_text(text)


# --- SVG ---------------------------------------------------------------------------------------------


@needs_dot
def test_svg_nodes_and_edges_match_the_map(tmp_path: Path) -> None:
    out = tmp_path / "example.svg"
    assert run(EXAMPLE, "-o", out) == 0
    root = svg_root(out.read_bytes())
    nodes = svg_nodes(root)
    assert set(nodes) == {"T1", "P1", "E1", "O1", "R1", "P5", "I1", "C1", "S1"}
    for claim_id, g in nodes.items():
        assert g.get("id") == f"claim-{claim_id}"
        assert node_words(g)[0] == claim_id
    assert "thesis" in nodes["T1"].get("class", "").split()
    assert {"premise", "implicit"} <= set(nodes["I1"].get("class", "").split())
    assert {"objection", "added"} <= set(nodes["S1"].get("class", "").split())
    assert "voiced" in nodes["O1"].get("class", "").split()
    tip = tooltip(nodes["E1"])
    assert "Trade reached $123 billion" in tip
    assert "“Two-way trade volume reached $123 billion from January to November this year” — oped 19:133" in tip
    edges = svg_edges(root)
    typed = {(t, h): next(c for c in classes if c in ("support", "attack", "undercut")) for t, h, classes in edges}
    assert typed[("O1", "P1")] == "attack"
    assert typed[("R1", "O1")] == "attack"
    assert typed[("C1", "P5")] == "attack"
    junction_of_l1 = next(h for (t, h) in typed if t == "P5" and h.startswith("_j"))
    assert typed[("I1", junction_of_l1)] == "support" and typed[(junction_of_l1, "T1")] == "support"
    junction_of_cut = next(h for (t, h) in typed if t == "S1")
    assert typed[("S1", junction_of_cut)] == "undercut"
    assert typed[("E1", junction_of_cut)] == "support" and typed[(junction_of_cut, "P1")] == "support"
    assert len(edges) == 10
    assert root.find(f".//{SVG}g[@id='legend']") is not None


# --- adversarial text ----------------------------------------------------------------------------------

EVIL = [
    '"quoted"',
    "{braces} [brackets]",
    "<angle> & brackets",
    "back\\slash",
    "\\N \\G \\L \\n \\\\ \\l",
    '"]; evil [',
    "<script>alert(1)</script>",
    "简体中文字符，繁體",
    "]]> <!-- --> <![CDATA[",
    "&amp; &lt; &#60;",
    "ends with a backslash\\",
    "tab\there",
]


def evil_project(tmp_path: Path) -> Path:
    """A project (pyproject.toml marker) whose source, title, author and claims are all hostile text."""
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    sentences = [f"Sentence {i}: {e} end{i}." for i, e in enumerate(EVIL)]
    (tmp_path / "source.txt").write_text("Intro.\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    q = json.dumps  # a JSON string is a YAML double-quoted string
    lines = [
        "argmap: 1",
        f"title: {q('Title ' + EVIL[5] + EVIL[6])}",
        "groups:",
        f"  g1: {q('Group ' + EVIL[6] + EVIL[5])}",
        "sources:",
        "  - id: s",
        "    path: source.txt",
        f"    title: {q(EVIL[0] + EVIL[3])}",
        f"    author: {q(EVIL[2])}",
        "claims:",
        "  - id: T1",
        "    kind: thesis",
        f"    text: {q('Thesis ' + EVIL[0] + ' line' + chr(10) + 'break ' + EVIL[5])}",
        f"    quote: {q('Sentence 0: ' + EVIL[0])}",
    ]
    for i, e in enumerate(EVIL[1:], 1):
        lines += [
            f"  - id: P{i}",
            "    kind: premise",
            f"    text: {q('Claim ' + e)}",
            f"    quote: {q(f'Sentence {i}: {e} end{i}')}",
            "    supports: T1",
            "    group: g1",
        ]
    lines += [
        "  - id: N1",
        "    kind: objection",
        f"    voice: {q(EVIL[6])}",
        f"    added_by: {q(EVIL[5])}",
        f"    text: {q('Note ' + EVIL[4])}",
        "    attacks: T1",
    ]
    path = tmp_path / "map.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_dot
@pytest.mark.parametrize("labels", ["text", "quote", "both"])
def test_hostile_text_reaches_the_svg_verbatim(tmp_path: Path, labels: str) -> None:
    path = evil_project(tmp_path)
    result = check_map(path)
    assert result.errors == 0, result.problems
    out = tmp_path / "map.svg"
    assert run(path, "-o", out, "--labels", labels) == 0
    data = out.read_bytes()
    root = svg_root(data)  # well-formed
    assert not list(root.iter(f"{SVG}script"))
    nodes = svg_nodes(root)
    assert set(nodes) == {"T1", "N1", *(f"P{i}" for i in range(1, len(EVIL)))}  # nothing injected
    all_nodes = [g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]
    assert all(not (g.findtext(f"{SVG}title") or "").startswith("evil") for g in all_nodes)
    for i, e in enumerate(EVIL[1:], 1):
        claim, quote = "Claim " + e, f"Sentence {i}: {e} end{i}"
        shown = "".join(node_words(nodes[f"P{i}"]))  # wrapping may split a long word: compare without spaces
        if labels != "quote":
            assert "".join(claim.split()) in shown, (e, shown)
        if labels != "text":
            assert "".join(quote.split()) in shown.replace("“", "").replace("”", ""), (e, shown)
        tip = tooltip(nodes[f"P{i}"])
        # A tab in an XML attribute reads as a space (XML attribute-value normalisation).
        assert claim.replace("\t", " ") in tip and f"“{quote}” — s {i + 2}:1".replace("\t", " ") in tip
    assert "Thesis " + EVIL[0] + " line\nbreak " + EVIL[5] in tooltip(nodes["T1"])
    n1 = "".join(node_words(nodes["N1"]))
    for shown in ("voice: " + EVIL[6], "added by " + EVIL[5], "Note " + EVIL[4]):
        assert "".join(shown.split()) in n1
    title = " ".join(" ".join("".join(t.itertext()) for t in root.findall(f"{SVG}g/{SVG}text")).split())
    assert "Title " + EVIL[5] + EVIL[6] in title and EVIL[2] in title


@needs_dot
def test_hostile_text_draws_as_png_and_pdf(tmp_path: Path) -> None:
    path = evil_project(tmp_path)
    assert run(path, "-o", tmp_path / "map.png") == 0
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert run(path, "-o", tmp_path / "map.pdf") == 0
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_control_characters_become_replacement_characters(tmp_path: Path) -> None:
    path = evil_project(tmp_path)
    text = path.read_text(encoding="utf-8").replace('"Claim {braces}', '"Claim \\u0001\\u001b{braces}')
    path.write_text(text, encoding="utf-8")
    graph = graph_of(path)
    node = graph.node("P1")
    assert node is not None
    assert "\ufffd\ufffd{braces}" in " ".join(r.text for line in node.lines for r in line)
    assert "\x01" not in to_dot(graph)


def test_check_svg_refuses_active_content() -> None:
    ok = b'<svg xmlns="http://www.w3.org/2000/svg"><g><text>x</text></g></svg>'
    check_svg(ok)
    for bad in (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="x"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
        b"<svg",
        b"<html/>",
    ):
        with pytest.raises(RenderError):
            check_svg(bad)


# --- the command ---------------------------------------------------------------------------------------


def test_format_from_suffix_and_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run(EXAMPLE, "-o", "-", "--format", "dot") == 0
    captured = capsysbinary.readouterr()
    assert captured.out == GOLDEN.read_bytes()
    assert run(EXAMPLE, "-o", tmp_path / "x.gv") == 0
    assert (tmp_path / "x.gv").read_bytes() == GOLDEN.read_bytes()


def test_default_output_is_beside_the_map(tmp_path: Path) -> None:
    path = evil_project(tmp_path)
    assert run(path, "--format", "dot") == 0
    assert (tmp_path / "map.dot").is_file()


def test_several_maps_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "maps"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "one.yaml")
    shutil.copy(EXAMPLE, folder / "sub" / "two.yaml")
    for map_file in (folder / "one.yaml", folder / "sub" / "two.yaml"):
        map_file.write_text(
            map_file.read_text(encoding="utf-8").replace("path: ../seeds/", f"path: {REPO}/seeds/"), encoding="utf-8"
        )
    out = tmp_path / "out"
    assert run(folder, "-o", out, "--format", "dot", "--root", REPO.anchor) == 0
    assert (out / "one.dot").is_file() and (out / "sub" / "two.dot").is_file()
    assert run(folder / "one.yaml", folder / "sub" / "two.yaml", "--format", "dot", "--root", REPO.anchor) == 0
    assert (folder / "one.dot").is_file() and (folder / "sub" / "two.dot").is_file()
    shutil.copy(folder / "one.yaml", folder / "sub" / "one.yaml")
    capsys.readouterr()
    assert run(folder / "one.yaml", folder / "sub" / "one.yaml", "-o", out, "--format", "dot") == 2
    assert "would both be drawn to" in capsys.readouterr().err
    assert run(folder, "-o", "-", "--format", "dot") == 2
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert run(folder, "-o", tmp_path / "file", "--format", "dot") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "NOPE"], "--focus: the map has no claim `NOPE`"),
        (["--group", "nope"], "--group: the map has no group `nope`"),
        (["--hide", "nope"], "'nope' is not one of"),
        (["--direction", "up"], "'up' is not one of"),
        (["--labels", "all"], "'all' is not one of"),
        (["--depth", "2"], "--depth needs --focus"),
        (["--depth", "-1", "--focus", "T1"], "-1 is not in the range"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    out = tmp_path / "x.dot"
    assert run(EXAMPLE, "-o", out, *args) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_every_selection_option_through_the_command(tmp_path: Path) -> None:
    out = tmp_path / "x.dot"
    assert (
        run(
            EXAMPLE,
            "-o",
            out,
            "--focus",
            "R1",
            "--depth",
            "1",
            "--hide",
            "thesis",
            "--hide",
            "Evidence",
            "--direction",
            "LR",
            "--labels",
            "id",
            "--no-legend",
            "--no-title",
        )
        == 0
    )
    dot = out.read_text(encoding="utf-8")
    assert re.findall(r'^\s+"(\w+)" \[id="claim-', dot, re.MULTILINE) == ["O1", "R1"]
    assert 'rankdir="RL"' in dot and "cluster__legend" not in dot
    assert run(EXAMPLE, "-o", out, "--group", "threats") == 0
    assert re.findall(r'^\s+"(\w+)" \[id="claim-', out.read_text(encoding="utf-8"), re.MULTILINE) == [
        "P5",
        "I1",
        "C1",
        "T1",
    ]


# --- Graphviz missing, failing, hanging ------------------------------------------------------------------


def test_missing_dot_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "x.svg"
    assert run(EXAMPLE, "-o", out) == 2
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "brew install graphviz" in err and "--format dot" in err
    assert "Traceback" not in err and not out.exists()
    assert run(EXAMPLE, "-o", tmp_path / "x.dot") == 0  # DOT needs no Graphviz


def fake_dot(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "dot"
    script.write_text(f"#!{sys.executable}\nimport sys, time\nsys.stdin.read()\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_failing_dot_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_dot(tmp_path, "sys.stdout.write('partial'); sys.stderr.write('Error: syntax error in line 1'); sys.exit(1)")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "x.svg"
    out.write_bytes(b"old")
    assert run(EXAMPLE, "-o", out) == 2
    err = capsys.readouterr().err
    assert "dot` failed" in err and "syntax error in line 1" in err
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x.svg")] == []


def test_hanging_dot_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_dot(tmp_path, "time.sleep(30)")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "x.png"
    assert run(EXAMPLE, "-o", out, "--timeout", "0.5") == 2
    assert "did not finish" in capsys.readouterr().err
    assert not out.exists()


def test_dot_that_writes_an_unsafe_svg_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_dot(tmp_path, "sys.stdout.write('<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>')")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "x.svg"
    assert run(EXAMPLE, "-o", out) == 2
    assert "<script>" in capsys.readouterr().err and not out.exists()


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(EXAMPLE, "-o", tmp_path / "missing" / "x.dot") == 2
    assert "does not exist" in capsys.readouterr().err


# --- render refuses nothing the checker accepts ------------------------------------------------------------


def checked_maps() -> Iterator[Path]:
    yield OPED
    yield EXAMPLE
    yield from BAD_MAPS


@pytest.mark.parametrize("path", list(checked_maps()), ids=lambda p: p.name)
def test_render_exit_code_follows_check(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = main(["check", str(path)])
    capsys.readouterr()
    out = tmp_path / "x.dot"
    assert run(path, "-o", out) == expected
    err = capsys.readouterr().err
    assert "internal error" not in err
    result = check_map(path)
    if result.resolved is not None:
        assert out.is_file()  # drawn as far as it resolved
        if result.problems:
            assert re.search(r"has \d+ (error|warning)", err)
    else:
        assert not out.exists()


# --- the committed op-ed picture ----------------------------------------------------------------------------

REGENERATE = (
    "regenerate the pictures:\n"
    "  argmap render arguments/countering-external-threats.yaml -o docs/op-ed-map.dot\n"
    "  argmap render arguments/countering-external-threats.yaml -o docs/op-ed-map.svg\n"
    "  argmap render arguments/countering-external-threats.yaml -o docs/op-ed-map.png"
)


def test_committed_op_ed_dot_is_current() -> None:
    assert OPED_DOT.is_file(), f"docs/op-ed-map.dot is missing; {REGENERATE}"
    assert to_dot(graph_of(OPED)).encode("utf-8") == OPED_DOT.read_bytes(), (
        f"docs/op-ed-map.dot is stale against {OPED.relative_to(REPO)}; {REGENERATE}"
    )


def test_committed_op_ed_svg_shows_the_current_claims() -> None:
    if not OPED_SVG.is_file():
        pytest.skip("docs/op-ed-map.svg is not there yet")
    nodes = svg_nodes(svg_root(OPED_SVG.read_bytes()))
    assert set(nodes) == claim_nodes(graph_of(OPED)), f"docs/op-ed-map.svg is stale; {REGENERATE}"


STUDENT = REPO / "arguments" / "countering-external-threats.student-example.yaml"
STUDENT_DOT = REPO / "docs" / "student-overlay.dot"
STUDENT_OPTIONS = ("--group", "student", "--group", "nato")


def test_committed_student_overlay_dot_is_current(tmp_path: Path) -> None:
    out = tmp_path / "student.dot"
    assert main(["render", str(STUDENT), *STUDENT_OPTIONS, "-o", str(out)]) == 0
    assert out.read_bytes() == STUDENT_DOT.read_bytes(), (
        "docs/student-overlay.dot is stale; regenerate it (and .png, .svg):\n"
        f"  argmap render {STUDENT.relative_to(REPO)} {' '.join(STUDENT_OPTIONS)} -o docs/student-overlay.dot"
    )


# --- start-up cost --------------------------------------------------------------------------------------------


def test_render_command_imports_only_click() -> None:
    code = (
        "import sys; import argmap.commands.render; "
        "print(sorted(m for m in sys.modules if m.startswith(('argmap.', 'graphviz', 'pydantic', 'yaml'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    # the vocabulary (dependency-free) names the choices; no stage of the pipeline is imported
    assert done.stdout.strip() == str(
        [
            "argmap.commands",
            "argmap.commands.common",
            "argmap.commands.render",
            "argmap.format",
            "argmap.format.vocabulary",
        ]
    )


def test_a_map_with_errors_is_drawn_as_far_as_it_resolved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copy(REPO / "seeds" / "countering-external-threats.txt", tmp_path / "oped.txt")
    text = EXAMPLE.read_text(encoding="utf-8").replace("../seeds/countering-external-threats.txt", "oped.txt")
    text = text.replace("from: [P5, I1]", "from: [P5, I1, X9]")  # AM301: no claim X9
    text = text.replace("quote: China is more of an imaginary threat to NATO", "quote: not in the text at all")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    assert run(path, "-o", tmp_path / "broken.dot", "--group", "threats") == 1
    assert "broken.yaml has 2 errors" in capsys.readouterr().err
    graph = graph_of(path)
    junction = next(e.head for e in graph.edges if e.tail == "P5")
    assert {e.tail for e in graph.edges if e.head == junction} == {"P5", "I1"}
    node = graph.node("R1")
    assert node is not None and "R1 · rebuttal" in node.tooltip and "not found" in node.tooltip


# --- -o and --format agree ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [
        ("map.png", "svg", "ends in .png but --format is svg: name it"),
        ("map.jpg", None, "argmap draws .svg, .png, .pdf or .dot files"),
        ("map.svg", "dot", "ends in .svg but --format is dot"),
    ],
)
def test_an_output_named_for_another_format_is_refused(
    tmp_path: Path, name: str, fmt: str | None, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments: list[str | Path] = [EXAMPLE, "-o", tmp_path / name] + (["--format", fmt] if fmt else [])
    assert run(*arguments) == 2
    assert said in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_maps_into_one_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(REPO / "arguments", "-o", tmp_path / "file.svg") == 2
    assert "name a folder to draw each map into" in capsys.readouterr().err
    assert not (tmp_path / "file.svg").exists()


def test_an_output_with_no_suffix_takes_the_format(tmp_path: Path) -> None:
    assert run(EXAMPLE, "-o", tmp_path / "picture", "--format", "dot") == 0
    assert (tmp_path / "picture").read_text().startswith("// argmap argument diagram")
