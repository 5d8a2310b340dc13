"""`argmap export`: the fully resolved map for other tools.

Exit codes: 0 written from a map without problems; 1 written, but the map has errors
(or warnings with `strict = true`); 2 an unreadable map or an output that could not be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_PROBLEMS, exit_code, map_inputs, report_problems

if TYPE_CHECKING:
    from argmap.check.pipeline import Options


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True, help="Export format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
@map_inputs
def export(map_file: Path, fmt: str, output: Path | None, options: Options) -> int:
    """Export the fully resolved map: claims, relations, and every quote's span in its source."""
    from argmap.check.pipeline import check_map
    from argmap.writers.export_json import export_json
    from argmap.writers.files import write_output

    result = check_map(map_file, options)
    report_problems(result)
    if result.resolved is None:
        return max(exit_code([result], options.config.strict), EXIT_PROBLEMS)
    write_output(output, export_json(result.resolved).encode("utf-8"), result.resolved.inputs)
    return exit_code([result], options.config.strict)
