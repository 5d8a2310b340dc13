"""`argmap add` and `argmap fix`: edits change exactly the bytes they must, and nothing else.

The commands live in `argmap.commands.edit`; until they are wired into `argmap.commands.main` these tests add
them to the click group themselves (adding a command twice is harmless).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import OPED, ROOT, Run

from argmap.anchor.find import SourceText, find_quote
from argmap.check.pipeline import check_map
from argmap.edit.add import next_id
from argmap.edit.fix import exact_text, fix_map
from argmap.edit.scalars import double_quoted, render_scalar

NBSP = "\u00a0"

# Comments everywhere, flow lists and a flow claim, every quoting style, odd spacing, a folded
# block scalar, a comment owned by the last claim and one closing the list. Four quotes match
# only after normalisation: straight quotes (P2, plain), a plain space for a no-break space (P2,
# an `exact:` mapping), case (E1, single-quoted inside a flow mapping; the exclusion,
# double-quoted) and a straight apostrophe in an elided single-quoted quote (P3).
COMMENTED = """\
# yaml-language-server: $schema=../schema/argmap.schema.json
# A student's map: every kind of comment and style argmap must keep.
argmap: 1   # format version
title: 'Student map: "external threats"'
sources:
  - id: oped            # the op-ed
    path: ../seeds/oped.txt
    exclude:
      - quote: "you might also like"    # furniture, typed in lower case
        reason: page furniture

claims:
  # the thesis
  - id: T1
    kind: thesis
    text: China and Russia coordinate against external threats.
    quote: To counter external threats, China and Russia are looking to increase their coordination   # exact

  # premises and evidence
  - id: P1
    kind: premise
    text:   Their relations are good.       # odd spacing, kept
    quote: "spoke highly of the current state of Sino-Russian relations"
    supports: [T1]    # a flow list
  - {id: E1, kind: evidence, basis: statistic, text: Trade grew., quote: 'two-way trade volume reached $123 billion', supports: P1}
  - id: P3
    kind: premise
    text: NATO presses on Russia.
    quote: 'NATO and some of its partners ... the country''s security interests'
    supports: T1
  - id: P2
    kind: premise
    text: >-
      They moved away from
      "hot politics, cold economy".
    quotes:
      - they've gradually moved away from the "hot politics, cold economy" condition    # straight quotes
      - exact: Chinese Foreign Ministry said China would rev up coordination     # plain space
    supports: T1
    # a comment that belongs to P2
# a comment closing the claims list
relations: []   # none yet
"""

ADDED_O1 = """\
  - id: O1
    kind: objection
    added_by: a student
    text: 'Trade figures alone do not show an alignment: they never did.'
    attacks: P1
