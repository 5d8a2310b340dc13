"""`evaluate` on maps: labels, support, the thesis's verdict, unanswered objections, explanations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import Evaluation, evaluate
from argmap.analysis.evaluation_report import evaluation_dict, format_json, format_text
from argmap.analysis.explain import explain
from argmap.analysis.grounded import Label
from argmap.check.pipeline import check_map

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED
SCHEMA = json.loads((Path(__file__).parent.parent / "schema" / "evaluation.schema.json").read_text(encoding="utf-8"))
HEAD = "argmap: 1\nsources:\n  - id: oped\n    path: ../seeds/oped.txt\n"


def claim(cid: str, kind: str, extra: str = "", added: bool = False) -> str:
    lines = f"  - id: {cid}\n    kind: {kind}\n    text: Claim {cid}.\n    implicit: true\n"
    if added:
        lines = lines.replace("    implicit: true\n", "    added_by: a student\n")
    return lines + "".join(f"    {part.strip()}\n" for part in extra.split(";") if part.strip())


def evaluated(project: Path, claims: str, relations: str = "", rejected: tuple[str, ...] = ()) -> Evaluation:
    path = project / "arguments" / "map.yaml"
    path.write_text(HEAD + "claims:\n" + claims + (f"relations:\n{relations}" if relations else ""))
    result = check_map(path)
    assert result.resolved is not None, result.problems
    return evaluate(result.resolved, rejected)


def test_reinstatement(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("P1", "premise", "supports: T1")
        + claim("O1", "objection", "attacks: T1")
        + claim("R1", "rebuttal", "attacks: O1"),
    )
    assert (ev.label("T1"), ev.label("O1"), ev.label("R1")) == (IN, OUT, IN)
    assert ev.verdict == "standing" and ev.carried_by["T1"] == ("P1 -> T1",)
    assert ev.unanswered == []
    assert explain(ev, "O1") == "O1 is OUT: R1 attacks it and R1 is IN — nothing answers R1"
    assert explain(ev, "T1") == (
        "T1 is IN: every attack on it is answered — O1 attacks it, but O1 is OUT (R1 attacks it and R1 is IN)"
    )


def test_unanswered_objection_defeats_a_premise_and_its_support(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("P5", "premise", "supports: T1")
        + claim("O3", "objection", "attacks: P5", added=True),
    )
    assert ev.label("P5") is OUT and ev.support["T1"] == "lost"
    assert ev.verdict == "standing without support"
    assert [(u.claim, u.defeats) for u in ev.unanswered] == [("O3", ("P5",))]
    assert ev.sides["O3"] == "student"
    assert explain(ev, "P5") == "P5 is OUT: O3 attacks it and O3 is IN — nothing answers O3"
    text = format_text("map.yaml", ev)
    assert (
        text.splitlines()[0] == "map.yaml: thesis T1 stands, but without support: IN, but every support for it is lost"
    )
    assert "  O3 (added by a student) defeats P5 (and with it P5 -> T1)" in text


def test_three_cycle_and_mutual_attack_are_undecided(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("A", "objection", "attacks: T1")
        + claim("B", "rebuttal", "attacks: A")
        + claim("C", "objection", "attacks: B")
        + claim("D", "rebuttal", "attacks: C"),
    )
    assert (ev.label("A"), ev.label("B"), ev.label("C")) == (OUT, IN, OUT)  # D answers C, so B answers A
    ev = evaluated(
        project,
        claim("T1", "thesis") + claim("X", "objection", "attacks: [T1, Y]") + claim("Y", "rebuttal", "attacks: X"),
    )
    assert (ev.label("X"), ev.label("Y"), ev.label("T1")) == (UNDEC, UNDEC, UNDEC)
    assert ev.verdict == "undecided"
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("A", "objection", "attacks: [T1, B]")
        + claim("B", "objection", "attacks: C")
        + claim("C", "objection", "attacks: A"),
    )
    assert {ev.label(c) for c in ("A", "B", "C")} == {UNDEC}
    assert explain(ev, "A") == (
        "A is UNDECIDED: C attacks it and C is itself UNDECIDED; the attacks go round "
        "in a circle (A ← C ← B ← A) and nothing outside settles it"
    )


def test_granted_point_answered_by_but(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("P1", "premise", "supports: T1")
        + claim("C1", "concession", "attacks: T1")
        + claim("R1", "rebuttal", "undercuts: C1 -> T1"),
    )
    assert (ev.label("T1"), ev.label("C1")) == (IN, IN)
    assert ev.verdict == "standing" and ev.unanswered == []
    key = ev.find("C1 -> T1")
    assert key is not None and ev.label(key) is OUT
    assert explain(ev, key) == "C1 -> T1 is OUT: R1 undercuts it and R1 is IN — nothing answers R1"


def test_unanswered_granted_point_defeats(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis") + claim("P1", "premise", "supports: T1") + claim("C1", "concession", "attacks: T1"),
    )
    assert ev.verdict == "defeated"
    assert [(u.claim, u.defeats) for u in ev.unanswered] == [("C1", ("T1",))]


def test_undercut_of_an_undercut_leaves_the_support_standing(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("P1", "premise", "supports: T1")
        + claim("O1", "objection", "undercuts: P1 -> T1")
        + claim("R1", "rebuttal", "undercuts: O1 -> P1 -> T1"),
    )
    assert ev.support["T1"] == "carried" and ev.verdict == "standing"
    assert ev.label(ev.find("O1 -> P1 -> T1") or "") is OUT


def test_attack_on_one_linked_premise_loses_the_support(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("P1", "premise")
        + claim("P2", "premise")
        + claim("O1", "objection", "attacks: P2"),
        "  - {id: L1, type: support, from: [P1, P2], to: T1}\n",
    )
    assert (ev.label("P1"), ev.label("P2"), ev.label(ev.find("L1") or "")) == (IN, OUT, OUT)
    assert ev.support["T1"] == "lost"
    assert explain(ev, ev.find("L1") or "") == "L1 is OUT: its premise P2 is OUT (O1 attacks it and O1 is IN)"


def test_reject_withdraws_a_claim(project: Path) -> None:
    claims = (
        claim("T1", "thesis")
        + claim("P1", "premise", "supports: T1")
        + claim("O1", "objection", "attacks: T1")
        + claim("R1", "rebuttal", "attacks: O1")
    )
    ev = evaluated(project, claims, rejected=("R1",))
    assert ev.verdict == "defeated" and ev.rejected == ("R1",)
    assert explain(ev, "R1") == "R1 is OUT: rejected (--reject R1): evaluated as if it were withdrawn"
    assert "as if withdrawn (--reject): R1" in format_text("map.yaml", ev)


def test_opponents_reasons_take_the_opponents_side(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis")
        + claim("O1", "objection", "attacks: T1")
        + claim("E1", "evidence", "supports: O1")
        + claim("P1", "premise", "supports: T1"),
    )
    assert (ev.sides["E1"], ev.sides["P1"], ev.sides["O1"]) == ("opponent", "author", "opponent")


@pytest.mark.parametrize("support, verdict", [("supports: T1", "standing"), ("", "standing without support")])
def test_verdict_follows_support(project: Path, support: str, verdict: str) -> None:
    ev = evaluated(project, claim("T1", "thesis") + claim("P1", "premise", support))
    assert ev.verdict == verdict


def test_json_has_every_claim_and_relation_with_reasons(project: Path) -> None:
    ev = evaluated(
        project,
        claim("T1", "thesis") + claim("P1", "premise", "supports: T1") + claim("O1", "objection", "attacks: P1"),
    )
    document = evaluation_dict("map.yaml", ev)
    assert document["argmap_evaluation"] == 1
    assert document["thesis"]["verdict"] == "standing without support"
    assert [(c["id"], c["label"], c["support"]) for c in document["claims"]] == [
        ("T1", "IN", "lost"),
        ("P1", "OUT", "absent"),
        ("O1", "IN", "absent"),
    ]
    assert [(r["name"], r["label"]) for r in document["relations"]] == [("P1 -> T1", "OUT"), ("O1 -> P1", "IN")]
    assert document["unanswered"] == [{"claim": "O1", "side": "opponent", "defeats": ["P1"]}]


# --- any map evaluates, and every label has its sentence ------------------------------------------

KINDS = ("premise", "objection", "rebuttal", "concession", "evidence")


@st.composite
def random_maps(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 6))
    claims = [claim("C0", "thesis")]
    claims += [claim(f"C{i}", draw(st.sampled_from(KINDS))) for i in range(1, count)]
    ids = [f"C{i}" for i in range(count)]
    relations = []
    for index in range(draw(st.integers(0, 8))):
        type_ = draw(st.sampled_from(("support", "attack", "undercut")))
        sources = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        # an undercut names a link below, or itself, or one later
        target = f"L{draw(st.integers(0, index))}" if type_ == "undercut" and index else draw(st.sampled_from(ids))
        relations.append(f"  - {{id: L{index}, type: {type_}, from: [{', '.join(sources)}], to: {target}}}\n")
    return "".join(claims) + (f"relations:\n{''.join(relations)}" if relations else "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_maps())
def test_any_map_evaluates_with_a_reason_for_every_label(project: Path, text: str) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(HEAD + "claims:\n" + text)
    result = check_map(path)
    assert result.resolved is not None
    ev = evaluate(result.resolved)
    for node in [*ev.claims, *(info.key for info in ev.relations)]:
        assert explain(ev, node).startswith(f"{ev.name(node)} is {ev.label(node)}: ")
    document = json.loads(format_json("map.yaml", ev))
    jsonschema.validate(document, SCHEMA)
    assert format_text("map.yaml", ev).splitlines()[0].startswith("map.yaml: thesis C0 ")
