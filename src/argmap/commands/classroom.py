"""`argmap class`: one table for a class, each student's overlay on the same base map.

Only click and the standard library are imported here, so `argmap --help` stays
fast; the pipeline and the analysis are imported when the command runs.

Exit codes: 0, or 1 when an overlay has check errors; 2 for a usage error, a base map
that cannot be read, a folder with no map, a broken configuration, or an output that
cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, colour_wanted, fail, map_inputs
from argmap.format.vocabulary import TABLE_FORMATS, format_names, suffix_map

if TYPE_CHECKING:
    from argmap.check.pipeline import Options

CLASS_FORMATS = format_names(TABLE_FORMATS)
CLASS_SUFFIXES = suffix_map(TABLE_FORMATS)


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
@map_inputs
def class_overview(
    base: Path,
    overlays: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    options: Options,
) -> int:
    """One table for a class: each overlay on BASE, what it adds and answers, the verdict with it.

    OVERLAY_OR_FOLDER... are overlay files or folders (every .yaml/.yml file below them).
    A broken overlay is a row with its problem.
    """
    from argmap.analysis import classroom_report
    from argmap.analysis.classroom import overview
    from argmap.check.pipeline import find_maps
    from argmap.writers.files import WriteError, write_output
    from argmap.writers.problems import format_text as problem_text

    if fmt is None:
        fmt = CLASS_SUFFIXES.get(output.suffix.lower(), "text") if output is not None and str(output) != "-" else "text"
    maps, folder_problems = find_maps(overlays)
    if folder_problems:
        click.echo(problem_text(folder_problems, 0, colour_wanted(sys.stderr)), nl=False, err=True)
        return EXIT_UNUSABLE
    table, base_result = overview(base, maps, options)
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