"""

FIXED_LINES = {
    '      - quote: "you might also like"    # furniture, typed in lower case\n': '      - quote: "You might also like"    # furniture, typed in lower case\n',
    "  - {id: E1, kind: evidence, basis: statistic, text: Trade grew., quote: 'two-way trade volume reached $123 billion', supports: P1}\n": "  - {id: E1, kind: evidence, basis: statistic, text: Trade grew., quote: 'Two-way trade volume reached $123 billion', supports: P1}\n",
    "    quote: 'NATO and some of its partners ... the country''s security interests'\n": "    quote: 'NATO and some of its partners ... the country\u2019s security interests'\n",
    '      - they\'ve gradually moved away from the "hot politics, cold economy" condition    # straight quotes\n': "      - they\u2019ve gradually moved away from the \u201chot politics, cold economy\u201d condition    # straight quotes\n",
    "      - exact: Chinese Foreign Ministry said China would rev up coordination     # plain space\n": '      - exact: "Chinese Foreign Ministry\\u00a0said China would rev up coordination"     # plain space\n',
}


@pytest.fixture(autouse=True)
def _no_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_AUTHOR", raising=False)


def write_map(project: Path, text: str, name: str = "map.yaml", newline: str = "\n") -> Path:
    target = project / "arguments" / name
    target.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return target


def codes(target: Path) -> list[str]:
    return [p.code for p in check_map(target).problems]


def fixed_commented() -> str:
    text = COMMENTED
    for old, new in FIXED_LINES.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


# --- add --------------------------------------------------------------------------------------


def test_the_commented_map_is_what_the_tests_say_it_is(project: Path) -> None:
    target = write_map(project, COMMENTED)
    assert codes(target) == ["AM207"] * 5


def test_add_inserts_only_the_new_claim_and_keeps_every_other_byte(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    result = run(
        "add",
        "objection",
        "--to",
        "P1",
        "--text",
        "Trade figures alone do not show an alignment: they never did.",
        target,
    )
    assert result.code == 0, result.err
    assert "added O1 (objection), attacks P1" in result.out
    # The comment owned by P2 (indented under it) stays with P2; the comment closing the list
    # stays after the new claim, where it was: at the end of the list.
    anchor = "    # a comment that belongs to P2\n"
    expected = COMMENTED.replace(anchor, anchor + ADDED_O1)
    assert target.read_bytes() == expected.encode("utf-8")
    assert "AM301" not in codes(target)


def test_add_numbers_ids_after_the_highest_of_the_kind(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    assert run("add", "objection", "--to", "P1", "--text", "First.", target).code == 0
    assert run("add", "objection", "--to", "P1", "--text", "Second.", target).code == 0
    assert run("add", "rebuttal", "--to", "O2", "--text", "Reply.", "--by", "Ana", target).code == 0
    assert (
        run(
            "add",
            "evidence",
            "--to",
            "O1",
            "--text",
            "A figure.",
            "--basis",
            "statistic",
            "--quote",
            "Two-way trade volume reached $123 billion",
            target,
        ).code
        == 0
    )
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    added = data["claims"][-4:]
    assert [(c["id"], c.get("attacks"), c.get("supports"), c["added_by"]) for c in added] == [
        ("O1", "P1", None, "a student"),
        ("O2", "P1", None, "a student"),
        ("R1", "O2", None, "Ana"),
        ("E2", None, "O1", "a student"),
    ]
    assert next_id("premise", ["P1", "P7", "P2a", "Px"]) == "P8"


def test_add_takes_the_author_from_the_environment(
    project: Path, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_AUTHOR", "Group 4")
    target = write_map(project, COMMENTED)
    assert run("add", "premise", "--to", "P1", "--attacks", "--text", "Fair.", target).code == 0
    claim = yaml.safe_load(target.read_text(encoding="utf-8"))["claims"][-1]
    assert claim == {"id": "P4", "kind": "premise", "added_by": "Group 4", "text": "Fair.", "attacks": "P1"}
    result = run("add", "concession", "--to", "T1", "--supports", "--text", "Fair.", target)
    assert result.code == 1 and "AM316" in result.err  # the rules still judge the new claim


def test_add_refuses_an_unknown_target_and_leaves_the_file_alone(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    before = target.read_bytes()
    result = run("add", "objection", "--to", "P9", "--text", "No.", target)
    assert result.code == 1
    assert "AM301 no claim has the id `P9`" in result.err
    assert "not added" in result.err and "the map is unchanged" in result.err
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["map.yaml"]  # no temporary file left behind


def test_a_plain_value_only_the_loader_reads_is_refused_with_where_and_how(
    project: Path, run: Callable[..., Run]
) -> None:
    # libyaml reads `text: Will it last?,` inside braces; the editor's exact parser does not
    claim = "  - {id: P9, kind: premise, text: Will it last?, supports: T1}\n"
    target = write_map(project, COMMENTED.replace("# a comment closing the claims list", claim + "# closing"))
    before = target.read_bytes()
    for args in (("add", "objection", "--to", "P1", "--text", "No."), ("fix",)):
        result = run(*args, target)
        assert result.code == 2
        line = COMMENTED[: COMMENTED.index("# a comment closing")].count("\n") + 1
        assert f"cannot edit this map safely: line {line}, column 47: expected ',' or '}}', but got '?'" in result.err
        assert 'put that value in double quotes (e.g. `text: "Will it last?"`)' in result.err
        assert target.read_bytes() == before


def test_add_refuses_a_quote_not_in_the_source_and_shows_the_suggestion(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    before = target.read_bytes()
    result = run(
        "add",
        "evidence",
        "--to",
        "P1",
        "--text",
        "Trade.",
        "--quote",
        "Two-way trade volume reached $123 billion from Janaury to November",
        target,
    )
    assert result.code == 1
    assert "AM206" in result.err and "did you mean" in result.err
    assert "[-Janaury-] {+January+}" in result.err
    assert target.read_bytes() == before


def test_problems_elsewhere_do_not_block_an_add_but_are_mentioned(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED.replace("supports: T1\n    # a comment", "supports: T7\n    # a comment"))
    result = run("add", "objection", "--to", "T1", "--text", "Maybe not.", target)
    assert result.code == 0, result.err
    assert "already had 1 error(s) and 5 warning(s)" in result.err
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["claims"][-1]["id"] == "O1"


def test_add_dry_run_writes_nothing(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    before = target.read_bytes()
    result = run("add", "objection", "--to", "P1", "--text", "Maybe.", "--dry-run", target)
    assert result.code == 0
    assert "+  - id: O1\n" in result.out and "would add O1" in result.out
    assert target.read_bytes() == before


def test_add_follows_a_flow_style_claim_list(project: Path, run: Callable[..., Run]) -> None:
    text = (
        "argmap: 1\nsources: [{id: oped, path: ../seeds/oped.txt}]\nclaims:\n"
        "  - {id: T1, kind: thesis, text: T., quote: 'To counter external threats'}  # the thesis\n"
        "  - { id: P1, kind: premise, text: P., quote: 'spoke highly', supports: T1 }\n"
    )
    target = write_map(project, text)
    assert (
        run(
            "add",
            "objection",
            "--to",
            "P1",
            "--text",
            "Yes, but: no.",
            "--quote",
            "some of its partners",
            "--quote",
            "Russia supports multipolarity",
            target,
        ).code
        == 0
    )
    assert target.read_text(encoding="utf-8") == text + (
        "  - { id: O1, kind: objection, added_by: a student, text: 'Yes, but: no.', "
        "quotes: [some of its partners, Russia supports multipolarity], attacks: P1 }\n"
    )


def test_add_keeps_blank_lines_between_claims_and_a_missing_final_line_break(
    project: Path, run: Callable[..., Run]
) -> None:
    text = (
        "argmap: 1\nsources:\n- id: oped\n  path: ../seeds/oped.txt\nclaims:\n"
        "- id: T1\n  kind: thesis\n  text: T.\n  quote: To counter external threats\n\n"
        "- id: P1\n  kind: premise\n  text: P.\n  quote: spoke highly\n  supports: T1"
    )
    target = write_map(project, text)
    assert run("add", "premise", "--to", "T1", "--text", "Also.", target).code == 0
    assert target.read_text(encoding="utf-8") == text + (
        "\n\n- id: P2\n  kind: premise\n  added_by: a student\n  text: Also.\n  supports: T1"
    )


def test_add_to_a_crlf_file_writes_crlf(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED, newline="\r\n")
    result = run(
        "add",
        "objection",
        "--to",
        "P1",
        "--text",
        "Trade figures alone do not show an alignment: they never did.",
        target,
    )
    assert result.code == 0, result.err
    anchor = "    # a comment that belongs to P2\n"
    expected = COMMENTED.replace(anchor, anchor + ADDED_O1).replace("\n", "\r\n")
    assert target.read_bytes() == expected.encode("utf-8")


def test_add_refuses_an_unreadable_map_with_exit_2(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, "argmap: 1\nclaims: [\n")
    result = run("add", "objection", "--to", "P1", "--text", "No.", target)
    assert result.code == 2 and "AM102" in result.err and "nothing added" in result.err
    assert run("add", "thesis", "--to", "P1", "--text", "No.", target).code == 2  # not a kind one adds
    assert "Traceback" not in result.err


# --- fix --------------------------------------------------------------------------------------


def test_fix_rewrites_only_the_normalised_quotes(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    result = run("fix", target)
    assert result.code == 0, result.err
    assert target.read_bytes() == fixed_commented().encode("utf-8")
    assert "fixed 5 quotes" in result.out
    diff = result.out.splitlines()
    assert sum(line.startswith("-") for line in diff[2:]) == 5 == sum(line.startswith("+") for line in diff[2:])
    assert codes(target) == []
    resolved = check_map(target).resolved
    assert resolved is not None
    assert all(
        q.match is not None and q.match.status == "exact"
        for quotes in [*resolved.quotes.values(), *resolved.exclusions.values()]
        for q in quotes
    )


def test_fix_keeps_crlf(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED, newline="\r\n")
    assert run("fix", target).code == 0
    assert target.read_bytes() == fixed_commented().replace("\n", "\r\n").encode("utf-8")


def test_fix_dry_run_prints_the_diff_and_writes_nothing(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    before = target.read_bytes()
    result = run("fix", "--dry-run", target)
    assert result.code == 0
    assert target.read_bytes() == before
    assert "-    quote: 'NATO and some of its partners ... the country''s security interests'\n" in result.out
    assert "+    quote: 'NATO and some of its partners ... the country\u2019s security interests'\n" in result.out
    assert "would fix 5 quotes (dry run: nothing written)" in result.out


def test_fix_twice_is_fix_once(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, COMMENTED)
    assert run("fix", target).code == 0
    once = target.read_bytes()
    again = run("fix", target)
    assert again.code == 0
    assert again.out == f"{again.out.split(':')[0]}: nothing to fix\n"
    assert target.read_bytes() == once


def test_fixing_the_readme_student_mistakes_map_clears_am207(project: Path, run: Callable[..., Run]) -> None:
    text = (ROOT / "tests" / "cli_maps" / "student-mistakes.yaml").read_text(encoding="utf-8")
    target = write_map(project, text.replace("../../seeds/countering-external-threats.txt", "../seeds/oped.txt"))
    before = target.read_text(encoding="utf-8")
    assert codes(target) == ["AM207", "AM206", "AM301"]
    result = run("fix", target)
    assert result.code == 1  # the typo and the wrong id are errors that fix does not touch
    assert "2 error(s) remain" in result.out
    assert codes(target) == ["AM206", "AM301"]
    after = target.read_text(encoding="utf-8")
    assert after == before.replace("they won't accept", "they won\u2019t accept")


def test_fix_result_for_check_fix(project: Path) -> None:
    target = write_map(project, COMMENTED)
    result = fix_map(target, dry_run=True)
    assert (result.code, result.written, len(result.fixes)) == (0, False, 5)
    assert (result.fixes[0].line, result.fixes[0].old) == (9, "you might also like")
    assert result.diff.startswith(f"--- a/{result.file}\n+++ b/{result.file}\n")


def test_fix_reports_an_unreadable_map(project: Path, run: Callable[..., Run]) -> None:
    target = write_map(project, "argmap: 1\nclaims: [\n")
    result = run("fix", target, project / "arguments" / "missing.yaml")
    assert result.code == 2
    assert "AM102" in result.err and "AM100" in result.err and "Traceback" not in result.err


def test_fix_keeps_a_block_scalar_a_block_scalar(project: Path, run: Callable[..., Run]) -> None:
    text = (
        "argmap: 1\nsources:\n  - id: oped\n    path: ../seeds/oped.txt\nclaims:\n"
        "  - id: T1\n    kind: thesis\n    text: T.\n    quote: >-\n"
        "      they've gradually moved away\n\n    # after\n"
    )
    target = write_map(project, text)
    assert run("fix", target).code == 0
    assert target.read_text(encoding="utf-8") == text.replace("they've", "they\u2019ve")


def test_a_quote_written_over_two_lines_becomes_one(project: Path, run: Callable[..., Run]) -> None:
    text = (
        "argmap: 1\nsources:\n  - id: oped\n    path: ../seeds/oped.txt\nclaims:\n"
        "  - id: T1\n    kind: thesis\n    text: T.\n    quote: they've gradually\n      moved away  # two lines\n"
    )
    target = write_map(project, text)
    assert run("fix", target).code == 0
    assert target.read_text(encoding="utf-8") == text.replace(
        "they've gradually\n      moved away", "they\u2019ve gradually moved away"
    )


def test_scalars_are_written_in_a_style_that_reads_back() -> None:
    assert render_scalar("plain words", ("",)) == "plain words"
    assert render_scalar("a: b", ("", "'")) == "'a: b'"
    assert render_scalar("a: b", ("",)) == '"a: b"'
    assert render_scalar("no", ("", "'")) == "'no'"  # YAML 1.1 readers would see false
    assert render_scalar("it's", ("'",)) == "'it''s'"
    assert render_scalar("a, b", ("", "'"), in_flow=True) == "'a, b'"
    assert render_scalar(f"a{NBSP}b", ("", "'")) == '"a\\u00a0b"'
    assert double_quoted('say "hi"\\\n') == '"say \\"hi\\"\\\\\\n"'


def test_exact_text_keeps_elisions_as_typed() -> None:
    source = "One two three. Four five six."
    match = find_quote(SourceText(source), "one two \u2026 five six")
    assert exact_text("one two \u2026 five six", source, match.spans) == "One two \u2026 five six"


# --- property: any set of degraded passages is fixed exactly, and nothing else changes ----------

_SOURCE = OPED.read_text(encoding="utf-8")
_SOURCE_TEXT = SourceText(_SOURCE)


def _passages() -> list[str]:
    """Unique passages of 4 to 9 words, from the op-ed's sentences, with something to degrade."""
    found = []
    for sentence in re.split(r"(?<=[.?!])\s+|\n+", _SOURCE):
        words = sentence.split(" ")
        for start in range(0, max(1, len(words) - 4), 3):
            passage = " ".join(words[start : start + 4 + start % 6]).strip()
            if len(passage) < 12 or _SOURCE.count(passage) != 1:
                continue
            if find_quote(_SOURCE_TEXT, passage.lower()).status in ("normalised", "exact"):
                found.append(passage)
    return sorted(set(found))


