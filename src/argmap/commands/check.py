"""`argmap check`: quotes found in their sources, references resolved, a sound structure.

Exit codes: 0 no problems; 1 problems found (errors; warnings too with --strict or
`strict = true`); 2 a map that could not be read, a folder with no map, or a broken
configuration.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_UNUSABLE, colour_wanted, exit_code, map_inputs
from argmap.format import vocabulary
from argmap.format.vocabulary import format_names

if TYPE_CHECKING:
    from argmap.check.pipeline import Options

PROBLEM_FORMATS = format_names(vocabulary.PROBLEM_FORMATS)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PROBLEM_FORMATS),
    default=None,
    help="text (default) for people, json for tools, github for Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite quotes that match only after normalisation to the source's exact text, then check.",
)
@click.option("--dry-run", is_flag=True, help="With --fix: print the diff, write nothing.")
@map_inputs
def check(paths: tuple[Path, ...], fmt: str | None, strict: bool, fix: bool, dry_run: bool, options: Options) -> int:
    """Check maps: quotes found in their sources, references resolved, a sound structure.

    PATHS are map files or folders (every .yaml/.yml file below them is checked).
    """
    from argmap.check.pipeline import MapResult, check_map, find_maps
    from argmap.writers.problems import format_problems

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    if fix:
        from argmap.commands.edit import fix_command

        fixed = fix_command(paths, dry_run, options)
        if fixed == EXIT_UNUSABLE or dry_run:
            return fixed
    config = options.config
    fmt = fmt or config.format or "text"
    maps, folder_problems = find_maps(paths)
    results = [check_map(path, options) for path in maps]
    if folder_problems:
        results.append(MapResult(folder_problems[0].file, folder_problems))
    # an overlay reports its base's problems too; a base checked beside it reports them once
    problems = list(dict.fromkeys(p for r in results for p in r.problems))
    click.echo(format_problems(problems, len(maps), fmt, colour_wanted(sys.stdout)), nl=False)
    if any(p.code == "AM100" for p in folder_problems):
        return EXIT_UNUSABLE
    return exit_code(results, strict or config.strict)
