"""The op-ed's map is what an instructor shows a class: these facts must survive every edit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from tests.conftest import FLAGSHIP, Run

from argmap.analysis.coverage import map_coverage
from argmap.anchor.resolve import ResolvedMap
from argmap.check.pipeline import check_map


@pytest.fixture(scope="module")
def flagship() -> ResolvedMap:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    assert result.problems == [], "the flagship map must check clean, warnings included"
    return result.resolved


def test_the_flagship_map_passes_strict_check(run: Callable[..., Run]) -> None:
    assert run("check", "--strict", FLAGSHIP).code == 0


def test_one_thesis_anchored_in_the_closing_paragraph(flagship: ResolvedMap) -> None:
    (thesis,) = [c for c in flagship.model.claims if c.kind == "thesis"]
    (quote,) = flagship.quotes[thesis.id]
    assert quote.match is not None and quote.match.status == "exact"
    line, _ = flagship.sources["oped"].text.line_col(quote.match.spans[0].start)  # type: ignore[union-attr]
    assert line == 39
    assert (
        "To counter external threats, China and Russia are looking to increase their coordination" in quote.quote.exact
    )


def test_every_claim_is_anchored_exactly_or_implicit(flagship: ResolvedMap) -> None:
    for claim in flagship.model.claims:
        quotes = flagship.quotes[claim.id]
        if claim.implicit:
            assert quotes == [], claim.id
            continue
        assert quotes, f"{claim.id} has no quote"
        assert all(q.match is not None and q.match.status == "exact" for q in quotes), claim.id


def test_the_map_has_every_level_of_structure_the_article_has(flagship: ResolvedMap) -> None:
    kinds = Counter(c.kind for c in flagship.model.claims)
    assert kinds["thesis"] == 1
    assert kinds["premise"] >= 8
    assert kinds["evidence"] >= 15
    assert kinds["objection"] >= 1 and kinds["rebuttal"] >= 1 and kinds["concession"] >= 2
    assert sum(c.implicit for c in flagship.model.claims) >= 2
    assert all(c.basis is not None for c in flagship.model.claims if c.kind == "evidence")
    assert all(c.voice for c in flagship.model.claims if c.kind == "objection")
    # premises that support other premises: the article argues in steps
    premises = {c.id for c in flagship.model.claims if c.kind == "premise"}
    assert any(
        link.type == "support" and link.target in premises and set(link.sources) & premises for link in flagship.links
    )
    assert any(len(link.sources) > 1 for link in flagship.links), "linked co-premises"
    assert any(link.type == "undercut" for link in flagship.links)


def test_the_evidence_the_article_offers_is_all_there(flagship: ResolvedMap) -> None:
    quoted = " ".join(q.quote.exact for quotes in flagship.quotes.values() for q in quotes)
    for passage in (
        "$123 billion",
        "Treaty of Good-Neighborliness",
        "only 10 minutes",
        "National Security Strategy",
        "moved troops",
        "systemic challenge",
        "Taiwan Strait",
        "AUKUS",
        "India",
        "Carnegie",
        "Peskov",
        "imaginary threat",
    ):
        assert passage in quoted, passage


def test_every_claim_is_in_a_declared_group(flagship: ResolvedMap) -> None:
    assert len(flagship.model.groups) >= 4
    assert all(c.group in flagship.model.groups for c in flagship.model.claims)


def test_coverage_of_the_article_body_holds(flagship: ResolvedMap) -> None:
    (coverage,) = map_coverage(flagship)
    assert coverage.sentence_percent >= 90.0
    assert coverage.paragraph_percent == 100.0, "each paragraph of the body is represented"
    assert len(coverage.paragraphs) == 13
    assert all(entry.reason for entry in coverage.excluded)
    assert {e.text for e in coverage.excluded} >= {"You might also like", "Back to Top", "Xi-Putin.png"}


def test_coverage_command_passes_its_ci_threshold(run: Callable[..., Run]) -> None:
    result = run("coverage", "--min", "90", FLAGSHIP)
    assert result.code == 0
    assert "uncovered sentences: none" in result.out
