"""`argmap import microtext`: every sample text imports, checks clean, draws, and keeps its gold graph.

The importer must work on the whole corpus, not just this sample: a hypothesis strategy
makes graphs of the corpus scheme (any mix of sup, exa, reb, und, add, undercuts of
undercuts, roles as the scheme assigns them, repeated words) and each must import,
check clean and give back its gold edges too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check.pipeline import check_map
from argmap.commands.main import main
from argmap.graph.build import build_graph
from argmap.readers.microtext import read_arggraph
from argmap.writers.dot import to_dot
from argmap.writers.export_json import export_dict

SAMPLE = Path(__file__).parent / "microtexts"
TEXTS = sorted(p.stem for p in SAMPLE.glob("micro_*.xml"))
RELATION = {"sup": "support", "exa": "example", "reb": "attack", "und": "undercut"}

Key = tuple[str, frozenset[str], object]


def gold_edges(xml: Path) -> set[Key]:
    """The corpus's argumentative edges as (type, sources, target); an undercut's target is the edge's key."""
    graph = read_arggraph(xml)

    def key(edge_id: str) -> Key:
        edge = graph.edges[edge_id]
        target: object = key(edge.trg) if edge.type == "und" else edge.trg
        return (RELATION[edge.type], frozenset([edge.src, *graph.adds.get(edge_id, [])]), target)

    return {key(edge_id) for edge_id in graph.edges}


def exported_edges(relations: list[dict[str, Any]]) -> set[Key]:
    by_name = {r["name"]: r for r in relations} | {r["id"]: r for r in relations if "id" in r}

    def key(relation: dict[str, Any]) -> Key:
        target: object = key(by_name[relation["to_link"]]) if relation["type"] == "undercut" else relation["to"]
        return (relation["type"], frozenset(relation["from"]), target)

    return {key(r) for r in relations}


def _import(*args: str | Path) -> int:
    return main(["import", "microtext", *[str(a) for a in args]])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imported") / "corpus"
    assert _import(*[SAMPLE / f"{name}.xml" for name in TEXTS], "-o", folder) == 0
    return folder


def test_the_folder_holds_a_map_and_a_text_for_each(imported: Path) -> None:
    assert sorted(p.name for p in imported.glob("*.yaml")) == [f"{name}.yaml" for name in TEXTS]
    for name in TEXTS:
        assert (imported / "seeds" / f"{name}.txt").read_bytes() == (SAMPLE / f"{name}.txt").read_bytes()


@pytest.mark.parametrize("name", TEXTS)
def test_each_text_checks_clean_and_keeps_its_gold_edges(imported: Path, name: str) -> None:
    result = check_map(imported / f"{name}.yaml")
    assert result.problems == []
    assert result.resolved is not None
    exported = export_dict(result.resolved)
    assert exported_edges(exported["relations"]) == gold_edges(SAMPLE / f"{name}.xml")
    roles = {u.id: u.role for u in read_arggraph(SAMPLE / f"{name}.xml").units.values()}
    assert {c["id"]: c["side"] for c in exported["claims"]} == {
        unit: {"pro": "author", "opp": "opponent"}[role] for unit, role in roles.items()
    }
    # every claim quotes exactly its ADU's words, found where the annotators segmented them
    for claim in exported["claims"]:
        assert [q["status"] for q in claim["quotes"]] == ["exact"] * len(claim["quotes"])


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is installed by scripts/setup.sh")
@pytest.mark.parametrize("name", TEXTS)
def test_each_text_renders_every_claim(imported: Path, name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.svg"
    assert main(["render", str(imported / f"{name}.yaml"), "-o", str(target)]) == 0
    root = ElementTree.fromstring(target.read_bytes())
    titles = {
        t.text
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "node" in (g.get("class") or "")
        for t in g.iter("{http://www.w3.org/2000/svg}title")
    }
    units = read_arggraph(SAMPLE / f"{name}.xml").units
    assert set(units) <= titles


def test_importing_again_writes_nothing_and_gives_the_same_bytes(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in imported.rglob("*") if p.is_file()}
    assert _import(*[SAMPLE / f"{name}.xml" for name in TEXTS], "-o", imported) == 0
    assert "(0 file(s) written)" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in imported.rglob("*") if p.is_file()} == before


def test_a_damaged_file_stops_the_import_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(SAMPLE, corpus)
    broken = corpus / "micro_d10.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('trg="a1" type="sup"', 'trg="a7" type="sup"'))
    out = tmp_path / "out"
    assert _import(*sorted(corpus.glob("*.xml")), "-o", out) == 2
    err = capsys.readouterr().err
    assert f"{broken}:18:3: error AM403 edge c2: trg='a7' names nothing" in err
    assert "nothing imported" in err
    assert not out.exists()


