"""The command line as a user meets it: exact output per format, exit codes, no tracebacks.

Golden files live in tests/golden/; after an intended change of wording, run
`ARGMAP_UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py` and review the diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import FLAGSHIP, MINIMAL_MAP, ROOT, Run, assert_golden

from argmap.commands.common import colour_wanted

MISTAKES = Path("tests/cli_maps/student-mistakes.yaml")


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_output_matches_golden_file(fmt: str, in_repo: None, run: Callable[..., Run]) -> None:
    result = run("check", "--format", fmt, MISTAKES)
    assert result.code == 1
    assert result.err == ""
    assert_golden(f"check.{fmt}", result.out)


def test_text_output_reads_file_line_col_severity_code_message_then_hint(
    in_repo: None, run: Callable[..., Run]
) -> None:
    lines = run("check", MISTAKES).out.splitlines()
    assert lines[0].startswith(f"{MISTAKES}:14:12: warning AM207 ")
    assert lines[1].startswith("    hint: paste the source's exact text: ")
    assert "won\u2019t" in lines[1]
    assert lines[-1] == "1 map checked: 2 errors, 1 warning"


def test_a_typo_gets_the_passage_and_a_word_diff(in_repo: None, run: Callable[..., Run]) -> None:
    out = run("check", MISTAKES).out
    assert "[-Janaury-] {+January+}" in out


def test_json_problems_carry_exact_positions(in_repo: None, run: Callable[..., Run]) -> None:
    document = json.loads(run("check", "--format", "json", MISTAKES).out)
    assert [(p["code"], p["line"], p["column"]) for p in document["problems"]] == [
        ("AM207", 14, 12),
        ("AM206", 20, 12),
        ("AM301", 21, 15),
    ]
    assert document["summary"] == {"files": 1, "errors": 2, "warnings": 1}


def test_github_format_escapes_what_workflow_commands_need(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP.replace("supports: T1", "supports: 'T9,%x'"))
    line = run("check", "--format", "github", target).out.splitlines()[0]
    assert line.startswith("::error file=")
    assert ",line=14,col=15,title=AM301::14:15 " in line
    assert "`T9%2C%25x`" not in line and "`T9,%25x`" in line


def test_exit_0_when_clean(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP)
    result = run("check", target)
    assert (result.code, result.out) == (0, "1 map checked: no problems\n")


def test_warnings_pass_unless_strict(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian"))
    assert run("check", target).code == 0
    assert run("check", "--strict", target).code == 1


def test_exit_2_for_unreadable_input_even_beside_other_problems(run: Callable[..., Run], project: Path) -> None:
    good = project / "arguments" / "a.yaml"
    good.write_text(MINIMAL_MAP.replace("supports: T1", "supports: T9"))
    broken = project / "arguments" / "b.yaml"
    broken.write_text("argmap: 1\nclaims: [\n")
    result = run("check", project / "arguments")
    assert result.code == 2
    assert "AM301" in result.out and "AM102" in result.out
    assert result.out.splitlines()[-1] == "2 maps checked: 2 errors, 0 warnings"


def test_usage_errors_exit_2(run: Callable[..., Run]) -> None:
    assert run("check").code == 2
    assert run("check", "--format", "xml", "x.yaml").code == 2
    assert run("frobnicate").code == 2


def test_an_empty_folder_exits_2(run: Callable[..., Run], tmp_path: Path) -> None:
    result = run("check", tmp_path)
    assert result.code == 2 and "holds no map" in result.out


def test_export_gives_each_quote_its_span(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP)
    result = run("export", target)
    assert result.code == 0
    document = json.loads(result.out)
    source = (project / "seeds" / "oped.txt").read_text(encoding="utf-8")
    quote = document["claims"][1]["quotes"][0]
    start = source.index("spoke highly of the current state of Sino-Russian relations")
    column = start - source.rindex("\n", 0, start)  # 1-based: the newline itself is column 0
    assert quote == {
        "source": "oped",
        "exact": "spoke highly of the current state of Sino-Russian relations",
        "status": "exact",
        "start": start,
        "end": start + 59,
        "line": 15,
        "column": column,
        "end_line": 15,
        "end_column": column + 59,
        "text": "spoke highly of the current state of Sino-Russian relations",
    }
    assert document["relations"] == [{"name": "P1 -> T1", "type": "support", "from": ["P1"], "to": "T1"}]


def test_export_to_a_file_is_written_whole(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP)
    out = project / "export.json"
    assert run("export", target, "-o", out).code == 0
    assert json.loads(out.read_text())["argmap_export"] == 1
    assert [p.name for p in project.iterdir() if p.name.startswith(".export")] == []


def test_export_into_a_missing_folder_exits_2_with_a_message(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP)
    result = run("export", target, "-o", project / "no" / "such" / "out.json")
    assert result.code == 2
    assert "does not exist" in result.err


def test_export_is_deterministic(in_repo: None, run: Callable[..., Run]) -> None:
    assert run("export", FLAGSHIP).out == run("export", FLAGSHIP).out


def test_rules_lists_every_code_and_documents_one(run: Callable[..., Run]) -> None:
    listing = run("rules").out
    assert "AM301  error    unknown-id" in listing
    documented = run("rules", "AM307")
    assert documented.code == 0 and "Failing::" in documented.out and "Passing::" in documented.out
    assert run("rules", "AM999").code == 2


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    assert colour_wanted(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(Terminal())


def _argmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )


def test_help_and_version_import_nothing_heavy() -> None:
    probe = (
        "import sys; from argmap.commands.main import main; code = main(['--version']); "
        "heavy = {'pydantic', 'yaml', 'rapidfuzz', 'graphviz'} & set(sys.modules); print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_checking_a_map_that_fits_loads_neither_pydantic_nor_rapidfuzz() -> None:
    # pydantic is for the errors of a map that does not fit, rapidfuzz for a quote that is not found.
    probe = (
        "import sys; from argmap.commands.main import main; "
        f"code = main(['check', {str(FLAGSHIP)!r}]); "
        "print(code, sorted({'pydantic', 'rapidfuzz'} & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_output_into_a_closed_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m argmap rules | head -n 1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("AM100")


def test_the_module_runs_as_a_program() -> None:
    result = _argmap("--version")
    assert result.returncode == 0 and result.stdout.startswith("argmap, version")


def test_docs_rules_md_is_current() -> None:
    from argmap.check.docs import rules_markdown

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run `python -m argmap.check.docs > docs/rules.md`"


def test_check_fix_pastes_the_exact_text_then_checks(run: Callable[..., Run], project: Path) -> None:
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP.replace("Sino-Russian relations", "Sino\u2013Russian relations"))
    assert run("check", "--fix", "--dry-run", target).code == 0
    assert "Sino\u2013Russian" in target.read_text()  # a dry run writes nothing
    result = run("check", "--strict", "--fix", target)
    assert result.code == 0
    assert result.out.splitlines()[-1] == "1 map checked: no problems"
    assert target.read_text() == MINIMAL_MAP


def test_dry_run_without_fix_is_a_usage_error(run: Callable[..., Run], project: Path) -> None:
    assert run("check", "--dry-run", project).code == 2


def test_closest_passage_searches_are_bounded_per_map(project: Path, run: Callable[..., Run]) -> None:
    claims = "".join(
        f"  - id: X{i}\n    kind: premise\n    text: p.\n    quote: words not in the op-ed number {i}\n"
        "    supports: T1\n"
        for i in range(105)
    )
    target = project / "arguments" / "map.yaml"
    target.write_text(MINIMAL_MAP + claims)
    out = run("check", target).out
    assert out.count("error AM206") == 105
    assert out.count("no closest passage searched: more than 100 quotes of this map are not found") == 5