_DEGRADE = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', NBSP: " "}
_POOL = _passages()
_SPECIAL = [p for p in _POOL if any(c in p for c in _DEGRADE)]  # curly quotes, no-break spaces


@st.composite
def _degraded(draw: st.DrawFn) -> tuple[str, str, str]:
    passage = draw(st.sampled_from(_SPECIAL) | st.sampled_from(_POOL))
    typed = "".join(_DEGRADE.get(c, c) if draw(st.booleans()) else c for c in passage)
    case = draw(st.sampled_from(["keep", "lower", "upper", "first"]))
    typed = {"keep": typed, "lower": typed.lower(), "upper": typed.upper(), "first": typed[:1].swapcase() + typed[1:]}[
        case
    ]
    style = draw(st.sampled_from(["plain", "single", "double"]))
    return passage, typed, style


def _written(typed: str, style: str) -> str:
    if style == "plain" and render_scalar(typed, ("",)) == typed:
        return typed
    if style == "single" and "\n" not in typed:
        return "'" + typed.replace("'", "''") + "'"
    return json.dumps(typed, ensure_ascii=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_degraded(), min_size=1, max_size=6, unique_by=lambda d: d[0]))
def test_fix_makes_degraded_quotes_exact_and_changes_nothing_else(quotes: list[tuple[str, str, str]]) -> None:
    lines = [
        "# header",
        "argmap: 1",
        "sources:",
        "  - id: oped",
        "    path: ../seeds/oped.txt",
        "claims:",
        "  - id: T1  # thesis",
        "    kind: thesis",
        "    text: T.",
        "    quote: To counter external threats, China and Russia are looking to increase their coordination",
    ]
    quote_lines = {}
    for index, (_, typed, style) in enumerate(quotes, 1):
        lines += [
            f"  # premise {index}",
            f"  - id: P{index}",
            "    kind: premise",
            f"    text: Premise {index}.",
            f"    quote: {_written(typed, style)}   # typed",
            "    supports: T1",
        ]
        quote_lines[len(lines) - 2] = index - 1
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "pyproject.toml").write_text("")
        (project / "seeds").mkdir()
        shutil.copyfile(OPED, project / "seeds" / "oped.txt")
        (project / "arguments").mkdir()
        target = write_map(project, text)
        result = fix_map(target)
        assert result.code == 0, (result.unfixed, result.problems)
        new_lines = target.read_text(encoding="utf-8").split("\n")
        old_lines = text.split("\n")
        assert len(new_lines) == len(old_lines)
        for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
            if number not in quote_lines:
                assert old == new
            else:
                assert new.endswith("   # typed")
        resolved = check_map(target).resolved
        assert resolved is not None
        for index, (passage, _, _) in enumerate(quotes, 1):
            (quote,) = resolved.quotes[f"P{index}"]
            assert quote.quote.exact == passage
            assert quote.match is not None and quote.match.status == "exact"
        assert fix_map(target).diff == ""  # idempotent


