"""Grounded labelling of frameworks with attacks on attacks: textbook cases and an independent solver."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

from argmap.analysis.grounded import Framework, Label, Relation, grounded

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED


def attack(rid: str, source: str | tuple[str, ...], target: str) -> Relation:
    return Relation(rid, (source,) if isinstance(source, str) else source, target, defeats=True)


def support(rid: str, source: str | tuple[str, ...], target: str) -> Relation:
    return Relation(rid, (source,) if isinstance(source, str) else source, target, defeats=False)


def test_reinstatement() -> None:
    # R attacks O, O attacks T: R answers O, so T stands again.
    labels = grounded(Framework(("T", "O", "R"), (attack("a1", "O", "T"), attack("a2", "R", "O"))))
    assert (labels["T"], labels["O"], labels["R"]) == (IN, OUT, IN)
    assert (labels["a1"], labels["a2"]) == (OUT, IN)


def test_three_cycle_is_undecided() -> None:
    labels = grounded(
        Framework(("A", "B", "C"), (attack("ab", "A", "B"), attack("bc", "B", "C"), attack("ca", "C", "A")))
    )
    assert {labels[n] for n in ("A", "B", "C", "ab", "bc", "ca")} == {UNDEC}


def test_mutual_attack_is_undecided() -> None:
    labels = grounded(Framework(("A", "B"), (attack("ab", "A", "B"), attack("ba", "B", "A"))))
    assert (labels["A"], labels["B"]) == (UNDEC, UNDEC)


def test_granted_point_answered_by_but_leaves_its_target_standing() -> None:
    # C (a concession) attacks T; "but" R undercuts that attack: C is granted and T still stands.
    labels = grounded(Framework(("T", "C", "R"), (attack("c", "C", "T"), attack("but", "R", "c"))))
    assert (labels["T"], labels["C"], labels["R"], labels["c"]) == (IN, IN, IN, OUT)


def test_undercut_of_an_undercut_leaves_the_support_standing() -> None:
    labels = grounded(
        Framework(("T", "P", "U", "V"), (support("s", "P", "T"), attack("u", "U", "s"), attack("v", "V", "u")))
    )
    assert (labels["s"], labels["u"], labels["v"]) == (IN, OUT, IN)
    assert labels["U"] == IN  # the undercut is answered, its author's claim is not refuted


def test_attack_on_one_linked_premise_loses_the_support() -> None:
    labels = grounded(Framework(("T", "P1", "P2", "O"), (support("s", ("P1", "P2"), "T"), attack("o", "O", "P2"))))
    assert (labels["P1"], labels["P2"], labels["s"], labels["T"]) == (IN, OUT, OUT, IN)


def test_an_attack_from_a_defeated_claim_does_not_count() -> None:
    labels = grounded(Framework(("T", "O", "R"), (attack("o", "O", "T"), attack("r", "R", "O"))))
    assert labels["o"] == OUT and labels.out_because["o"] == "O"


def test_a_linked_attack_needs_all_its_sources() -> None:
    # O1 and O2 attack T only together; R answers O2, so the attack fails and T stands.
    labels = grounded(Framework(("T", "O1", "O2", "R"), (attack("o", ("O1", "O2"), "T"), attack("r", "R", "O2"))))
    assert (labels["T"], labels["o"], labels["O1"]) == (IN, OUT, IN)


def test_self_attack_is_undecided_and_taints_what_it_attacks_only_so_far() -> None:
    labels = grounded(Framework(("A", "B"), (attack("aa", "A", "A"), attack("ab", "A", "B"))))
    assert (labels["A"], labels["B"]) == (UNDEC, UNDEC)


def test_rejected_claim_is_out_and_its_targets_are_freed() -> None:
    framework = Framework(("T", "O"), (attack("o", "O", "T"),))
    assert grounded(framework)["T"] == OUT
    labels = grounded(framework, rejected=("O",))
    assert (labels["O"], labels["o"], labels["T"]) == (OUT, OUT, IN)
    assert labels.out_because["O"] == "O"


def test_relation_from_an_unknown_claim_is_out() -> None:
    labels = grounded(Framework(("T",), (attack("x", "missing", "T"),)))
    assert (labels["T"], labels["x"]) == (IN, OUT)


def test_duplicate_ids_are_refused() -> None:
    try:
        Framework(("A",), (attack("A", "A", "A"),))
    except ValueError as error:
        assert "A" in str(error)
    else:
        raise AssertionError("a relation sharing a claim's id was accepted")


# --- the same labels as an independent solver, on generated frameworks --------------------------


def pyarg_labels(framework: Framework) -> dict[str, Label]:
    """PyArg's grounded extension of the flattened framework (AFRA's reduction), as a labelling.

    Every relation is an argument; a relation attacks its target when it defeats, and it is
    attacked by every defeating relation on one of its source claims.
    """
    claims = set(framework.claims)
    nodes = claims | {r.id for r in framework.relations}
    usable = [r for r in framework.relations if r.sources and set(r.sources) <= claims and r.target in nodes]
    arguments = {name: Argument(name) for name in nodes}
    edges: set[tuple[str, str]] = set()
    for relation in usable:
        if relation.defeats:
            edges.add((relation.id, relation.target))
        for other in usable:
            if other.defeats and other.target in relation.sources:
                edges.add((other.id, relation.id))
    for relation in framework.relations:
        if relation not in usable:  # nothing to act from: defeated by a fact
            arguments[f"{relation.id}#absent"] = Argument(f"{relation.id}#absent")
            edges.add((f"{relation.id}#absent", relation.id))
    af = AbstractArgumentationFramework(
        "generated", list(arguments.values()), [Defeat(arguments[a], arguments[b]) for a, b in sorted(edges)]
    )
    accepted = {a.name for a in get_grounded_extension(af)}
    defeated = {b for a, b in edges if a in accepted}
    return {n: IN if n in accepted else OUT if n in defeated else UNDEC for n in nodes}


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    claims = tuple(f"c{i}" for i in range(draw(st.integers(1, 7))))
    count = draw(st.integers(0, 12))
    relation_ids = [f"r{i}" for i in range(count)]
    targets = list(claims) + relation_ids
    relations = []
    for rid in relation_ids:
        sources = tuple(draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3)))
        if draw(st.integers(0, 19)) == 0:
            sources = (*sources, "ghost")  # a claim the map does not have
        relations.append(Relation(rid, sources, draw(st.sampled_from(targets)), draw(st.booleans())))
    return Framework(claims, tuple(relations))


@settings(max_examples=1500, deadline=None)
@given(frameworks())
def test_labels_equal_pyarg_grounded_extension(framework: Framework) -> None:
    assert grounded(framework).labels == pyarg_labels(framework)


@settings(max_examples=300, deadline=None)
@given(frameworks(), st.data())
def test_rejecting_a_claim_is_removing_it(framework: Framework, data: st.DataObject) -> None:
    rejected = data.draw(st.sampled_from(framework.claims))
    kept = tuple(c for c in framework.claims if c != rejected)
    without = Framework(kept, framework.relations)
    labels = grounded(framework, rejected=(rejected,)).labels
    expected = grounded(without).labels
    assert labels.pop(rejected) is OUT
    # relations into the withdrawn claim are about nothing any more; everything else agrees
    into = {r.id for r in framework.relations if r.target == rejected}
    assert {n: label for n, label in labels.items() if n not in into} == {
        n: label for n, label in expected.items() if n not in into
    }
