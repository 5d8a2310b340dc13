"""`argmap coverage`: how much of each source the quotes cover, by sentence and by paragraph.

Exit codes: 0 measured (and at or above --min); 1 below --min, a map with errors that could
not be measured, or (with `strict`) with warnings; 2 an unreadable map or a broken configuration.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from argmap.commands.common import EXIT_OK, EXIT_PROBLEMS, colour_wanted, exit_code, map_inputs, report_problems
from argmap.format.vocabulary import REPORT_FORMATS, format_names

if TYPE_CHECKING:
    from argmap.check.pipeline import Options


class Percent(click.FloatRange):
    """A number from 0 to 100, and not `nan`, which compares false with everything and so passed."""

    def __init__(self) -> None:
        super().__init__(0, 100)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value} is not a percentage from 0 to 100", param, ctx)
        return number


@click.command()
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--min",
    "minimum",
    type=Percent(),
    default=None,
    help="Fail (exit 1) when sentence coverage of a source is below PERCENT (0 to 100).",
    metavar="PERCENT",
)
@click.option("--format", "fmt", type=click.Choice(format_names(REPORT_FORMATS)), default="text", show_default=True)
@map_inputs
def coverage(map_files: tuple[Path, ...], minimum: float | None, fmt: str, options: Options) -> int:
    """How much of each source the quotes cover, by sentence and by paragraph.

    Passages listed under a source's `exclude:` are left out of the count, each
    with its reason; every uncovered sentence is listed with its line.
    """
    from argmap.analysis import coverage as measure
    from argmap.check.pipeline import check_map
    from argmap.format.problems import printable
    from argmap.writers.problems import format_text

    if minimum is None:
        minimum = options.config.coverage_min
    codes, texts, documents = [EXIT_OK], [], []
    for map_file in map_files:
        result = check_map(map_file, options)
        if result.resolved is None:
            report_problems(result)
            codes.append(max(exit_code([result], options.config.strict), EXIT_PROBLEMS))
            continue
        if result.errors:
            # A gate fails closed: a source that could not be read, or quotes that were not
            # found, must not pass as a measured coverage.
            click.echo(
                format_text([p for p in result.problems if p.is_error], 1, colour_wanted(sys.stderr)),
                nl=False,
                err=True,
            )
            click.echo(
                f"argmap: {result.file} has {result.errors} error(s); quotes that were not found "
                "count as uncovered, and coverage fails until they are fixed",
                err=True,
            )
            codes.append(EXIT_PROBLEMS)
        elif options.config.strict and result.warnings:
            report_problems(result)  # strict: a warning fails the gate as an error would
            codes.append(EXIT_PROBLEMS)
        found = measure.map_coverage(result.resolved)
        texts.append(measure.format_text(result.file, found, minimum))
        documents.append(measure.coverage_dict(result.file, found, minimum))
        if measure.below(found, minimum):
            codes.append(EXIT_PROBLEMS)
    if fmt == "json":
        click.echo(json.dumps({"argmap_coverage": 1, "maps": documents}, indent=2, ensure_ascii=False))
    else:
        click.echo(printable("".join(texts)), nl=False)
    return max(codes)
