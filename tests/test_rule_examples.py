"""Every rule's documented examples are true: the failing one fails with the rule's code, the passing
one does not.

The examples in a rule's docstring (what `argmap rules CODE` prints and docs/rules.md shows) are
fragments: a few claims, `...` for text that does not matter. Each is run here as a whole map —
the claims it names but does not declare are filled in (a thesis T1, premises that support it,
the supported link an undercut names), and a source is written that contains every quote — so
only the rule under test decides the outcome.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.check.pipeline import Options, check_map
from argmap.check.rules import RULES

RELATION_FIELDS = ("supports", "attacks", "undercuts", "exemplifies")


def examples(docstring: str) -> tuple[str, str]:
    """The literal blocks after `Failing::` and `Passing::`."""
    blocks = re.split(r"^(Failing|Passing)::\s*$", docstring, flags=re.MULTILINE)
    found = {blocks[i]: blocks[i + 1] for i in range(1, len(blocks) - 1, 2)}
    return found["Failing"], found["Passing"]


def claims_of(block: str) -> tuple[list[dict[str, Any]], bool]:
    """The example's claims, and whether it lists them all (`claims:` written out)."""
    data = yaml.safe_load(block)
    complete = isinstance(data, dict)
    claims = data["claims"] if complete else data
    for claim in claims:
        if "..." in claim:  # `{id: E1, kind: evidence, ..., supports: P1}`: the rest does not matter
            del claim["..."]
            claim.setdefault("text", f"{claim['id']}.")
            claim.setdefault("quote", f"words of {claim['id']}")
    return claims, complete


def targets(claim: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for name in RELATION_FIELDS:
        value = claim.get(name) or []
        found.extend([value] if isinstance(value, str) else value)
    return found


def background(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims the example names without declaring, made as harmless as can be."""
    declared = {c["id"] for c in claims}
    made: dict[str, dict[str, Any]] = {}
    if not any(c.get("kind") == "thesis" for c in claims):
        made["T1"] = {"id": "T1", "kind": "thesis", "text": "The thesis.", "quote": "the thesis"}
    for target in (t for c in claims for t in targets(c)):
        head, _, tail = (part.strip() for part in target.partition("->"))
        for cid, supports in ((head, tail or "T1"), (tail, "T1")):
            if cid and cid not in declared and cid not in made:
                made[cid] = {"id": cid, "kind": "premise", "text": f"{cid}.", "quote": f"words of {cid}"}
                made[cid]["supports"] = supports if supports != cid else "T1"
    return list(made.values())


def write_map(tmp_path: Path, block: str) -> Path:
    claims, complete = claims_of(block)
    if not complete:
        claims = background(claims) + claims
    quotes = sorted({str(c["quote"]) for c in claims if "quote" in c})
    (tmp_path / "source.txt").write_text("\n\n".join(quotes) + "\n", encoding="utf-8")
    document = {"argmap": 1, "sources": [{"id": "src", "path": "source.txt"}], "claims": claims}
    path = tmp_path / "example.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # the project root: no configuration
    return path


def codes(path: Path) -> set[str]:
    return {p.code for p in check_map(path, Options()).problems}


RULE_DOCS = {
    rule.CODE: ast.get_docstring(ast.parse(Path(rule.__file__ or "").read_text("utf-8"))) or "" for rule in RULES
}


@pytest.mark.parametrize("code", sorted(RULE_DOCS))
def test_the_failing_example_fails_with_the_rules_code(code: str, tmp_path: Path) -> None:
    failing, _ = examples(RULE_DOCS[code])
    assert code in codes(write_map(tmp_path, failing))


@pytest.mark.parametrize("code", sorted(RULE_DOCS))
def test_the_passing_example_does_not(code: str, tmp_path: Path) -> None:
    _, passing = examples(RULE_DOCS[code])
    assert code not in codes(write_map(tmp_path, passing))


def test_every_rule_documents_both_examples() -> None:
    for code, doc in RULE_DOCS.items():
        failing, passing = examples(doc)
        assert failing.strip() and passing.strip(), code
