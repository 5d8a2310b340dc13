"""`argmap evaluate` and `argmap class`: what the argument comes to, for one map or a class.

Only click and the standard library are imported here, so `argmap --help` stays
fast; the pipeline and the analysis are imported when a command runs.

Exit codes: `evaluate` 0, or 1 when the map has check errors or the thesis's verdict is
one named by --fail-if; `class` 0, or 1 when an overlay has check errors; both 2 for a
usage error, a map (the base, for `class`) that cannot be read, or an output that
cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.terminal import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, colour_wanted, fail, input_limits, input_options

if TYPE_CHECKING:
    from argmap.config import Config

CLASS_FORMATS = ("text", "markdown", "csv", "json")


def _config() -> Config | None:
    """The project's configuration (rules switched off or re-graded), or None after saying why it is broken."""
    from argmap.config import load_config
    from argmap.report import format_text

    config, problems = load_config(Path.cwd())
    if problems:
        click.echo(format_text(problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
        click.echo(f"argmap: fix the configuration in {config.file} first", err=True)
        return None
    return config


CLASS_SUFFIXES = {".txt": "text", ".md": "markdown", ".csv": "csv", ".json": "json"}


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--why",
    "why",
    multiple=True,
    metavar="ID",
    help="Explain the label of this claim or relation (an id, or a link `FROM -> TO`). Repeatable.",
)
@click.option(
    "--reject",
    multiple=True,
    metavar="ID",
    help='Evaluate as if this claim were withdrawn ("what if we do not grant this?"). Repeatable.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json for tools (docs/evaluation.md, schema/evaluation.schema.json).",
)
@click.option(
    "--fail-if",
    "fail_if",
    multiple=True,
    type=click.Choice(["defeated", "undecided"]),
    help="Exit 1 when the thesis's verdict is this. Repeatable.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.",
)
@input_limits
def evaluate(
    map_file: Path,
    why: tuple[str, ...],
    reject: tuple[str, ...],
    fmt: str,
    fail_if: tuple[str, ...],
    output: Path | None,
    root: Path | None,
    max_bytes: int | None,
    max_source_bytes: int | None,
) -> int:
    """Label every claim and relation IN, OUT or UNDECIDED (grounded semantics) and give the thesis's verdict.

    Leads with the verdict (standing, standing without support, defeated, undecided),
    then the objections nobody answers and what each one defeats.
    """
    from argmap.analysis.evaluate import evaluate as evaluate_map
    from argmap.analysis.evaluation_report import format_json, format_text
    from argmap.analysis.explain import explain
    from argmap.check import check_map
    from argmap.report import format_text as problem_text
    from argmap.write import WriteError, write_output

    config = _config()
    if config is None:
        return EXIT_UNUSABLE
    result = check_map(map_file, input_options(max_bytes, max_source_bytes, root))
    result.problems = config.apply(result.problems)
    if result.problems and (result.errors or result.resolved is None):
        click.echo(
            problem_text([p for p in result.problems if p.is_error], 1, colour_wanted(sys.stderr)), nl=False, err=True
        )
    resolved = result.resolved
    if resolved is None:
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    if result.errors:
        click.echo(
            f"argmap: note: {result.file} has {result.errors} check error(s); evaluating what resolved "
            f"(run `argmap check {result.file}`)",
            err=True,
        )
    unknown = [claim for claim in reject if claim not in resolved.claims]
    if unknown:
        return fail(
            f"--reject: the map has no claim {', '.join(f'`{c}`' for c in unknown)}"
            f"{_case_hint(unknown[0], list(resolved.claims))}"
        )
    evaluation = evaluate_map(resolved, reject)
    if why:
        lines = []
        for name in why:
            node = evaluation.find(name)
            if node is None:
                return fail(
                    f"--why: the map has no claim or relation `{name}`"
                    f"{_case_hint(name, list(evaluation.claims))}; name a claim id, a relation's id, "
                    "or a link as FROM -> TO"
                )
            lines.append(explain(evaluation, node))
        text = "\n".join(lines) + "\n"
    else:
        text = format_json(result.file, evaluation) if fmt == "json" else format_text(result.file, evaluation)
    try:
        write_output(output, text.encode("utf-8"))
    except WriteError as error:
        return fail(str(error))
    if result.errors or (evaluation.verdict is not None and evaluation.verdict in fail_if):
        return EXIT_PROBLEMS
    return EXIT_OK


def _case_hint(name: str, known: list[str]) -> str:
    import difflib

    same = [k for k in known if k.casefold() == name.casefold()]
    close = same or difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


@click.command("class")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("overlays", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="OVERLAY_OR_FOLDER...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CLASS_FORMATS),
    default=None,
    help="text (default), markdown, csv (one row per overlay) or json. Default: from -o's suffix, else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.",
)
@input_limits
def class_overview(
    base: Path,
    overlays: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    root: Path | None,
    max_bytes: int | None,
    max_source_bytes: int | None,
) -> int:
    """One table for a class: each overlay on BASE, what it adds and answers, the verdict with it.

    OVERLAY_OR_FOLDER... are overlay files or folders (every .yaml/.yml file below them).
    A broken overlay is a row with its problem.
    """
    from argmap.analysis import classroom_report
    from argmap.analysis.classroom import overview
    from argmap.check import find_maps
    from argmap.report import format_text as problem_text
    from argmap.write import WriteError, write_output

    if fmt is None:
        fmt = CLASS_SUFFIXES.get(output.suffix.lower(), "text") if output is not None and str(output) != "-" else "text"
    maps, folder_problems = find_maps(overlays)
    if folder_problems:
        click.echo(problem_text(folder_problems, 0, colour_wanted(sys.stderr)), nl=False, err=True)
        return EXIT_UNUSABLE
    config = _config()
    if config is None:
        return EXIT_UNUSABLE
    table, base_result = overview(base, maps, input_options(max_bytes, max_source_bytes, root), config.apply)
    if base_result.resolved is None:
        click.echo(problem_text(base_result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
        return fail(f"the base map {base_result.file} could not be read; nothing compared")
    writers = {
        "text": classroom_report.format_text,
        "markdown": classroom_report.format_markdown,
        "csv": classroom_report.format_csv,
        "json": classroom_report.format_json,
    }
    try:
        write_output(output, writers[fmt](table).encode("utf-8"))
    except WriteError as error:
        return fail(str(error))
    return EXIT_PROBLEMS if any(row.errors for row in table.rows) else EXIT_OK
