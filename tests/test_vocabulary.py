"""The vocabulary is the one place that names argmap's kinds, relations and formats.

Every table a kind or a relation needs derives from argmap.format.vocabulary or covers it; a
kind added there alone works in every command (drawn in a plain default style until it has its
own), which the throw-away kind `question` below proves in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from argmap.format import vocabulary
from argmap.format.model import BASES, CLAIM_KINDS, RELATION_TYPES, schema

REPO = Path(__file__).resolve().parent.parent


def test_every_kind_has_a_style_of_its_own() -> None:
    from argmap.graph.style import KIND_STYLES

    missing = [k for k in vocabulary.kind_names() if k not in KIND_STYLES]
    assert not missing, f"give these kinds a style in argmap/graph/style.py KIND_STYLES: {missing}"


def test_every_relation_type_has_a_style_and_a_legend_glyph_of_its_own() -> None:
    from argmap.graph.style import RELATION_STYLES
    from argmap.writers.legend import GLYPHS, LINKED_GLYPHS

    for table in (RELATION_STYLES, GLYPHS, LINKED_GLYPHS):
        assert set(vocabulary.relation_names()) <= set(table)


def test_the_legend_names_every_kind_and_relation() -> None:
    from argmap.writers.legend import WORDS

    for name in (*vocabulary.kind_names(), *vocabulary.relation_names()):
        assert name in WORDS
    assert all(f"linked-{name}" in WORDS for name in vocabulary.relation_names())


def test_kinds_have_distinct_id_prefixes_and_slide_plurals() -> None:
    from argmap.writers.slides import KIND_PLURALS

    prefixes = [k.prefix for k in vocabulary.KINDS]
    assert len(set(prefixes)) == len(prefixes)
    assert set(KIND_PLURALS) == set(vocabulary.kind_names())


def test_the_model_the_strict_models_and_the_schema_allow_exactly_the_vocabulary() -> None:
    from argmap.format.strict import Basis, ClaimKind, RelationType

    assert CLAIM_KINDS == get_args(ClaimKind) == vocabulary.kind_names()
    assert RELATION_TYPES == get_args(RelationType) == vocabulary.relation_names()
    assert BASES == get_args(Basis) == vocabulary.BASES
    text = json.dumps(schema())
    assert all(f'"{name}"' in text for name in (*CLAIM_KINDS, *RELATION_TYPES, *BASES))


def test_command_choices_come_from_the_vocabulary() -> None:
    from argmap.commands import check, classroom, diff, render, slides
    from argmap.writers import graphviz, problems

    assert render.HIDE_CHOICES[: len(CLAIM_KINDS)] == CLAIM_KINDS
    assert render.FORMATS == graphviz.FORMATS == vocabulary.format_names(vocabulary.DIAGRAM_FORMATS)
    assert check.PROBLEM_FORMATS == problems.FORMATS == vocabulary.format_names(vocabulary.PROBLEM_FORMATS)
    assert diff.SUFFIXES[".gv"] == "dot" and diff.SUFFIXES[".txt"] == "text"
    assert classroom.CLASS_SUFFIXES[".md"] == "markdown"
    assert slides.SLIDE_FORMATS == ("pdf", "svg", "png")


# --- a kind added in the vocabulary alone -------------------------------------------------------

ADD_A_KIND = """
import sys
from argmap.format import vocabulary as v
v.KINDS = (*v.KINDS, v.ClaimKind("question", "Q", "a question the text asks", "asked", "questions", False, None))
from argmap.commands.main import main
raise SystemExit(main(sys.argv[1:]))
"""

MAP = """\
argmap: 1
sources:
  - {id: oped, path: source.txt}
claims:
  - {id: T1, kind: thesis, text: Trade binds them., quote: Trade binds the two countries}
  - {id: Q1, kind: question, text: Will it last., quote: Will it last, supports: T1}
"""


def argmap_with_question(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-c", ADD_A_KIND, *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def question_map(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "source.txt").write_text("Trade binds the two countries. Will it last? Nobody knows.\n", "utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_a_new_kind_checks_exports_and_has_a_schema(question_map: Path) -> None:
    cwd = question_map.parent
    checked = argmap_with_question("check", question_map, cwd=cwd)
    assert (checked.returncode, checked.stdout.strip()) == (0, "1 map checked: no problems"), checked.stderr
    for fmt in ("json", "aif", "ova", "argdown"):
        exported = argmap_with_question("export", question_map, "--format", fmt, cwd=cwd)
        assert exported.returncode == 0, (fmt, exported.stderr)
        assert "Will it last." in exported.stdout
    found = argmap_with_question("schema", cwd=cwd)
    assert '"question"' in found.stdout


@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf"])
def test_a_new_kind_is_drawn_in_every_format_with_a_legend_entry(question_map: Path, fmt: str) -> None:
    out = question_map.with_name(f"map.{fmt}")
    drawn = argmap_with_question("render", question_map, "-o", out, cwd=question_map.parent)
    assert drawn.returncode == 0, drawn.stderr
    if fmt in ("dot", "svg"):
        text = out.read_text(encoding="utf-8")
        assert "QUESTION" in text and "question — asked" in text
    else:
        assert out.stat().st_size > 0


def test_a_new_kind_can_be_added_compared_and_hidden(question_map: Path) -> None:
    cwd = question_map.parent
    before = cwd / "before.yaml"
    before.write_text(MAP, encoding="utf-8")
    added = argmap_with_question(
        "add", "question", "--to", "T1", "--text", "Who gains?", "--quote", "Nobody knows", question_map, cwd=cwd
    )
    assert added.returncode == 0, added.stderr
    assert "id: Q2" in question_map.read_text(encoding="utf-8")  # the kind's own prefix
    compared = argmap_with_question("diff", before, question_map, cwd=cwd)
    assert compared.returncode == 1 and "Q2" in compared.stdout, compared.stderr
    hidden = argmap_with_question("render", question_map, "--hide", "question", "--format", "dot", "-o", "-", cwd=cwd)
    assert hidden.returncode == 0 and '"Q1"' not in hidden.stdout
