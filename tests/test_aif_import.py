"""`argmap import aif`: the three AIF shapes become maps that check clean, every quote anchored.

The files in tests/aif/ are written by hand from what AIF files hold: curly quotes,
a phrase said twice, locutions no I-node comes from, I-nodes nobody said, schemes by
name, an undercut, linked premises, a rephrase, and two speakers' top claims that
attack each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import Run

from argmap.check.pipeline import check_map

AIF = Path(__file__).parent / "aif"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(run: Callable[..., Run], name: str, *extra: str) -> tuple[Run, dict[str, Any]]:
    result = run("import", "aif", AIF / name, "-o", "map.yaml", *extra)
    data = yaml.safe_load(Path("map.yaml").read_text(encoding="utf-8")) if Path("map.yaml").exists() else {}
    return result, data


def _claims(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {claim["id"]: claim for claim in data["claims"]}


def test_an_aifdb_debate_without_text_gets_a_transcript_in_time_order(workdir: Path, run: Callable[..., Run]) -> None:
    result, data = _import(run, "aifdb-debate.json")
    assert result.code == 0, result.err
    assert (workdir / "map.transcript.txt").read_text(encoding="utf-8").splitlines() == [
        "Host: Tonight we’re in Leeds.",
        "Minister: We’ve put “record funding” into our schools.",
        "Shadow Minister: Record funding? Class sizes are the largest in a generation.",
        "Minister: Teachers tell me the money is reaching classrooms.",
        "Audience member: That’s not true.",
        "Audience member: Well, teachers would say that, wouldn’t they?",
        "Shadow Minister: Per pupil, funding has fallen in real terms.",
        "Shadow Minister: So the “record funding” line is misleading.",
        "Minister: That’s not true.",
        "Minister: As I said, we’ve put record funding in.",
        "Host: Thank you.",  # locutions with no I-node stay in the transcript
        "Host: Thank you.",
    ]
    assert data["shape"] == "debate"
    assert data["sources"] == [
        {"id": "transcript", "path": "map.transcript.txt", "sha256": data["sources"][0]["sha256"]}
    ]


def test_debate_kinds_come_from_the_structure(workdir: Path, run: Callable[..., Run]) -> None:
    _, data = _import(run, "aifdb-debate.json")
    kinds = {cid: claim["kind"] for cid, claim in _claims(data).items()}
    assert kinds == {
        "I101": "thesis",  # the minister's top claim, said before the claim it attacks back
        "I102": "objection",
        "I103": "premise",
        "I104": "premise",
        "I105": "premise",
        "I106": "objection",  # undercuts the expert-opinion inference
        "I107": "objection",
        "I108": "thesis",  # a rephrase nobody argues with stands alone
        "I110": "thesis",  # the host's remark: argued by nobody
        "I111": "objection",
        "I112": "rebuttal",  # an attack on an attack
    }


def test_debate_quotes_are_the_words_said_and_anchor_where_they_were_said(
    workdir: Path, run: Callable[..., Run]
) -> None:
    _, data = _import(run, "aifdb-debate.json")
    claims = _claims(data)
    assert claims["I101"]["quote"] == "We’ve put “record funding” into our schools."
    assert claims["I101"]["text"] == "The government has put record funding into schools"  # the I-node: a paraphrase
    assert claims["I101"]["voice"] == "Minister"
    assert claims["I111"]["quote"] == {"exact": "That’s not true.", "occurrence": 1}
    assert claims["I112"]["quote"] == {"exact": "That’s not true.", "occurrence": 2}
    assert claims["I112"]["voice"] == "Minister"
    assert claims["I104"]["implicit"] is True and "quote" not in claims["I104"]  # an I-node nobody said
    result = check_map(workdir / "map.yaml")
    assert result.problems == []
    assert result.resolved is not None
    transcript = (workdir / "map.transcript.txt").read_text(encoding="utf-8")
    spans = {cid: quotes[0].match.span for cid, quotes in result.resolved.quotes.items() if quotes}
    second = transcript.index("Minister: That’s not true.") + len("Minister: ")
    assert spans["I112"] is not None and spans["I112"].start == second


def test_debate_relations_keep_links_undercuts_schemes_and_rephrases(workdir: Path, run: Callable[..., Run]) -> None:
    _, data = _import(run, "aifdb-debate.json")
    claims = _claims(data)
    assert claims["I106"]["undercuts"] == "RA302"
    assert claims["I101"]["attacks"] == "I107" and claims["I107"]["attacks"] == "I101"
    assert claims["I108"]["note"] == "rephrases I101 (an AIF MA node)"
    assert data["relations"] == [
        {
            "id": "RA302",
            "type": "support",
            "from": ["I103"],
            "to": "I101",
            "note": "AIF scheme: Argument From Expert Opinion",
        },
        {"id": "RA304", "type": "support", "from": ["I105", "I104"], "to": "I107"},
    ]


def test_ova3_text_is_saved_and_a_repeated_phrase_anchors_at_its_highlight(
    workdir: Path, run: Callable[..., Run]
) -> None:
    result, data = _import(run, "ova3-bike-lanes.json")
    assert result.code == 0, result.err
    text = (workdir / "map.txt").read_text(encoding="utf-8")
    assert text == (
        "Cities should build more bike lanes.\n\nProtected lanes make streets safer. Critics say the lanes "
        "“slow traffic for everyone”. But lanes make streets safer for drivers too, and traffic & buses keep moving.\n"
    )
    assert "shape" not in data  # one thesis, everything leads to it: an article map
    claims = _claims(data)
    assert {cid: c["kind"] for cid, c in claims.items()} == {
        "I1": "thesis",
        "I4": "premise",
        "I7": "objection",
        "I10": "premise",
        "I13": "rebuttal",
    }
    assert claims["I10"]["quote"] == {"exact": "make streets safer", "occurrence": 2}
    assert claims["I13"]["quote"] == "traffic & buses keep moving"  # &amp; read as the text shows it
    assert "voice" not in claims["I1"]  # one speaker: the author's own claims
    checked = check_map(workdir / "map.yaml")
    assert checked.problems == [] and checked.resolved is not None
    span = checked.resolved.quotes["I10"][0].match.span  # type: ignore[union-attr]
    assert span is not None and span.start == text.index("make streets safer for drivers")


def test_ova2_edges_by_id_and_an_undercut(workdir: Path, run: Callable[..., Run]) -> None:
    result, data = _import(run, "ova2-school-uniforms.json")
    assert result.code == 0, result.err
    claims = _claims(data)
    assert claims["I7"] == {
        "id": "I7",
        "kind": "objection",
        "text": "Families must buy clothes for school anyway",
        "voice": "Teacher",
        "quote": "Families buy school clothes anyway.",
        "undercuts": "I4 -> I1",
    }
    assert (workdir / "map.transcript.txt").read_text(encoding="utf-8") == (
        "Student: Schools should drop compulsory uniforms.\nStudent: Uniforms cost families a lot.\n"
        "Teacher: Families buy school clothes anyway.\n"
    )


def test_thesis_option_makes_an_article_map_and_says_what_does_not_lead_to_it(
    workdir: Path, run: Callable[..., Run]
) -> None:
    result, data = _import(run, "aifdb-debate.json", "--thesis", "110")
    assert "shape" not in data
    assert [c["id"] for c in data["claims"] if c["kind"] == "thesis"] == ["I110"]
    assert "do not lead to I110" in result.err
    assert result.code == 1 and "AM306" in result.err  # check reports them, as the note said


def test_thesis_option_with_an_unknown_id_exits_2_and_writes_nothing(workdir: Path, run: Callable[..., Run]) -> None:
    result, _ = _import(run, "aifdb-debate.json", "--thesis", "999")
    assert result.code == 2
    assert "--thesis 999: no I-node or claim has that id" in result.err
    assert list(workdir.iterdir()) == [workdir / "pyproject.toml"]


BROKEN: list[tuple[str, str]] = [
    ("[1, 2]", "not AIF argmap can read: the file is JSON but not AIF: expected an object"),
    ('{"claims": []}', "it has no `nodes` and `edges`"),
    (
        '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], "edges": [{"edgeID": "1", "fromID": "1", "toID": "7"}]}',
        "edges[0] goes to node '7', which the file does not have (a dangling edge",
    ),
    (
        '{"nodes": [{"nodeID": "1", "text": "a", "type": "Q"}], "edges": []}',
        "nodes[0] has type 'Q'; AIF node types are",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "I"}], "edges": []}',
        "nodes[1]: two nodes have the id '1'",
    ),
    ('{"nodes": [{"text": "a", "type": "I"}], "edges": []}', "nodes[0] has no `nodeID`"),
    ('{"nodes": [{"id": 1, "type": "I"}], "edges": [{"from": 1, "to": 2}]}', "edges[0] must be"),
    ('{"AIF": {"nodes": {}, "edges": []}}', "`AIF.nodes` must be a list, not dict"),
    ('{"nodes": [{"nodeID": "1", "text": "Host : Hello.", "type": "L"}], "edges": []}', "the file has no I-nodes"),
]


@pytest.mark.parametrize(("content", "message"), BROKEN)
def test_a_file_that_is_not_aif_exits_2_with_where_and_what(
    content: str, message: str, workdir: Path, run: Callable[..., Run]
) -> None:
    (workdir / "in.json").write_text(content, encoding="utf-8")
    result = run("import", "aif", "in.json", "-o", "map.yaml")
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (workdir / "map.yaml").exists() and not (workdir / "map.transcript.txt").exists()


def test_broken_json_names_line_and_column(workdir: Path, run: Callable[..., Run]) -> None:
    (workdir / "in.json").write_text('{"nodes": [\n  {"nodeID": "1",}\n]}', encoding="utf-8")
    result = run("import", "aif", "in.json", "-o", "map.yaml")
    assert result.err.startswith("argmap: in.json:2:18: the file is not JSON: Expecting property name")


def test_an_existing_map_is_not_overwritten_without_force(workdir: Path, run: Callable[..., Run]) -> None:
    (workdir / "map.yaml").write_text("mine\n", encoding="utf-8")
    result = run("import", "aif", AIF / "ova2-school-uniforms.json", "-o", "map.yaml")
    assert result.code == 2 and "map.yaml exists" in result.err and "--force" in result.err
    assert (workdir / "map.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (workdir / "map.transcript.txt").exists()
    assert run("import", "aif", AIF / "ova2-school-uniforms.json", "-o", "map.yaml", "--force").code == 0


def test_a_missing_file_exits_2(workdir: Path, run: Callable[..., Run]) -> None:
    result = run("import", "aif", "nowhere.json", "-o", "map.yaml")
    assert result.code == 2 and "nowhere.json:1:1: no such file" in result.err


def test_import_is_deterministic(workdir: Path, run: Callable[..., Run]) -> None:
    run("import", "aif", AIF / "aifdb-debate.json", "-o", "a.yaml")
    run("import", "aif", AIF / "aifdb-debate.json", "-o", "b.yaml")
    first = (workdir / "a.yaml").read_text(encoding="utf-8").replace("a.transcript", "b.transcript")
    assert first == (workdir / "b.yaml").read_text(encoding="utf-8")


def test_a_locution_written_speaker_colon_words_without_the_space_reads_the_same(
    workdir: Path, run: Callable[..., Run]
) -> None:
    aif = {
        "nodes": [
            {"nodeID": "1", "text": "Cycling is good for health", "type": "I"},
            {"nodeID": "2", "text": "Doctor: Cycling: good for the heart.", "type": "L"},
            {"nodeID": "3", "text": "Asserting", "type": "YA"},
        ],
        "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}],
    }
    (workdir / "in.json").write_text(json.dumps(aif), encoding="utf-8")
    result, data = _import(run, str(workdir / "in.json"))
    assert result.code == 0, result.err
    assert data["claims"][0]["quote"] == "Cycling: good for the heart."
    assert data["sources"][0]["author"] == "Doctor"
    assert (workdir / "map.transcript.txt").read_text(encoding="utf-8") == "Doctor: Cycling: good for the heart.\n"


def test_an_undercut_of_an_undercut_names_the_undercut_it_denies() -> None:
    from argmap.readers.aif import import_graph
    from argmap.readers.aif_json import read_aif

    def node(node_id: str, type_: str, text: str = "") -> dict[str, str]:
        return {
            "nodeID": node_id,
            "type": type_,
            "text": text or {"RA": "Default Inference"}.get(type_, "Default Conflict"),
        }

    aif = {
        "nodes": [
            node("1", "I", "Fees should go"),
            node("2", "I", "Fees deter students"),
            node("3", "I", "Grants make up for fees"),
            node("4", "I", "Grants reach few students"),
            node("5", "RA"),
            node("6", "CA"),
            node("7", "CA"),
        ],
        "edges": [
            {"fromID": a, "toID": b}
            for a, b in (("2", "5"), ("5", "1"), ("3", "6"), ("6", "5"), ("4", "7"), ("7", "6"))
        ],
    }
    imported = import_graph(read_aif(aif), source_name="t.txt", title="t")
    claims = {claim["id"]: claim for claim in imported.map["claims"]}
    assert {cid: c["kind"] for cid, c in claims.items()} == {
        "I1": "thesis",
        "I2": "premise",
        "I3": "objection",
        "I4": "rebuttal",
    }
    assert "relations" not in imported.map
    assert claims["I3"]["undercuts"] == "I2 -> I1"
    assert claims["I4"]["undercuts"] == "I3 -> I2 -> I1"  # named as argmap names an undercut's link
    assert "shape" not in imported.map and imported.notes == []
