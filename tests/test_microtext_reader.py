"""Reading the microtexts corpus: the sample's gold graphs, and damaged or mismatched files.

The sample (tests/microtexts/, CC BY-NC-SA 4.0, attribution in its README) is read as the
corpus gives it; broken variants are made from it in a temporary folder, so each problem
is checked at the exact place a user would have to look.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.readers.microtext import CorpusError, read_arggraph
from argmap.readers.microtext_map import derived_sides, kinds, to_map

SAMPLE = Path(__file__).parent / "microtexts"
TEXTS = sorted(p.stem for p in SAMPLE.glob("micro_*.xml"))


def test_the_sample_has_twelve_texts() -> None:
    assert len(TEXTS) == 12


@pytest.mark.parametrize("name", TEXTS)
def test_every_edu_is_found_in_its_text(name: str) -> None:
    graph = read_arggraph(SAMPLE / f"{name}.xml")
    for edu_id, element in graph.edus.items():
        span = graph.spans[edu_id]
        assert " ".join(graph.text[span.start : span.end].split()) == " ".join(element.text.split())


@pytest.mark.parametrize("name", TEXTS)
def test_derived_sides_are_the_corpus_roles(name: str) -> None:
    # The grammar's side rules reproduce the annotators' pro/opp on every sample text,
    # so the importer needs no explicit `side:` for them.
    graph = read_arggraph(SAMPLE / f"{name}.xml")
    sides = derived_sides(graph, kinds(graph))
    assert sides == {u.id: {"pro": "author", "opp": "opponent"}[u.role] for u in graph.units.values()}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # "Yes, it's annoying …" is granted (its attack undercut), with the opponent's own reason a2.
        ("micro_b001", {"a1": "concession", "a2": "premise", "a3": "rebuttal", "a4": "rebuttal", "a5": "thesis"}),
        # "Granted, those concern …" undercuts a support and is itself undercut.
        ("micro_b005", {"a1": "thesis", "a2": "premise", "a3": "concession", "a4": "rebuttal", "a5": "premise"}),
        # An objection to a co-premise, rebutted (not granted).
        ("micro_d01", {"a1": "thesis", "a2": "premise", "a3": "premise", "a4": "objection", "a5": "rebuttal"}),
        # Two unanswered rebuttals by the opponent.
        ("micro_k015", {"a1": "thesis", "a2": "objection", "a3": "objection", "a4": "premise"}),
    ],
)
def test_kinds_follow_role_and_relation(name: str, expected: dict[str, str]) -> None:
    graph = read_arggraph(SAMPLE / f"{name}.xml")
    assert {unit: kind for unit, (kind, _) in kinds(graph).items()} == expected


def test_linked_undercut_is_one_relation_named_by_the_corpus_edge() -> None:
    data = to_map(read_arggraph(SAMPLE / "micro_b001.xml"), "seeds/micro_b001.txt")
    assert data["relations"] == [
        {
            "id": "c3",
            "type": "undercut",
            "from": ["a3", "a4"],
            "to": "a1 -> a5",
            "note": "edge c3 (und) with a4 (add)",
        }
    ]


def test_undercut_of_an_undercut_names_the_nested_link() -> None:
    data = to_map(read_arggraph(SAMPLE / "micro_b005.xml"), "seeds/micro_b005.txt")
    by_id = {c["id"]: c for c in data["claims"]}
    assert by_id["a3"]["undercuts"] == "a2 -> a1"
    assert by_id["a4"]["undercuts"] == "a3 -> a2 -> a1"


def test_a_passage_that_occurs_twice_is_quoted_with_its_occurrence(tmp_path: Path) -> None:
    text = "Yes. We should act. Yes. Because it helps."
    _write(tmp_path, "micro_x1", text, ["Yes.", "We should act.", "Yes.", "Because it helps."], ["pro"] * 4, [])
    (tmp_path / "micro_x1.xml").write_text(
        _xml(
            "micro_x1",
            ["Yes.", "We should act.", "Yes.", "Because it helps."],
            ["pro"] * 4,
            [("c1", "a1", "a2", "sup"), ("c3", "a3", "a2", "sup"), ("c4", "a4", "a2", "sup")],
        ),
        encoding="utf-8",
    )
    data = to_map(read_arggraph(tmp_path / "micro_x1.xml"), "seeds/micro_x1.txt")
    quotes = {c["id"]: c["quote"] for c in data["claims"]}
    assert quotes["a1"] == {"exact": "Yes.", "occurrence": 1}
    assert quotes["a3"] == {"exact": "Yes.", "occurrence": 2}
    assert quotes["a2"] == "We should act."


def test_a_joint_makes_one_quote_of_adjacent_edus(tmp_path: Path) -> None:
    xml = (
        "<?xml version='1.0'?>\n<arggraph id=\"micro_j1\">\n"
        '<edu id="e1">We must act,</edu>\n<edu id="e2">and soon.</edu>\n<edu id="e3">It helps.</edu>\n'
        '<joint id="j1"/>\n<adu id="a1" type="pro"/>\n<adu id="a2" type="pro"/>\n'
        '<edge id="c1" src="e1" trg="j1" type="seg"/>\n<edge id="c2" src="e2" trg="j1" type="seg"/>\n'
        '<edge id="c3" src="j1" trg="a1" type="seg"/>\n<edge id="c4" src="e3" trg="a2" type="seg"/>\n'
        '<edge id="c5" src="a2" trg="a1" type="sup"/>\n</arggraph>\n'
    )
    (tmp_path / "micro_j1.xml").write_text(xml, encoding="utf-8")
    (tmp_path / "micro_j1.txt").write_text("We must act,  and soon. It helps.", encoding="utf-8")
    data = to_map(read_arggraph(tmp_path / "micro_j1.xml"), "seeds/micro_j1.txt")
    assert data["claims"][0]["quote"] == "We must act,  and soon."


# --- damaged and mismatched files: (code, line, column) -------------------------------------


def _copy(tmp_path: Path, name: str = "micro_b005") -> Path:
    for suffix in (".xml", ".txt"):
        shutil.copy(SAMPLE / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    return tmp_path / f"{name}.xml"


def _error(path: Path) -> tuple[str, str, int, int]:
    with pytest.raises(CorpusError) as caught:
        read_arggraph(path, shown=path.name)
    found = caught.value.problem
    return (found.file, found.code, found.line, found.column)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_truncated_xml_is_positioned(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    path.write_bytes(path.read_bytes()[:400])
    assert _error(path)[:2] == ("micro_b005.xml", "AM402")


def test_an_edu_not_in_the_text(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, "British and American", "French and Spanish")
    assert _error(path) == ("micro_b005.xml", "AM404", 5, 3)


def test_edus_out_of_order(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    text = tmp_path / "micro_b005.txt"
    words = text.read_text(encoding="utf-8")
    first = "Intelligence services must urgently be regulated more tightly by parliament; "
    text.write_text(words.replace(first, "") + " " + first, encoding="utf-8")
    # e1 is now found at the end of the text, so e2 (which follows it in the graph) is not
    assert _error(path) == ("micro_b005.xml", "AM404", 4, 3)


def test_missing_text_is_reported_at_the_graph(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    (tmp_path / "micro_b005.txt").unlink()
    assert _error(path) == ("micro_b005.xml", "AM401", 2, 1)


def test_text_not_utf8(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    (tmp_path / "micro_b005.txt").write_bytes(b"Intelligence \xff services")
    assert _error(path) == ("micro_b005.txt", "AM401", 1, 14)


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        ('trg="a1" type="sup"', 'trg="a9" type="sup"', 18, 3),  # names nothing
        ('trg="c2" type="und"', 'trg="a1" type="und"', 19, 3),  # an undercut needs an edge
        ('type="opp"', 'type="con"', 10, 3),  # not a role
        ('<adu id="a5" type="pro"/>', '<adu id="a4" type="pro"/>', 12, 3),  # an id twice
        ('id="micro_b005"', 'id="micro_b006"', 2, 1),  # another text's graph
        ('<edge id="c5" src="a5" trg="a4" type="sup"/>', "", 12, 3),  # a5 argues for nothing
        ('trg="a1" type="sup"', 'trg="c4" type="sup"', 18, 3),  # sup on an edge
        ('trg="c3" type="und"', 'trg="c6" type="und"', 20, 3),  # undercut of a seg edge
    ],
)
def test_scheme_violations_are_positioned(tmp_path: Path, old: str, new: str, line: int, column: int) -> None:
    path = _copy(tmp_path)
    _edit(path, old, new)
    assert _error(path) == ("micro_b005.xml", "AM403", line, column)


def test_spacing_inside_an_edu_is_not_a_mismatch(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, "<![CDATA[Granted, those", "<![CDATA[ Granted,\n  those")
    graph = read_arggraph(path)
    assert graph.text[graph.spans["e3"].start :].startswith("Granted, those")


def test_a_cycle_has_no_central_claim(tmp_path: Path) -> None:
    path = _copy(tmp_path, "micro_b010")
    _edit(path, "</arggraph>", '  <edge id="c99" src="a1" trg="a4" type="sup"/>\n</arggraph>')
    assert _error(path)[:2] == ("micro_b010.xml", "AM403")


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    bomb = '<!DOCTYPE arggraph [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
    path.write_text(text.replace("?>\n", "?>\n" + bomb, 1), encoding="utf-8")
    assert _error(path)[:3] == ("micro_b005.xml", "AM402", 2)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(cut=st.integers(min_value=0, max_value=2000), junk=st.binary(max_size=12))
def test_any_damage_is_a_corpus_error_or_a_graph(tmp_path: Path, cut: int, junk: bytes) -> None:
    path = _copy(tmp_path)
    original = (SAMPLE / "micro_b005.xml").read_bytes()
    cut = min(cut, len(original))
    path.write_bytes(original[:cut] + junk + original[cut + len(junk) :])
    try:
        graph = read_arggraph(path)
    except CorpusError as error:
        assert error.problem.line >= 1 and error.problem.column >= 1
    else:
        assert graph.central in graph.units


# --- helpers ---------------------------------------------------------------------------------


def _xml(graph_id: str, edus: list[str], roles: list[str], edges: list[tuple[str, str, str, str]]) -> str:
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", f'<arggraph id="{graph_id}">']
    lines += [f'  <edu id="e{i}"><![CDATA[{t}]]></edu>' for i, t in enumerate(edus, 1)]
    lines += [f'  <adu id="a{i}" type="{r}"/>' for i, r in enumerate(roles, 1)]
    lines += [f'  <edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(1, len(edus) + 1)]
    lines += [f'  <edge id="{e}" src="{s}" trg="{t}" type="{k}"/>' for e, s, t, k in edges]
    return "\n".join([*lines, "</arggraph>", ""])


def _write(
    folder: Path, graph_id: str, text: str, edus: list[str], roles: list[str], edges: list[tuple[str, str, str, str]]
) -> None:
    (folder / f"{graph_id}.txt").write_text(text, encoding="utf-8")
    (folder / f"{graph_id}.xml").write_text(_xml(graph_id, edus, roles, edges), encoding="utf-8")
