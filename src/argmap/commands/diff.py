"""`argmap diff`: claims and relations added, removed and changed between two maps.

Only click and the standard library are imported here, so `argmap --help` stays
fast; the pipeline and the comparison are imported when the command runs. The
command is added to the `argmap` group in `argmap.commands.main`.

Exit codes (like diff(1)): 0 the maps are the same; 1 they differ; 2 usage error,
a map that could not be read or validated, Graphviz missing or failing, or an
output that could not be written. `--exit-zero` turns 1 into 0.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_OK, EXIT_UNUSABLE, colour_wanted, fail, map_inputs, timeout_option
from argmap.commands.common import EXIT_PROBLEMS as EXIT_DIFFERENT
from argmap.format.vocabulary import DIAGRAM_FORMATS, REPORT_FORMATS, format_names, suffix_map

if TYPE_CHECKING:
    from argmap.analysis.diff import MapDiff
    from argmap.anchor.resolve import ResolvedMap
    from argmap.check.pipeline import MapResult, Options

FORMATS = format_names(REPORT_FORMATS + DIAGRAM_FORMATS)
SUFFIXES = suffix_map(REPORT_FORMATS + DIAGRAM_FORMATS)


def _with_evaluation(found: MapDiff, old: ResolvedMap, new: ResolvedMap, fmt: str) -> str:
    """The diff, then what it changed in the evaluation (docs/evaluation.md): before the summary line
    in text, under `"evaluation"` in JSON."""
    import json

    from argmap.analysis.diff_format import diff_dict, format_text
    from argmap.analysis.evaluate import evaluate
    from argmap.analysis.evaluation_diff import compare_evaluations, evaluation_diff_dict
    from argmap.analysis.evaluation_diff import format_text as evaluation_text

    changes = compare_evaluations(evaluate(old), evaluate(new))
    if fmt == "json":
        document = {**diff_dict(found), "evaluation": evaluation_diff_dict(changes)}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    text = format_text(found)
    if found.same:
        return text
    lines = text.rstrip("\n").split("\n")
    return "\n".join([*lines[:-1], evaluation_text(changes).rstrip("\n"), lines[-1]]) + "\n"


def _load(path: Path, options: Options, role: str) -> MapResult | None:
    """Check one map; None (after saying why on stderr) when it cannot be compared."""
    from argmap.check.pipeline import check_map
    from argmap.writers.problems import format_text

    result = check_map(path, options)
    if result.resolved is None:
        click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
        click.echo(f"argmap: the {role} map {result.file} could not be read; nothing compared", err=True)
        return None
    if result.errors:
        click.echo(
            f"argmap: note: the {role} map {result.file} has {result.errors} check error(s); "
            f"comparing what resolved (run `argmap check {result.file}`)",
            err=True,
        )
    return result


@click.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="OLD [NEW]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="text (default): grouped +/-/~ lines and a summary; json: for tools (docs/diff.md); "
    "svg, png, pdf, dot: the NEW map drawn with the changes marked. "
    "Default: from -o's suffix, else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output (`-`).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 when the maps differ too (for grading scripts).")
@timeout_option()
@map_inputs
def diff(
    maps: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    exit_zero: bool,
    timeout: float,
    options: Options,
) -> int:
    """Compare two maps: claims, relations, sources and groups added, removed and changed.

    \b
    argmap diff OLD NEW      what NEW changed in OLD
    argmap diff OVERLAY      what an overlay (`extends: BASE`) adds to its base

    Claims are matched by id, relations by name (FROM -> TO). Exit 0 when the maps
    are the same, 1 when they differ (0 with --exit-zero), 2 when a map cannot be read.
    """

    if len(maps) > 2:
        return fail("diff takes two maps (OLD NEW), or one overlay map that extends a base")
    if fmt is None:
        fmt = SUFFIXES.get(output.suffix.lower(), "text") if output is not None and str(output) != "-" else "text"
    fmt = fmt.lower()

    if len(maps) == 2:
        old = _load(maps[0], options, "old")
        new = _load(maps[1], options, "new")
    else:
        new = _load(maps[0], options, "overlay")
        old = None
        if new is not None:
            assert new.resolved is not None
            base = getattr(new.resolved.model, "extends", None)
            if not base:
                return fail(
                    f"{new.file} does not extend a base map (no `extends:`); "
                    "to compare two maps, name both: argmap diff OLD NEW"
                )
            old = _load(new.resolved.map_path.parent / str(base), options, "base")
    if old is None or new is None or old.resolved is None or new.resolved is None:
        return EXIT_UNUSABLE

    from argmap.analysis.diff import compare, summary

    found = compare(old.resolved, new.resolved)
    if fmt in ("text", "json"):
        from argmap.format.problems import printable

        text = _with_evaluation(found, old.resolved, new.resolved, fmt)
        data = (text if fmt == "json" else printable(text)).encode("utf-8")
    else:
        from argmap.analysis.diff import diff_marks
        from argmap.graph.diff import diff_graph
        from argmap.writers.graphviz import DotMissing, RenderError, render

        try:
            data = render(diff_graph(diff_marks(found), old.resolved, new.resolved), fmt, timeout=timeout)
        except (DotMissing, RenderError) as error:
            return fail(str(error))
    from argmap.writers.files import WriteError, write_output

    try:
        write_output(output, data, {**old.resolved.inputs, **new.resolved.inputs})
    except WriteError as error:
        return fail(str(error))
    if output is not None and str(output) != "-":
        click.echo(f"argmap: wrote {output} ({summary(found)})", err=True)
    if found.same or exit_zero:
        return EXIT_OK
    return EXIT_DIFFERENT
