"""`argmap add` and `argmap fix`: the commands that edit a map file.

Only click and the standard library are imported at start-up (argmap's `--help` stays fast);
the work is done by `argmap.edit.add` and `argmap.edit.fix`, imported when a command runs. `fix_command` is what both
`argmap fix` and `argmap check --fix` call.

Exit codes: 0 done; 1 refused (the new claim has problems) or problems remain; 2 usage error,
a map that cannot be read, or a file that cannot be written. The edit stage reports an
`Outcome` (or raises `EditError`); `exit_code` maps it here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, colour_wanted, map_inputs
from argmap.format.vocabulary import BASES, kind_names

if TYPE_CHECKING:
    from argmap.check.pipeline import Options
    from argmap.edit.fix import FixResult
    from argmap.edit.session import Outcome


KINDS = kind_names(addable_only=True)


def exit_code(outcome: Outcome) -> int:
    """The exit code of an edit's outcome."""
    from argmap.edit.session import Outcome

    return {Outcome.DONE: EXIT_OK, Outcome.PROBLEMS: EXIT_PROBLEMS, Outcome.UNUSABLE: EXIT_UNUSABLE}[outcome]


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--to", "target", required=True, metavar="ID", help="The claim the new one attacks or supports.")
@click.option("--text", required=True, help="The new claim, in your own words.")
@click.option(
    "--quote",
    "quotes",
    multiple=True,
    help="The author's exact words, if the claim is in the source (repeat for several passages).",
)
@click.option("--source", metavar="ID", help="The source the quotes come from (default: the map's first source).")
@click.option("--by", metavar="NAME", help='Who added it (added_by:); default: $ARGMAP_AUTHOR, else "a student".')
@click.option("--basis", type=click.Choice(BASES), help="For evidence: what kind of evidence it is.")
@click.option("--voice", help="Whose claim it is, when not the author's own.")
@click.option("--group", metavar="ID", help="A group id from the map's `groups:`.")
@click.option(
    "--id",
    "claim_id",
    metavar="ID",
    help="The new claim's id (default: the next free one for its kind: O3 after O1, O2).",
)
@click.option(
    "--attacks/--supports",
    "attacks",
    default=None,
    help="Override the relation (default: objections, rebuttals, concessions attack; evidence and premises support).",
)
@click.option("--dry-run", is_flag=True, help="Show the lines that would be added; write nothing.")
@map_inputs
def add(
    kind: str,
    map_file: Path,
    target: str,
    text: str,
    quotes: tuple[str, ...],
    source: str | None,
    by: str | None,
    basis: str | None,
    voice: str | None,
    group: str | None,
    claim_id: str | None,
    attacks: bool | None,
    dry_run: bool,
    options: Options,
) -> int:
    """Add a claim (e.g. your counterargument) to the end of a map's claims.

    The map is checked with the new claim before anything is written: if the
    claim brings errors (an unknown --to id, a quote that is not in the source),
    nothing is written and the problems are shown. Comments, order, quoting and
    indentation of the file are kept byte for byte.

    \b
    Example:
      argmap add objection --to P1 --text "Trade alone does not make an alliance." arguments/map.yaml
    """
    from argmap.edit.add import NewClaim, add_claim
    from argmap.edit.session import EditError
    from argmap.writers.files import edit_lock
    from argmap.writers.problems import format_text

    claim = NewClaim(kind, target, text, quotes, source, by, basis, voice, group, attacks, claim_id)
    try:
        with edit_lock(map_file):
            result = add_claim(map_file, claim, dry_run, options)
    except EditError as error:
        click.echo(f"argmap: {error}", err=True)
        return EXIT_UNUSABLE
    colour = colour_wanted(sys.stderr)
    if result.message is not None:
        if result.existing:
            click.echo(format_text(result.existing, 1, colour), nl=False, err=True)
        click.echo(f"argmap: {result.file}: nothing added: {result.message}", err=True)
        return exit_code(result.code)
    if result.refused:
        click.echo(
            f"argmap: {result.file}: the claim would be added as (line numbers below count these lines):", err=True
        )
        click.echo(result.diff, nl=False, err=True)
        click.echo(format_text(result.refused, 1, colour), nl=False, err=True)
        click.echo(
            f"argmap: {result.file}: {result.claim_id} not added: the new claim has the problems above; "
            "the map is unchanged",
            err=True,
        )
        return exit_code(result.code)
    if result.warnings:
        click.echo(format_text(result.warnings, 1, colour), nl=False, err=True)
    if dry_run:
        click.echo(result.diff, nl=False)
        click.echo(
            f"{result.file}: would add {result.claim_id} ({kind}), {result.relation} {result.target} "
            "(dry run: nothing written)"
        )
    else:
        click.echo(f"{result.file}: added {result.claim_id} ({kind}), {result.relation} {result.target}")
    if result.existing:
        errors = sum(p.is_error for p in result.existing)
        warnings = len(result.existing) - errors
        click.echo(
            f"note: the map already had {errors} error(s) and {warnings} warning(s) elsewhere; "
            f"`argmap check {result.file}` lists them",
            err=True,
        )
    return EXIT_OK


def print_fix(result: FixResult) -> None:
    """Word one map's fix: the diff, what was fixed, what was not."""
    from argmap.format.problems import printable
    from argmap.writers.problems import format_text

    if result.message is not None:
        if result.problems:
            click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
        click.echo(printable(f"argmap: {result.file}: nothing fixed: {result.message}"), err=True)
        return
    click.echo(result.diff, nl=False)
    for line in result.unfixed:
        click.echo(printable(line), err=True)  # may quote the source
    count = len(result.fixes)
    if not count and result.unfixed:
        click.echo(f"{result.file}: nothing fixed; {len(result.unfixed)} quote(s) need your hand (see above)")
    elif not count:
        click.echo(f"{result.file}: nothing to fix")
    else:
        verb = "fixed" if result.written else "would fix"
        click.echo(
            f"{result.file}: {verb} {count} quote{'s' if count != 1 else ''}"
            f"{'' if result.written else ' (dry run: nothing written)'}"
        )
    errors = sum(p.is_error for p in result.problems)
    if errors:
        click.echo(
            f"{result.file}: {errors} error(s) remain that `fix` does not touch; "
            f"`argmap check {result.file}` lists them"
        )


def fix_command(paths: tuple[Path, ...], dry_run: bool, options: Options) -> int:
    """Fix every map named (folders: every .yaml/.yml file below them); the worst exit code of them."""
    from argmap.check.pipeline import find_maps
    from argmap.edit.fix import fix_map
    from argmap.writers.files import edit_lock
    from argmap.writers.problems import format_text

    maps, folder_problems = find_maps(paths)
    code = EXIT_OK
    if folder_problems:
        click.echo(format_text(folder_problems, 0, colour_wanted(sys.stderr)), nl=False, err=True)
        code = EXIT_UNUSABLE
    for path in maps:
        with edit_lock(path):
            result = fix_map(path, dry_run, options)
        print_fix(result)
        code = max(code, exit_code(result.code))
    return code


@click.command()
@click.argument("paths", metavar="MAP_OR_FOLDER...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
@map_inputs
def fix(paths: tuple[Path, ...], dry_run: bool, options: Options) -> int:
    """Rewrite quotes that match only after normalisation to the source's exact text.

    Straight quotes for curly ones, plain spaces for no-break spaces, hyphens
    for dashes, line breaks, case: each such quote (warning AM207) becomes the
    source's exact words. Nothing else in the file changes; the diff is printed.
    """
    return fix_command(paths, dry_run, options)
