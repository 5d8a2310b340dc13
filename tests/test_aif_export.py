"""`argmap export --format aif|ova`, and the round trips map -> AIF -> map and AIF -> map -> AIF."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import FLAGSHIP, ROOT, Run

from argmap.readers.aif_json import read_aif
from argmap.writers.aif import aif_dict

AIF = Path(__file__).parent / "aif"
FIXTURES = ["aifdb-debate.json", "ova3-bike-lanes.json", "ova2-school-uniforms.json"]


def _export(run: Callable[..., Run], map_file: Path, fmt: str) -> dict[str, Any]:
    result = run("export", map_file, "--format", fmt)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


@pytest.fixture
def flagship(run: Callable[..., Run]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("export", FLAGSHIP).out)
    return document


def _types(aif: dict[str, Any]) -> Counter[str]:
    return Counter(node["type"] for node in aif["nodes"])


def test_flagship_aif_has_an_i_node_per_claim_an_ra_per_support_and_a_ca_per_attack(
    run: Callable[..., Run], flagship: dict[str, Any]
) -> None:
    aif = _export(run, FLAGSHIP, "aif")
    relations = Counter(r["type"] for r in flagship["relations"])
    quoted = {(q["start"], q["end"]) for c in flagship["claims"] for q in c["quotes"] if q["text"] is not None}
    assert _types(aif) == Counter(
        I=len(flagship["claims"]),
        RA=relations["support"],  # a linked group is one RA
        CA=relations["attack"] + relations["undercut"],
        L=len(quoted),
        YA=sum(1 for c in flagship["claims"] for q in c["quotes"] if q["text"] is not None),
    )
    nodes = {node["nodeID"]: node for node in aif["nodes"]}
    assert all(e["fromID"] in nodes and e["toID"] in nodes for e in aif["edges"])
    assert all(node["text"] == "Asserting" for node in nodes.values() if node["type"] == "YA")
    # the linked group P9 + I2 -> T1 is one RA with three edges
    ids = {claim: node for node, claim in aif["argmap"]["claims"].items()}
    into_t1 = [e["fromID"] for e in aif["edges"] if e["toID"] == ids["T1"] and nodes[e["fromID"]]["type"] == "RA"]
    linked = [ra for ra in into_t1 if {e["fromID"] for e in aif["edges"] if e["toID"] == ra} == {ids["P9"], ids["I2"]}]
    assert len(linked) == 1


def test_an_undercut_is_a_ca_into_the_ra_it_denies(run: Callable[..., Run]) -> None:
    aif = _export(run, FLAGSHIP, "aif")
    nodes = {node["nodeID"]: node for node in aif["nodes"]}
    ids = {claim: node for node, claim in aif["argmap"]["claims"].items()}
    (ca,) = [e["toID"] for e in aif["edges"] if e["fromID"] == ids["O2"] and nodes[e["toID"]]["type"] == "CA"]
    (denied,) = [e["toID"] for e in aif["edges"] if e["fromID"] == ca]
    assert nodes[denied]["type"] == "RA"
    into = [e["fromID"] for e in aif["edges"] if e["toID"] == denied]
    assert into == [ids["E19"], ca]  # the premise, and the undercut
    assert [e["toID"] for e in aif["edges"] if e["fromID"] == denied] == [ids["P11"]]


def test_l_nodes_hold_the_quoted_words_of_the_author(run: Callable[..., Run], flagship: dict[str, Any]) -> None:
    aif = _export(run, FLAGSHIP, "aif")
    thesis_quote = flagship["claims"][0]["quotes"][0]["text"]
    assert {"Xiao Bin : " + thesis_quote} <= {node["text"] for node in aif["nodes"] if node["type"] == "L"}
    assert len(aif["locutions"]) == _types(aif)["L"]


def test_export_is_deterministic(run: Callable[..., Run]) -> None:
    for fmt in ("aif", "ova", "argdown"):
        assert run("export", FLAGSHIP, "--format", fmt).out == run("export", FLAGSHIP, "--format", fmt).out


def test_ova_text_is_the_source_with_a_span_per_locution(run: Callable[..., Run]) -> None:
    ova = _export(run, FLAGSHIP, "ova")
    assert set(ova) == {"AIF", "text", "OVA", "argmap"}
    graph = read_aif(ova)
    source = (ROOT / "seeds" / "countering-external-threats.txt").read_text(encoding="utf-8")
    assert graph.text == source
    assert graph.spans, "no highlighted spans"
    for node_id, start in graph.spans.items():
        words = graph.nodes[node_id].text.split(" : ", 1)[1]
        assert source[start : start + len(words)] == words
    assert {p["firstname"] for p in ova["AIF"]["participants"]} == {"Xiao Bin"}


def _copy_flagship(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "arguments").mkdir()
    shutil.copyfile(
        ROOT / "seeds" / "countering-external-threats.txt", tmp_path / "seeds" / FLAGSHIP.with_suffix(".txt").name
    )
    shutil.copyfile(FLAGSHIP, tmp_path / "arguments" / FLAGSHIP.name)
    return tmp_path / "arguments" / FLAGSHIP.name


# What AIF can say of a kind: who supports and who attacks, not evidence or concession.
AS_AIF_SAYS = {
    "thesis": "thesis",
    "premise": "premise",
    "evidence": "premise",
    "objection": "objection",
    "rebuttal": "rebuttal",
    "concession": "objection",
}


def as_aif_says(document: dict[str, Any], claim: dict[str, Any]) -> set[str]:
    """The kinds a claim may come back with: what AIF can say of its kind, and for a premise that
    also attacks or undercuts, what its attack makes it."""
    attacks = any(claim["id"] in r["from"] and r["type"] in ("attack", "undercut") for r in document["relations"])
    if claim["kind"] in ("premise", "evidence") and attacks:
        return {"objection", "rebuttal"}
    return {AS_AIF_SAYS[claim["kind"]]}


@pytest.mark.parametrize("fmt", ["aif", "ova"])
def test_map_to_aif_to_map_keeps_claims_quotes_links_linked_premises_and_undercuts(
    fmt: str, tmp_path: Path, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    original_map = _copy_flagship(tmp_path)
    before = _export(run, original_map, "json")
    (tmp_path / "flag.json").write_text(run("export", original_map, "--format", fmt).out, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    imported = run("import", "aif", "flag.json", "-o", "back.yaml")
    assert imported.code == 0, imported.err  # and it checks clean
    after = _export(run, tmp_path / "back.yaml", "json")
    assert [(c["id"], c["text"]) for c in after["claims"]] == [(c["id"], c["text"]) for c in before["claims"]]
    assert all(c["kind"] in as_aif_says(before, b) for c, b in zip(after["claims"], before["claims"], strict=True))
    assert [[q["text"] for q in c["quotes"]] for c in after["claims"]] == [
        [q["text"] for q in c["quotes"]] for c in before["claims"]
    ]
    assert [c["implicit"] for c in after["claims"]] == [c["implicit"] for c in before["claims"]]

    def links(document: dict[str, Any]) -> set[tuple[Any, ...]]:
        return {(r["type"], tuple(r["from"]), r.get("to_link") or r["to"], r.get("id")) for r in document["relations"]}

    assert links(after) == links(before)
    if fmt == "ova":  # the source itself comes back, so every quote sits where it was
        assert [[q["start"] for q in c["quotes"]] for c in after["claims"]] == [
            [q["start"] for q in c["quotes"]] for c in before["claims"]
        ]


def _structure(aif: dict[str, Any]) -> tuple[Counter[str], set[tuple[Any, ...]]]:
    """I-node texts, and each RA/CA as (type, premise texts, target text or the denied S-node's)."""
    graph = read_aif(aif)

    def describe(node_id: str) -> Any:
        node = graph.nodes[node_id]
        if node.type == "I":
            return node.text
        return (node.type, frozenset(describe(n) for n in graph.into(node_id) if graph.nodes[n].type == "I"))

    texts = Counter(node.text for node in graph.nodes.values() if node.type == "I")
    s_nodes = {
        (node.type, node.text, describe(node.id)[1], describe(graph.out_of(node.id)[0]))
        for node in graph.nodes.values()
        if node.type in ("RA", "CA")
    }
    return texts, s_nodes


@pytest.mark.parametrize("name", FIXTURES)
def test_aif_to_map_to_aif_keeps_every_i_ra_and_ca_node_and_edge(
    name: str, tmp_path: Path, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    monkeypatch.chdir(tmp_path)
    assert run("import", "aif", AIF / name, "-o", "map.yaml").code == 0
    original = json.loads((AIF / name).read_text(encoding="utf-8"))
    exported = _export(run, tmp_path / "map.yaml", "aif")
    assert _structure(exported) == _structure(original)

    def argument_edges(aif: dict[str, Any]) -> int:
        graph = read_aif(aif)
        kept = {"I", "RA", "CA"}
        return sum(graph.nodes[a].type in kept and graph.nodes[b].type in kept for a, b in graph.edges)

    assert argument_edges(exported) == argument_edges(original)

    def rephrases(aif: dict[str, Any]) -> int:
        return sum(node.type == "MA" for node in read_aif(aif).nodes.values())

    assert rephrases(exported) == rephrases(original)  # a rephrase comes back


@pytest.mark.parametrize("name", FIXTURES)
def test_aif_to_map_to_aif_to_map_is_the_same_map(
    name: str, tmp_path: Path, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    monkeypatch.chdir(tmp_path)
    assert run("import", "aif", AIF / name, "-o", "first.yaml").code == 0
    fmt = "ova" if name.startswith("ova3") else "aif"
    (tmp_path / "again.json").write_text(run("export", "first.yaml", "--format", fmt).out, encoding="utf-8")
    assert run("import", "aif", "again.json", "-o", "second.yaml").code == 0
    first = yaml.safe_load((tmp_path / "first.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((tmp_path / "second.yaml").read_text(encoding="utf-8"))
    for document in (first, second):
        del document["title"], document["sources"]
    assert second == first
    # locutions without I-nodes are not part of a map; the rest of the transcript is
    suffix = ".txt" if fmt == "ova" else ".transcript.txt"
    lines = (tmp_path / f"second{suffix}").read_text(encoding="utf-8").splitlines()
    assert set(lines) <= set((tmp_path / f"first{suffix}").read_text(encoding="utf-8").splitlines())


def test_support_by_example_and_an_undercut_of_an_undercut_in_aif() -> None:
    # the export document as the grammar's relation types write it
    def claim(cid: str, kind: str) -> dict[str, Any]:
        return {"id": cid, "kind": kind, "text": f"{cid} text", "implicit": True, "quotes": []}

    document = {
        "map": "m.yaml",
        "title": None,
        "sources": [],
        "claims": [
            claim("T1", "thesis"),
            claim("E1", "evidence"),
            claim("C1", "concession"),
            claim("R1", "rebuttal"),
            claim("O1", "objection"),
        ],
        "relations": [
            {"name": "E1 -> T1", "type": "example", "from": ["E1"], "to": "T1"},
            {
                "name": "O1 -> R1 -> E1 -> T1",
                "type": "undercut",
                "from": ["O1"],
                "to": "U1",
                "to_link": "R1 -> E1 -> T1",
            },
            {
                "name": "R1 -> E1 -> T1",
                "type": "undercut",
                "from": ["R1"],
                "to": "E1 -> T1",
                "to_link": "E1 -> T1",
                "id": "U1",
            },
        ],
    }
    aif = aif_dict(document)
    nodes = {node["nodeID"]: node for node in aif["nodes"]}
    (ra,) = [n for n in nodes.values() if n["type"] == "RA"]
    assert ra["text"] == ra["scheme"] == "Argument From Example"
    ids = {claim: node for node, claim in aif["argmap"]["claims"].items()}
    out = {e["fromID"]: e["toID"] for e in aif["edges"]}
    assert out[out[ids["R1"]]] == ra["nodeID"]  # R1's CA denies the RA
    assert out[out[ids["O1"]]] == out[ids["R1"]]  # O1's CA denies R1's CA
    assert aif["argmap"]["relations"] == {out[ids["R1"]]: "U1"}
