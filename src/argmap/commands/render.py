"""`argmap render`: draw maps as Graphviz argument diagrams (SVG, PNG, PDF, or DOT source).

Only click and the standard library are imported here, so `argmap --help` stays
fast; the pipeline, the graph and the writers are imported when the command runs.
The command is added to the `argmap` group in `argmap.commands.main`.

Exit codes: 0 every picture written from a map without errors; 1 a map had check
errors, or warnings with `strict` configured (what resolved is still drawn; a warning gives the count); 2 usage error
(including a --focus/--group that names nothing in the map), an unreadable map,
Graphviz missing, failing or too slow, or an output that could not be written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from argmap.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNUSABLE,
    colour_wanted,
    exit_code,
    fail,
    map_inputs,
    timeout_option,
)
from argmap.format.vocabulary import DIAGRAM_FORMATS, format_names, kind_names, suffix_map

if TYPE_CHECKING:
    from argmap.check.pipeline import Options
    from argmap.graph.elements import Direction, LabelMode

FORMATS = format_names(DIAGRAM_FORMATS)
SUFFIXES = suffix_map(DIAGRAM_FORMATS)
# The kinds of the vocabulary and two markers (equal to argmap.graph.elements.HIDEABLE, a test checks).
HIDE_CHOICES = (*kind_names(), "implicit", "added")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MAP...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Where to write: a file for one map (`-` for standard output), a folder for several. "
    "Default: beside each map, with the format's suffix.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="svg (default; tooltips hold full text, quotes and their line:col), png, pdf, or dot "
    "(the Graphviz source: needs no Graphviz). Default: from -o's suffix, else svg.",
)
@click.option(
    "--labels",
    type=click.Choice(["text", "quote", "both", "id"], case_sensitive=False),
    default="text",
    show_default=True,
    help="What boxes say: the paraphrase, the author's words (shortened), both, or ids only.",
)
@click.option(
    "--focus",
    multiple=True,
    metavar="ID",
    help="Draw only this claim and its neighbourhood (--depth links away). Repeatable.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="How many links from --focus to include (default 1).",
)
@click.option(
    "--hide",
    multiple=True,
    type=click.Choice(HIDE_CHOICES, case_sensitive=False),
    metavar="KIND",
    help=f"Leave out claims of this kind ({', '.join(HIDE_CHOICES)}). Repeatable.",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    metavar="NAME",
    help="Draw only this group (by id), plus the claims that lead from it to the thesis. Repeatable.",
)
@click.option(
    "--direction",
    type=click.Choice(["TB", "BT", "LR"]),
    default="TB",
    show_default=True,
    help="TB: thesis on top; BT: thesis at the bottom; LR: thesis on the left.",
)
@click.option(
    "--evaluate",
    "evaluated",
    is_flag=True,
    help="Mark every claim and relation IN, OUT or UNDECIDED (as `argmap evaluate` labels them); "
    "the verdict goes in the title.",
)
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
@click.option("--no-title", is_flag=True, help="Leave out the title (map title, source's title, author, date).")
@timeout_option()
@map_inputs
def render(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str | None,
    labels: str,
    focus: tuple[str, ...],
    depth: int | None,
    hide: tuple[str, ...],
    groups: tuple[str, ...],
    direction: str,
    evaluated: bool,
    no_legend: bool,
    no_title: bool,
    timeout: float,
    options: Options,
) -> int:
    """Draw argument diagrams: the thesis on top, groups as boxes, a legend and a title.

    MAP... are map files or folders (every .yaml/.yml file below them); each map is drawn
    to its own file. A map with check errors is still drawn as far as it resolved.
    """
    from argmap.check.pipeline import check_map, find_maps
    from argmap.graph.build import build_graph
    from argmap.graph.elements import GraphOptions
    from argmap.graph.select import SelectionError
    from argmap.writers.files import WriteError, write_output
    from argmap.writers.graphviz import DotMissing, RenderError
    from argmap.writers.graphviz import render as draw
    from argmap.writers.problems import format_text

    if depth is not None and not focus:
        return fail("--depth needs --focus (the claim to count links from)")
    maps, folder_problems = find_maps(paths)
    if folder_problems:
        click.echo(format_text(folder_problems, 0, colour_wanted(sys.stderr)), nl=False, err=True)
        return EXIT_UNUSABLE
    refused = _output_refused(output, fmt, maps, paths)
    if refused is not None:
        return fail(refused)
    fmt = (fmt or _format_from(output, len(maps)) or "svg").lower()
    targets = _targets(maps, paths, output, fmt)
    if isinstance(targets, str):
        return fail(targets)

    graph_options = GraphOptions(
        labels=cast("LabelMode", labels.lower()),
        focus=focus,
        depth=1 if depth is None else depth,
        hide=tuple(h.lower() for h in hide),
        groups=groups,
        direction=cast("Direction", direction),
        legend=not no_legend,
        title=not no_title,
    )
    code = EXIT_OK
    for map_path, target in zip(maps, targets, strict=False):
        result = check_map(map_path, options)
        if result.resolved is None:
            click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
            code = max(code, EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS)
            click.echo(f"argmap: {result.file}: nothing to draw", err=True)
            continue
        if result.problems:
            counts = _counts(result.errors, result.warnings)
            lead = "drawing what resolved" if result.errors else "drawing it"
            click.echo(
                f"argmap: warning: {result.file} has {counts} (run `argmap check {result.file}`); {lead}", err=True
            )
        try:
            graph = build_graph(result.resolved, graph_options)
        except SelectionError as error:
            code = max(code, fail(f"{result.file}: {error}"))
            continue
        if evaluated:
            from argmap.analysis.evaluate import evaluate
            from argmap.analysis.evaluation_graph import evaluated_graph

            graph = evaluated_graph(graph, result.resolved, evaluate(result.resolved))
        try:
            data = draw(graph, fmt, timeout=timeout)
        except DotMissing as error:
            return fail(str(error))
        except RenderError as error:
            code = max(code, fail(f"{result.file}: {error}"))
            continue
        try:
            write_output(target, data, result.resolved.inputs)
        except WriteError as error:
            code = max(code, fail(str(error)))
            continue
        if target is not None:
            click.echo(f"argmap: wrote {target}", err=True)
        code = max(code, exit_code([result], options.config.strict))  # strict: warnings fail too
    return code


def _counts(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)


def _output_refused(output: Path | None, fmt: str | None, maps: list[Path], paths: tuple[Path, ...]) -> str | None:
    """Why -o cannot be what the user meant: a file named for another format, or one file for many maps."""
    if output is None or str(output) == "-" or output.is_dir():
        return None
    suffix = output.suffix.lower()
    several = len(maps) != 1 or any(p.is_dir() for p in paths)
    if several:
        if suffix in SUFFIXES:
            return (
                f"-o {output} names one file, but {len(maps)} map(s) are drawn from "
                f"{', '.join(str(p) for p in paths)}: name a folder to draw each map into (e.g. -o pictures)"
            )
        return None
    if not suffix:
        return None  # a file with no suffix: --format (or svg) says what goes in it
    from argmap.writers.files import WriteError, not_an_input

    try:
        not_an_input(output, {})  # a map's name first: that is the file a mistake would destroy
    except WriteError as error:
        return str(error)
    named = SUFFIXES.get(suffix)
    if named is None:
        return f"-o {output}: argmap draws .svg, .png, .pdf or .dot files; name the file with one of these suffixes"
    if fmt is not None and fmt.lower() != named:
        return (
            f"-o {output} ends in {suffix} but --format is {fmt.lower()}: "
            f"name it {output.with_suffix('.' + fmt.lower())}, or leave out --format"
        )
    return None


def _format_from(output: Path | None, count: int) -> str | None:
    if output is None or count != 1 or str(output) == "-":
        return None
    return SUFFIXES.get(output.suffix.lower())


def _targets(maps: list[Path], paths: tuple[Path, ...], output: Path | None, fmt: str) -> list[Path | None] | str:
    """Where each map's picture goes (None: standard output), or why that cannot be worked out."""
    suffix = f".{fmt}"
    if output is not None and str(output) == "-":
        if len(maps) != 1:
            return "-o - (standard output) takes one map; name a folder to draw several"
        return [None]
    if output is not None and len(maps) == 1 and not output.is_dir() and not any(p.is_dir() for p in paths):
        return [output]
    if output is None:
        return _distinct(maps, [m.with_suffix(suffix) for m in maps])
    if output.exists() and not output.is_dir():
        return f"{output} is a file; to draw several maps, -o names a folder"
    targets: list[Path] = []
    for map_path in maps:
        base = next((p for p in paths if p.is_dir() and map_path.is_relative_to(p)), None)
        relative = map_path.relative_to(base) if base is not None else Path(map_path.name)
        targets.append(output / relative.with_suffix(suffix))
    distinct = _distinct(maps, targets)
    if isinstance(distinct, str):
        return distinct
    for target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return f"cannot create the folder {target.parent}: {error.strerror or error}"
    return distinct


def _distinct(maps: list[Path], targets: list[Path]) -> list[Path | None] | str:
    """The targets, unless two maps would be drawn to one file or a map is another's target:
    said before anything is drawn, so that no picture silently replaces another or a map."""
    drawn: dict[Path, Path] = {}
    for map_path, target in zip(maps, targets, strict=False):
        key = target.absolute()
        if key in drawn:
            return f"{drawn[key]} and {map_path} would both be drawn to {target}; draw them separately or use -o FOLDER"
        drawn[key] = map_path
    for map_path in maps:
        if map_path.absolute() in drawn:
            return f"{drawn[map_path.absolute()]} would be drawn onto the map {map_path}; name another output with -o"
    chosen: list[Path | None] = list(targets)
    return chosen
