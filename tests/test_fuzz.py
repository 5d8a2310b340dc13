"""Property tests: whatever a student's file holds, argmap answers with problems, never a traceback.

Examples per test: 200 by default (a few thousand in all across the suite's
properties); set ARGMAP_FUZZ_EXAMPLES=5000 for a longer run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MINIMAL_MAP, OPED

from argmap.anchor.find import MAX_CANDIDATES, SourceText, find_quote
from argmap.commands.main import main
from argmap.format.problems import Position, printable, problem, visible
from argmap.graph.text import wrap
from argmap.load.yaml_map import load_text
from argmap.writers.problems import format_problems

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

YAML_NOISE = st.sampled_from(
    list(":-[]{}&*!#|>'\"\t\n %@`,?\\")
    + ["\x00", "\ufeff", "é", "中", "\u00a0", "&a ", "*a", "!!python/object ", "---\n", "...\n", "no", "1:30"]
)


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
    (folder / "pyproject.toml").write_text("")
    (folder / "seeds").mkdir()
    shutil.copyfile(OPED, folder / "seeds" / "oped.txt")
    (folder / "arguments").mkdir()
    yield folder
    shutil.rmtree(folder)


def check_text(project: Path, text: str | bytes, capsys: pytest.CaptureFixture[str]) -> int:
    target = project / "arguments" / "map.yaml"
    target.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    code = main(["check", "--format", "json", str(target)])
    captured = capsys.readouterr()
    assert "internal error" not in captured.err, captured.err
    assert "Traceback" not in captured.err + captured.out
    return code


@FUZZ
@given(st.text())
def test_any_text_loads_without_raising(text: str) -> None:
    loaded = load_text(text, "any.yaml")
    assert loaded.unreadable or isinstance(loaded.data, dict)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_get_an_exit_code(project: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    assert check_text(project, data, capsys) in (0, 1, 2)


@st.composite
def mutated_map(draw: st.DrawFn) -> str:
    """The minimal map with a few characters inserted, deleted or lines shuffled."""
    text = MINIMAL_MAP
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "drop-line", "indent"]))
        lines = text.split("\n")
        if action == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(YAML_NOISE) + text[at:]
        elif action == "delete" and text:
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif action == "duplicate-line":
            at = draw(st.integers(0, len(lines) - 1))
            lines.insert(at, lines[at])
            text = "\n".join(lines)
        elif action == "drop-line":
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        else:
            at = draw(st.integers(0, len(lines) - 1))
            lines[at] = draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[at]
            text = "\n".join(lines)
    return text


@FUZZ
@given(mutated_map())
def test_mutated_maps_give_0_1_or_2(project: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    assert check_text(project, text, capsys) in (0, 1, 2)


IDS = st.sampled_from(["T1", "P1", "P2", "E1", "O1", "R1", "C1", "X9"])
QUOTES = st.sampled_from(
    [
        "To counter external threats",
        "external threats",
        "won't accept",
        "Sino-Russian relations",
        "no such words in the article",
        "China is more of an imaginary threat to NATO",
        "...",
        "a ... b",
    ]
)


@st.composite
def generated_map(draw: st.DrawFn) -> dict[str, object]:
    """Structurally valid YAML with arbitrary claims and relations between them."""
    claims = []
    for claim_id in draw(st.lists(IDS, min_size=0, max_size=7)):
        claim: dict[str, object] = {
            "id": claim_id,
            "kind": draw(st.sampled_from(["thesis", "premise", "evidence", "objection", "rebuttal", "concession"])),
            "text": draw(st.text(min_size=1, max_size=30)),
        }
        if draw(st.booleans()):
            claim["quote"] = draw(QUOTES)
        for key in ("supports", "attacks"):
            if draw(st.booleans()):
                claim[key] = draw(st.one_of(IDS, st.lists(IDS, max_size=3)))
        if draw(st.integers(0, 5)) == 0:
            claim["undercuts"] = f"{draw(IDS)} -> {draw(IDS)}"
        for key, value in (("implicit", True), ("added_by", "a student")):
            if draw(st.integers(0, 4)) == 0:
                claim[key] = value
        claims.append(claim)
    document: dict[str, object] = {
        "argmap": 1,
        "sources": [{"id": "oped", "path": "../seeds/oped.txt"}],
        "claims": claims,
    }
    if draw(st.booleans()):
        document["relations"] = [
            {
                "type": draw(st.sampled_from(["support", "attack", "undercut"])),
                "from": draw(st.lists(IDS, min_size=1, max_size=3)),
                "to": draw(IDS),
            }
        ]
    return document


@FUZZ
@given(generated_map())
def test_generated_argument_structures_give_0_or_1(
    project: Path, capsys: pytest.CaptureFixture[str], document: dict[str, object]
) -> None:
    assert check_text(project, yaml.safe_dump(document, allow_unicode=True), capsys) in (0, 1)


# --- what argmap prints, and what it costs -------------------------------------------------------

HOSTILE_TEXT = st.lists(
    st.one_of(st.characters(), st.sampled_from(["\n", "\r", "\x1b[31m", "\x07", "\x9b", "::error ::", "\u2028"]))
).map("".join)


def readable(text: str, multiline: bool = True) -> None:
    """No control character (but line ends, where allowed) and no line that starts a workflow command."""
    allowed = "\n" if multiline else ""
    assert not any((ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) and c not in allowed for c in text), repr(text)
    assert not any(line.startswith("::") for line in text.split("\n")), repr(text)


@FUZZ
@given(HOSTILE_TEXT)
def test_printable_text_has_no_control_characters_and_keeps_its_lines(text: str) -> None:
    shown = printable(text)
    readable(shown)
    assert shown.count("\n") == text.count("\n")
    assert printable(shown) == shown
    assert visible(visible(text)) == visible(text) and "\n" not in visible(text)


@FUZZ
@given(HOSTILE_TEXT, HOSTILE_TEXT, st.one_of(st.none(), HOSTILE_TEXT), st.sampled_from(["text", "json", "github"]))
def test_problems_print_safely_in_every_format(file: str, message: str, hint: str | None, fmt: str) -> None:
    found = [problem(file, Position(3, 7), "AM301", message, hint)]
    output = format_problems(found, 1, fmt)
    if fmt == "github":
        annotation, summary = output.rstrip("\n").split("\n")
        assert annotation.startswith("::error file=") and "\x1b" not in annotation
        readable(summary)
    else:
        readable(output)


@FUZZ
@given(st.text(st.sampled_from("ab字 \n-"), max_size=300), st.integers(4, 40))
def test_wrap_keeps_every_character_and_every_line_within_its_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert all(sum(2 if c == "字" else 1 for c in line) <= width for line in lines)


@FUZZ
@given(
    st.text(st.sampled_from("ab ."), max_size=400),
    st.text(st.sampled_from("ab .…"), max_size=12),
    st.one_of(st.none(), st.text(st.sampled_from("ab "), max_size=6)),
)
def test_any_quote_is_answered_within_the_candidate_bound(source: str, quote: str, prefix: str | None) -> None:
    match = find_quote(SourceText(source), quote, prefix=prefix)
    assert len(match.candidates) <= MAX_CANDIDATES
    for span in match.spans + match.candidates:
        assert 0 <= span.start <= span.end <= len(source)


@FUZZ
@given(mutated_map())
def test_mutated_maps_render_or_say_why(project: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(text, encoding="utf-8")
    code = main(["render", "--format", "dot", "-o", "-", str(target)])
    captured = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "internal error" not in captured.err
    readable(captured.err)