def test_a_quote_whose_selector_counted_normalised_matches_is_left_for_the_student(
    project: Path, run: Callable[..., Run]
) -> None:
    # `occurrence: 2` of THREATS counts "Threats" in the title; of the exact "threats" it would
    # pick another passage, so the fix would move the quote: it is not made.
    text = (
        "argmap: 1\nsources:\n  - id: oped\n    path: ../seeds/oped.txt\nclaims:\n"
        "  - id: T1\n    kind: thesis\n    text: T.\n    quote:\n      exact: THREATS\n      occurrence: 2\n"
    )
    target = write_map(project, text)
    result = run("fix", target)
    assert result.code == 1
    assert ":10:14: not fixed" in result.err and "would match another passage" in result.err
    assert "nothing fixed; 1 quote(s) need your hand" in result.out
    assert target.read_text(encoding="utf-8") == text


def test_fix_takes_folders(project: Path, run: Callable[..., Run]) -> None:
    write_map(project, COMMENTED, "one.yaml")
    write_map(project, COMMENTED, "two.yml")
    result = run("fix", project / "arguments")
    assert result.code == 0 and result.out.count("fixed 5 quotes") == 2
    assert run("fix", project / "seeds").code == 2  # a folder without maps


def test_an_overlay_gets_its_own_quotes_fixed_and_ids_unique_across_its_base(
    project: Path, run: Callable[..., Run]
) -> None:
    base = write_map(project, COMMENTED, "base.yaml")
    overlay_text = (
        "argmap: 1\nextends: base.yaml\nadded_by: Ana\nclaims:\n"
        "  - id: S1\n    kind: objection\n    text: S.\n"
        "    quote: 'they''ve gradually moved away'\n    attacks: P1\n"
    )
    overlay = write_map(project, overlay_text, "overlay.yaml")
    base_before = base.read_bytes()
    assert run("fix", overlay).code == 0
    assert overlay.read_text(encoding="utf-8") == overlay_text.replace("they''ve", "they\u2019ve")
    assert base.read_bytes() == base_before  # the base's quotes are the base's: `argmap fix base.yaml`
    assert run("add", "premise", "--to", "S1", "--attacks", "--text", "No.", overlay).code == 0
    assert "  - id: P4\n" in overlay.read_text(encoding="utf-8")  # P1-P3 are the base's


def test_the_add_command_offers_exactly_the_kinds_edit_can_add() -> None:
    from argmap.commands.edit import KINDS  # spelled out there so `argmap --help` imports nothing heavy
    from argmap.edit.add import addable_kind
    from argmap.format.vocabulary import KINDS as ALL_KINDS

    assert set(KINDS) == {k.name for k in ALL_KINDS if addable_kind(k.name) is not None}