def test_an_edited_map_is_not_replaced_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert _import(SAMPLE / "micro_b001.xml", "-o", out) == 0
    edited = out / "micro_b001.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# a student's note\n", encoding="utf-8")
    kept = edited.read_bytes()
    assert _import(SAMPLE / "micro_b001.xml", "-o", out) == 2
    assert "already exist(s) and differ(s); use --force" in capsys.readouterr().err
    assert edited.read_bytes() == kept
    assert _import(SAMPLE / "micro_b001.xml", "-o", out, "--force") == 0
    assert b"a student's note" not in edited.read_bytes()


def test_a_missing_text_is_reported_at_the_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SAMPLE / "micro_b002.xml", tmp_path / "micro_b002.xml")
    assert _import(tmp_path / "micro_b002.xml", "-o", tmp_path / "out") == 2
    assert f"{tmp_path / 'micro_b002.xml'}:2:1: error AM401" in capsys.readouterr().err


def test_help_says_what_is_written() -> None:
    from click.testing import CliRunner

    from argmap.commands.main import cli

    text = CliRunner().invoke(cli, ["import", "microtext", "--help"]).output
    assert "DIR/micro_ID.yaml" in text and "DIR/seeds/micro_ID.txt" in text


# --- any graph of the corpus scheme -----------------------------------------------------------

WORDS = [
    "the",
    "city",
    "should",
    "ban",
    "cars",
    "but",
    "bikes",
    "are",
    "cheap...",
    "yes,",
    "it's",
    "(really)",
    "Yesterday",
]


@st.composite
def corpus_graphs(draw: st.DrawFn) -> tuple[str, str]:
    """A text and its arggraph XML: a tree of ADUs whose roles follow the scheme."""
    count = draw(st.integers(min_value=1, max_value=9))
    roles = ["pro"]
    edges: list[tuple[str, str, str, str]] = []  # id, src, trg, type
    source_role: dict[str, str] = {}  # edge id -> its source's role
    for unit in range(2, count + 1):
        argumentative = [e for e in edges if e[3] != "add"]
        choice = draw(st.sampled_from(["sup", "exa", "reb"] + (["und", "add"] if argumentative else [])))
        if choice in ("und", "add"):
            edge = draw(st.sampled_from(argumentative))
            flip = choice == "und"
            target = edge[0]
            role = source_role[edge[0]]
        else:
            target_unit = draw(st.integers(min_value=1, max_value=unit - 1))
            target = f"a{target_unit}"
            role = roles[target_unit - 1]
            flip = choice == "reb"
        role = {"pro": "opp", "opp": "pro"}[role] if flip else role
        roles.append(role)
        edge_id = f"c{len(edges) + 1}"
        edges.append((edge_id, f"a{unit}", target, choice))
        source_role[edge_id] = role
    texts = [
        " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))).capitalize() + "."
        for _ in range(count)
    ]
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<arggraph id="micro_h1" stance="pro">']
    lines += [f'  <edu id="e{i}"><![CDATA[{t}]]></edu>' for i, t in enumerate(texts, 1)]
    lines += [f'  <adu id="a{i}" type="{r}"/>' for i, r in enumerate(roles, 1)]
    lines += [f'  <edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(1, count + 1)]
    lines += [f'  <edge id="{e}" src="{s}" trg="{t}" type="{k}"/>' for e, s, t, k in edges]
    return " ".join(texts) + "\n", "\n".join([*lines, "</arggraph>", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus_graphs())
def test_any_graph_of_the_scheme_imports_clean_and_keeps_its_edges(
    tmp_path_factory: pytest.TempPathFactory, made: tuple[str, str]
) -> None:
    text, xml = made
    folder = tmp_path_factory.mktemp("h")
    (folder / "micro_h1.txt").write_text(text, encoding="utf-8")
    (folder / "micro_h1.xml").write_text(xml, encoding="utf-8")
    assert _import(folder / "micro_h1.xml", "-o", folder / "out") == 0
    result = check_map(folder / "out" / "micro_h1.yaml")
    assert [(p.code, p.message) for p in result.problems] == []
    assert result.resolved is not None
    assert exported_edges(export_dict(result.resolved)["relations"]) == gold_edges(folder / "micro_h1.xml")
    assert json.dumps(export_dict(result.resolved))  # the whole map exports
    graph = build_graph(result.resolved)  # and draws: every ADU, every relation as an arrow
    assert {n.claim for n in graph.nodes if n.claim} == set(read_arggraph(folder / "micro_h1.xml").units)
    assert len(graph.edges) >= len(gold_edges(folder / "micro_h1.xml")) and "digraph" in to_dot(graph)
