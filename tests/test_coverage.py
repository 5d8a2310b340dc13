"""`argmap coverage`: sentences and paragraphs of the source that the quotes cover."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL_MAP, Run

from argmap.analysis.coverage import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


def test_sentences_end_at_stops_before_a_capital() -> None:
    assert sentences("One thing. Another thing! A third? Yes.") == ["One thing.", "Another thing!", "A third?", "Yes."]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "The U.S. signed a pact with the UK. On Dec. 15 they met. Mr. Biden spoke."
    assert sentences(text) == ["The U.S. signed a pact with the UK.", "On Dec. 15 they met.", "Mr. Biden spoke."]


def test_a_short_line_without_a_full_stop_stands_alone_but_wrapped_prose_does_not() -> None:
    text = "Foreign Policy\nCountering External Threats\nA long sentence that was wrapped by\nthe editor goes on here."
    assert sentences(text) == [
        "Foreign Policy",
        "Countering External Threats",
        "A long sentence that was wrapped by\nthe editor goes on here.",
    ]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = "\u201cMoscow must rethink,\u201d he wrote. \u201cYes.\u201d Then more."
    assert sentences(text) == ["\u201cMoscow must rethink,\u201d he wrote.", "\u201cYes.\u201d", "Then more."]


def write_map(project: Path, extra: str = "") -> Path:
    target = project / "arguments" / "map.yaml"
    text = MINIMAL_MAP.replace("    path: ../seeds/oped.txt\n", "    path: ../seeds/oped.txt\n" + extra)
    target.write_text(text)
    return target


def test_uncovered_sentences_are_listed_with_their_line(project: Path, run: Callable[..., Run]) -> None:
    result = run("coverage", write_map(project))
    assert result.code == 0
    assert "  sentences      2 of 43   covered       4.7 %" in result.out
    assert "    line    4: Countering External Threats\n" in result.out


def test_excluded_passages_are_not_counted_and_say_why(project: Path, run: Callable[..., Run]) -> None:
    extra = "    exclude:\n      - quote: You might also like\n        reason: page furniture\n"
    result = run("coverage", "--format", "json", write_map(project, extra))
    document = json.loads(result.out)
    assert document["argmap_coverage"] == 1
    ((source,),) = [m["sources"] for m in document["maps"]]
    assert source["sentences"]["total"] == 42
    assert source["excluded"] == [{"line": 41, "text": "You might also like", "reason": "page furniture"}]
    assert all("You might also like" not in s["text"] for s in source["uncovered"])


def test_min_fails_below_the_threshold(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project)
    result = run("coverage", "--min", "50", target)
    assert result.code == 1
    assert result.out.splitlines()[-1] == "sentence coverage 4.7 % (minimum 50 %): below the minimum"
    assert run("coverage", "--min", "4", target).code == 0


def test_an_unreadable_map_exits_2(project: Path, run: Callable[..., Run]) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text("argmap: [\n")
    result = run("coverage", target)
    assert result.code == 2 and "AM102" in result.err
