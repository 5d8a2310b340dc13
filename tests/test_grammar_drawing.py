"""The drawing follows the grammar: junctions for linked relations of every type, undercuts of
undercuts landing on the undercut they deny, the opponent's reasons in the opponent's colours,
and a legend with exactly the relation shapes the map uses."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argmap.check.pipeline import check_map
from argmap.graph.build import build_graph
from argmap.graph.elements import Graph
from argmap.graph.style import OBJECTION
from argmap.writers.dot import to_dot
from argmap.writers.graphviz import render

GRAMMAR = Path(__file__).parent / "grammar" / "granted-but.yaml"
SAMPLE = Path(__file__).parent / "microtexts"
SVG = "{http://www.w3.org/2000/svg}"


def graph_of(path: Path) -> Graph:
    resolved = check_map(path).resolved
    assert resolved is not None
    return build_graph(resolved)


def arrows(graph: Graph) -> set[tuple[str, str, str]]:
    return {(e.tail, e.head, e.type) for e in graph.edges}


def junction_into(graph: Graph, head: str, type_: str) -> str:
    """The junction whose arrow of `type_` points at `head`."""
    (found,) = [e.tail for e in graph.edges if e.head == head and e.type == type_ and e.tail.startswith("_j")]
    return found


def test_each_undercut_lands_on_the_link_it_denies() -> None:
    graph = graph_of(GRAMMAR)
    granted = junction_into(graph, "T1", "attack")  # C1's attack on T1
    assert ("C1", granted, "attack") in arrows(graph)
    first = junction_into(graph, granted, "undercut")  # R1's undercut of it …
    assert ("R1", first, "undercut") in arrows(graph)
    second = junction_into(graph, first, "undercut")  # … C2's undercut of that …
    assert ("C2", second, "undercut") in arrows(graph)
    third = junction_into(graph, second, "undercut")  # … and R2 + I2's linked undercut of that
    assert {("R2", third, "undercut"), ("I2", third, "undercut")} <= arrows(graph)


def test_linked_relations_of_every_type_meet_at_a_junction() -> None:
    graph = graph_of(GRAMMAR)
    feeds = {(e.tail, e.type) for e in graph.edges if "co-premise" in e.classes}
    assert feeds == {("P2", "support"), ("I1", "support"), ("R2", "undercut"), ("I2", "undercut")}
    assert all(e.attrs["arrowhead"] == "none" for e in graph.edges if "co-premise" in e.classes)


def test_each_edge_knows_the_link_it_draws() -> None:
    resolved = check_map(GRAMMAR).resolved
    assert resolved is not None
    graph = build_graph(resolved)
    assert all(e.link is not None and resolved.links[e.link].type == e.type for e in graph.edges)
    junctions = {n.id: n.link for n in graph.nodes if n.kind == "junction"}
    assert all(link is not None for link in junctions.values())
    for edge in graph.edges:  # a junction's own feeds and arrow carry its link
        if edge.tail in junctions:
            assert edge.link == junctions[edge.tail]
        if "co-premise" in edge.classes:
            assert edge.link == junctions[edge.head]
    linked = next(i for i, link in enumerate(resolved.links) if link.id == "L.choice")
    assert {(e.tail, e.head) for e in graph.edges if e.link == linked} == {
        ("P2", f"_j{linked + 1}"),
        ("I1", f"_j{linked + 1}"),
        (f"_j{linked + 1}", "T1"),
    }
    r1 = next(i for i, link in enumerate(resolved.links) if link.type == "undercut" and link.sources == ("R1",))
    (undercut,) = [e for e in graph.edges if e.tail == "R1"]
    assert undercut.link == r1  # the undercut's own link, not the one it lands on


def test_the_legend_names_exactly_the_shapes_used() -> None:
    graph = graph_of(GRAMMAR)
    relations = [item for item in graph.legend if item in ("support", "example", "attack", "undercut")]
    linked = [item for item in graph.legend if item.startswith("linked-")]
    assert relations == ["support", "attack", "undercut"]
    assert linked == ["linked-support", "linked-undercut"]
    dot = to_dot(graph)
    assert "undercut only together (linked)" in dot
    assert "support only together (linked)" in dot
    assert "attack only together" not in dot and "is an example of" not in dot


def test_the_opponents_reason_is_drawn_as_the_opponents() -> None:
    graph = graph_of(GRAMMAR)
    reason = graph.node("P3")
    assert reason is not None
    assert reason.attrs["fillcolor"] == OBJECTION["fillcolor"] and "opponent" in reason.classes
    assert reason.lines[0][1].text == "OPPONENT'S PREMISE"
    own = graph.node("P1")
    assert own is not None and own.attrs["fillcolor"] != OBJECTION["fillcolor"]
    assert "opponent-premise" in graph.legend and "a reason the opponent gives" in to_dot(graph)


def test_a_granted_point_is_marked_granted() -> None:
    graph = graph_of(GRAMMAR)
    node = graph.node("C1")
    assert node is not None
    assert node.lines[0][1].text == "CONCESSION · GRANTED"
    assert "granted by the author" in node.tooltip


def test_a_linked_attack_has_its_own_legend_entry(tmp_path: Path) -> None:
    shutil.copy(SAMPLE / "micro_b020.xml", tmp_path)
    shutil.copy(SAMPLE / "micro_b020.txt", tmp_path)
    from argmap.commands.main import main

    assert main(["import", "microtext", str(tmp_path / "micro_b020.xml"), "-o", str(tmp_path / "out")]) == 0
    graph = graph_of(tmp_path / "out" / "micro_b020.yaml")
    attack = junction_into(graph, "a6", "attack")
    assert {("a2", attack, "attack"), ("a3", attack, "attack")} <= arrows(graph)
    assert "linked-attack" in graph.legend and "attack only together (linked)" in to_dot(graph)


def test_a_type_drawn_only_linked_has_only_its_linked_entry(tmp_path: Path) -> None:
    # micro_b001: "But still … and too many resources are lost": two claims that undercut only together
    shutil.copy(SAMPLE / "micro_b001.xml", tmp_path)
    shutil.copy(SAMPLE / "micro_b001.txt", tmp_path)
    from argmap.commands.main import main

    assert main(["import", "microtext", str(tmp_path / "micro_b001.xml"), "-o", str(tmp_path / "out")]) == 0
    graph = graph_of(tmp_path / "out" / "micro_b001.yaml")
    assert "linked-undercut" in graph.legend and "undercut" not in graph.legend
    assert "undercuts the link" not in to_dot(graph)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is installed by scripts/setup.sh")
def test_the_svg_draws_every_arrow_of_the_chain() -> None:
    graph = graph_of(GRAMMAR)
    root = ElementTree.fromstring(render(graph, "svg"))
    drawn = {g.get("id") for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "")}
    assert {e.id for e in graph.edges} <= drawn


def _imported(tmp_path: Path, name: str) -> Graph:
    from argmap.commands.main import main

    assert main(["import", "microtext", str(SAMPLE / f"{name}.xml"), "-o", str(tmp_path)]) == 0
    return graph_of(tmp_path / f"{name}.yaml")


def test_b005_is_drawn_as_the_annotators_draw_it(tmp_path: Path) -> None:
    # The annotators' PDF: a2 -> a1 with c2 on it; a3 undercuts c2; a4 undercuts c3 (a3's undercut); a5 -> a4.
    graph = _imported(tmp_path, "micro_b005")
    c2 = junction_into(graph, "a1", "support")
    assert ("a2", c2, "support") in arrows(graph)
    c3 = junction_into(graph, c2, "undercut")
    assert ("a3", c3, "undercut") in arrows(graph)
    assert ("a4", c3, "undercut") in arrows(graph)
    assert ("a5", "a4", "support") in arrows(graph)


def test_b001_is_drawn_as_the_annotators_draw_it(tmp_path: Path) -> None:
    # The annotators' PDF: a1 rebuts a5 (c1); a3 and a4 meet at c3, which lands on c1; a2 supports a1.
    graph = _imported(tmp_path, "micro_b001")
    c1 = junction_into(graph, "a5", "attack")
    assert ("a1", c1, "attack") in arrows(graph)
    c3 = junction_into(graph, c1, "undercut")
    assert {("a3", c3, "undercut"), ("a4", c3, "undercut")} <= arrows(graph)
    assert ("a2", "a1", "support") in arrows(graph)
    reason = graph.node("a2")
    assert reason is not None and "opponent" in reason.classes
