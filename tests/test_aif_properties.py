"""Properties of AIF import and Argdown export over generated input.

* any JSON at all is read as AIF or refused with `AifError`, never a traceback;
* any AIF argument graph whose supports run one way (no circle of support) and where no
  claim undercuts a link it is part of (both mistakes in any map: AM307, AM303) imports as a map that `argmap check` finds clean: the thesis rule
  and the kinds always agree with the structure rules;
* any claim text survives the Argdown export as written, and any source text (with its
  highlights) the OVA export's HTML.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_argdown import parse

from argmap.check.pipeline import check_map
from argmap.readers.aif import import_graph
from argmap.readers.aif_json import AifError, read_aif
from argmap.writers.aif import text_html
from argmap.writers.argdown import to_argdown

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
aif_keys = st.sampled_from(["nodes", "edges", "locutions", "AIF", "text", "nodeID", "id", "type", "fromID", "toID"])
aif_like = st.recursive(
    st.none() | st.integers(0, 5) | st.sampled_from(["I", "RA", "CA", "L", "YA", "1", "2", "<span id=node1>x</span>"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(aif_keys, inner, max_size=5),
    max_leaves=25,
)


@given(st.one_of(json_values, aif_like))
def test_any_json_is_aif_or_a_clear_refusal(data: Any) -> None:
    try:
        graph = read_aif(data)
    except AifError as error:
        assert str(error)
        return
    assert all(source in graph.nodes and target in graph.nodes for source, target in graph.edges)
    try:
        imported = import_graph(graph, source_name="map.txt", title="any")
    except AifError as error:
        assert "no I-nodes" in str(error)
        return
    assert imported.map["claims"]


@st.composite
def argument_graphs(draw: st.DrawFn) -> dict[str, Any]:
    """AIFdb JSON: I-nodes said by speakers, supports from earlier to later claims, attacks and
    undercuts anywhere, some claims said by nobody, some locutions asserting nothing."""
    count = draw(st.integers(1, 8))
    speakers = ["Host", "Minister", "Shadow Minister"]
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []

    def node(type_: str, text: str) -> str:
        nodes.append({"nodeID": str(len(nodes) + 1), "text": text, "type": type_, "timestamp": ""})
        return nodes[-1]["nodeID"]

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    claims = [node("I", f"claim {index}") for index in range(count)]
    words = st.sampled_from(["Yes.", "No, that’s wrong.", "I agree", "“Quoted” words", "Thank you."])
    for index, claim in enumerate(claims):
        for _ in range(draw(st.integers(0, 2))):
            said = node("L", f"{draw(st.sampled_from(speakers))} : {draw(words)} {index}")
            locutions.append(
                {"nodeID": said, "personID": "1", "timestamp": f"2024-01-01 00:00:{draw(st.integers(10, 59))}"}
            )
            assertion = node("YA", "Asserting")
            edge(said, assertion)
            edge(assertion, claim)
    for _ in range(draw(st.integers(0, 2))):
        node("L", f"Host : {draw(words)}")  # asserts no proposition
    s_nodes: list[str] = []
    premises_of: dict[str, set[int]] = {}
    for _ in range(draw(st.integers(0, count + 2))):
        kind = draw(st.sampled_from(["RA", "CA", "undercut"]))
        target_index = draw(st.integers(0, count - 1))
        if kind == "RA":
            if target_index == 0:
                continue
            premises = draw(st.sets(st.integers(0, target_index - 1), min_size=1, max_size=2))
        else:
            premises = draw(st.sets(st.integers(0, count - 1), min_size=1, max_size=2))
        if kind == "undercut":
            if not s_nodes:
                continue
            target = draw(st.sampled_from(s_nodes))
            if premises & premises_of[target]:
                continue  # a claim undercutting a link of its own is a mistake (AM303), not a shape
        else:
            if target_index in premises:
                continue
            target = claims[target_index]
        s_node = node("CA" if kind == "undercut" else kind, "Default Inference" if kind == "RA" else "Default Conflict")
        for premise in sorted(premises):
            edge(claims[premise], s_node)
        edge(s_node, target)
        if kind != "undercut":
            s_nodes.append(s_node)
            premises_of[s_node] = premises | {target_index}
    return {"nodes": nodes, "edges": edges, "locutions": locutions}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_graphs())
def test_any_argument_graph_imports_as_a_map_that_checks_clean(aif: dict[str, Any]) -> None:
    imported = import_graph(read_aif(aif), source_name="map.transcript.txt", title="generated")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text("")
        (root / "map.transcript.txt").write_text(imported.source_text, encoding="utf-8")
        (root / "map.yaml").write_text(yaml.safe_dump(imported.map, allow_unicode=True), encoding="utf-8")
        result = check_map(root / "map.yaml")
    assert [f"{p.code} {p.message}" for p in result.problems] == []
    theses = [claim for claim in imported.map["claims"] if claim["kind"] == "thesis"]
    argues = any(key in theses[0] for key in ("supports", "attacks", "undercuts")) or any(
        theses[0]["id"] in relation["from"] for relation in imported.map.get("relations", [])
    )
    no_two_sides = any("no author/opponent reading fits" in note for note in imported.notes)
    # one thesis that argues nothing, and sides that fit: an article
    assert ("shape" in imported.map) == (len(theses) != 1 or argues or no_two_sides)


claim_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("[]<>{}#*_@/\\=+-()~`|$:;\"'\n"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(claim_texts, min_size=5, max_size=25))
def test_any_claim_text_comes_through_argdown_as_written(tmp_path: Path, texts: list[str]) -> None:
    # one CLI run per example (it takes seconds), each with many texts
    claims = [
        {
            "id": f"C{index}",
            "kind": "premise",
            "text": text,
            "implicit": False,
            "quotes": [{"source": "s", "exact": text, "text": text}],
        }
        for index, text in enumerate(texts)
    ]
    parsed = parse(to_argdown({"map": "m.yaml", "title": texts[0], "claims": claims, "relations": []}), tmp_path)
    for claim in claims:
        members = parsed["statements"][claim["id"]]["members"]
        defined = next(m for m in members if "text" in m)
        assert defined["text"].strip() == " ".join(claim["text"].split())
        assert parsed["statements"][claim["id"]]["data"]["quote"] == claim["text"]


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from("<>&;\n\r\"' "), max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [
        (start, end, str(index + 1)) for index, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False))
    ]
    return text, spans


@given(texts_with_spans())
def test_ova_html_reads_back_as_the_text_with_every_span_in_place(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = case
    nodes = [{"nodeID": node_id, "text": "x", "type": "L"} for _, _, node_id in spans]
    markup = text_html(text, spans)
    graph = read_aif({"AIF": {"nodes": nodes, "edges": []}, "text": markup})
    if not markup.strip():
        assert graph.text is None  # a blank text is no text: a transcript is built instead
        return
    assert graph.text == text
    assert graph.spans == {node_id: start for start, _, node_id in spans}
