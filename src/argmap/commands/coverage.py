"""`argmap coverage`: how much of each source the quotes cover, by sentence and by paragraph.

Exit codes: 0 measured (and at or above --min); 1 below --min, or a map with errors that
could not be measured; 2 an unreadable map or a broken configuration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_OK, EXIT_PROBLEMS, exit_code, map_inputs, report_problems

if TYPE_CHECKING:
    from argmap.check.pipeline import Options


@click.command()
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--min",
    "minimum",
    type=click.FloatRange(0, 100),
    default=None,
    help="Fail (exit 1) when sentence coverage of a source is below PERCENT.",
    metavar="PERCENT",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@map_inputs
def coverage(map_files: tuple[Path, ...], minimum: float | None, fmt: str, options: Options) -> int:
    """How much of each source the quotes cover, by sentence and by paragraph.

    Passages listed under a source's `exclude:` are left out of the count, each
    with its reason; every uncovered sentence is listed with its line.
    """
    from argmap.analysis import coverage as measure
    from argmap.check.pipeline import check_map

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
            click.echo(
                f"argmap: note: {result.file} has {result.errors} error(s); quotes that were not found "
                "count as uncovered (run `argmap check` for details)",
                err=True,
            )
        found = measure.map_coverage(result.resolved)
        texts.append(measure.format_text(result.file, found, minimum))
        documents.append(measure.coverage_dict(result.file, found, minimum))
        if measure.below(found, minimum):
            codes.append(EXIT_PROBLEMS)
    if fmt == "json":
        click.echo(json.dumps({"argmap_coverage": 1, "maps": documents}, indent=2, ensure_ascii=False))
    else:
        click.echo("".join(texts), nl=False)
    return max(codes)
