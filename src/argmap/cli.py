"""The `argmap` command line.

Only click is imported at start-up, so `argmap --help` and `--version` stay
fast; each command imports the stages it needs when it runs.

Exit codes (every command):
  0  no problems
  1  problems found (errors; warnings too with --strict)
  2  usage error, unreadable input (missing file, not UTF-8, broken YAML…),
     an output that could not be written, or an internal error
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap import __version__
from argmap.terminal import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, colour_wanted, input_limits, input_options

if TYPE_CHECKING:
    from argmap.check import MapResult
    from argmap.config import Config


def _config() -> Config | None:
    """The project's configuration, or None (after saying why) when it is broken."""
    from argmap.config import load_config
    from argmap.report import problem_lines

    config, problems = load_config(Path.cwd())
    if problems:
        for line in problem_lines(problems, colour_wanted(sys.stderr)):
            click.echo(line, err=True)
        click.echo(f"argmap: fix the configuration in {config.file} first", err=True)
        return None
    return config


def _exit_code(results: list[MapResult], strict: bool) -> int:
    if any(r.unreadable for r in results):
        return EXIT_UNUSABLE
    if any(r.errors for r in results) or (strict and any(r.warnings for r in results)):
        return EXIT_PROBLEMS
    return EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def cli() -> None:
    """Map the argument structure of opinion writing, anchored in the author's words.

    \b
    Exit codes: 0 no problems; 1 problems found; 2 usage error, unreadable
    input, or an output that could not be written.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
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
@input_limits
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    strict: bool,
    fix: bool,
    dry_run: bool,
    max_bytes: int | None,
    max_source_bytes: int | None,
    root: Path | None,
) -> int:
    """Check maps: quotes found in their sources, references resolved, a sound structure.

    PATHS are map files or folders (every .yaml/.yml file below them is checked).
    """
    from argmap.check import MapResult, check_map, find_maps

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    if fix:
        from argmap.edit_cli import fix_command

        fixed = fix_command(paths, dry_run, root)
        if fixed == EXIT_UNUSABLE or dry_run:
            return fixed
    from argmap.report import format_problems

    config = _config()
    if config is None:
        return EXIT_UNUSABLE
    fmt = fmt or config.format or "text"
    strict = strict or config.strict
    options = input_options(max_bytes, max_source_bytes, root)
    maps, folder_problems = find_maps(paths)
    results = [check_map(path, options) for path in maps]
    for result in results:
        result.problems = config.apply(result.problems)
    if folder_problems:
        results.append(MapResult(folder_problems[0].file, folder_problems))
    # an overlay reports its base's problems too; a base checked beside it reports them once
    problems = list(dict.fromkeys(p for r in results for p in r.problems))
    click.echo(format_problems(problems, len(maps), fmt, colour_wanted(sys.stdout)), nl=False)
    if any(p.code == "AM100" for p in folder_problems):
        return EXIT_UNUSABLE
    return _exit_code(results, strict)


@cli.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True, help="Export format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
@input_limits
def export(
    map_file: Path,
    fmt: str,
    output: Path | None,
    max_bytes: int | None,
    max_source_bytes: int | None,
    root: Path | None,
) -> int:
    """Export the fully resolved map: claims, relations, and every quote's span in its source."""
    from argmap.check import check_map
    from argmap.export import export_json
    from argmap.report import format_text

    config = _config()
    if config is None:
        return EXIT_UNUSABLE
    result = check_map(map_file, input_options(max_bytes, max_source_bytes, root))
    result.problems = config.apply(result.problems)
    if result.problems:
        click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
    if result.resolved is None:
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    from argmap.write import write_output

    write_output(output, export_json(result.resolved).encode("utf-8"))
    return EXIT_PROBLEMS if result.errors else EXIT_OK


@cli.command()
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
@input_limits
def coverage(
    map_files: tuple[Path, ...],
    minimum: float | None,
    fmt: str,
    max_bytes: int | None,
    max_source_bytes: int | None,
    root: Path | None,
) -> int:
    """How much of each source the quotes cover, by sentence and by paragraph.

    Passages listed under a source's `exclude:` are left out of the count, each
    with its reason; every uncovered sentence is listed with its line.
    """
    import json

    from argmap import coverage as measure
    from argmap.check import check_map
    from argmap.report import format_text

    config = _config()
    if config is None:
        return EXIT_UNUSABLE
    if minimum is None:
        minimum = config.coverage_min
    codes, texts, documents = [EXIT_OK], [], []
    for map_file in map_files:
        result = check_map(map_file, input_options(max_bytes, max_source_bytes, root))
        result.problems = config.apply(result.problems)
        if result.resolved is None:
            click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)
            codes.append(EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS)
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


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "map_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The map file to create (e.g. arguments/next-article.yaml).",
)
@click.option("--force", is_flag=True, help="Overwrite MAP if it exists.")
def new(source: Path, map_file: Path, force: bool) -> int:
    """Start a map of the article in SOURCE: its source entry with a sha256 pin and an empty thesis."""
    from argmap.scaffold import ScaffoldError, scaffold
    from argmap.write import write_atomic

    if map_file.exists() and not force:
        click.echo(f"argmap: {map_file} exists; choose another name or add --force to overwrite it", err=True)
        return EXIT_UNUSABLE
    try:
        text = scaffold(source, map_file)
    except ScaffoldError as error:
        click.echo(f"argmap: {error}", err=True)
        return EXIT_UNUSABLE
    write_atomic(map_file, text.encode("utf-8"))
    click.echo(f"argmap: wrote {map_file}; fill in the thesis (text and quote), then run `argmap check {map_file}`")
    return EXIT_OK


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
def schema(output: Path | None) -> int:
    """Print the JSON Schema of the map format (draft-07), for editors and check-jsonschema.

    Maps name it on their first line so VS Code's YAML extension completes keys:
    `# yaml-language-server: $schema=../schema/argmap.schema.json`
    """
    import json

    from argmap.model import schema as map_schema
    from argmap.write import write_output

    document = json.dumps(map_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_output(output, document.encode("utf-8"))
    return EXIT_OK


@cli.command()
@click.argument("codes", nargs=-1)
def rules(codes: tuple[str, ...]) -> int:
    """List every problem code; with CODES, print their documentation and examples."""
    from argmap.docs import describe_codes, list_codes

    if not codes:
        click.echo(list_codes(), nl=False)
        return EXIT_OK
    text, unknown = describe_codes(codes)
    click.echo(text, nl=False)
    if unknown:
        click.echo(f"argmap: unknown code(s): {', '.join(unknown)}; `argmap rules` lists them all", err=True)
        return EXIT_UNUSABLE
    return EXIT_OK


def _register_commands() -> None:
    # Commands with many options live in their own modules; each imports only click at start-up.
    from argmap.commands.lsp import lsp
    from argmap.commands.watch import watch
    from argmap.diff_cli import diff
    from argmap.edit_cli import add, fix
    from argmap.render_cli import render

    for command in (render, diff, add, fix, lsp, watch):
        cli.add_command(command)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Run argmap; return the exit code instead of exiting (tests call this)."""
    from argmap.write import WriteError

    try:
        code = cli.main(args=argv, prog_name="argmap", standalone_mode=False)
    except click.exceptions.Exit as stop:  # --help, --version
        return int(stop.exit_code)
    except click.ClickException as error:  # usage errors: unknown option, missing argument…
        error.show()
        return EXIT_UNUSABLE
    except click.exceptions.Abort:
        click.echo("argmap: interrupted", err=True)
        return EXIT_UNUSABLE
    except WriteError as error:
        click.echo(f"argmap: {error}", err=True)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        _silence_stdout()  # the reader (e.g. `head`) has gone: stop quietly, no traceback
        return EXIT_PROBLEMS
    except RecursionError:
        click.echo("argmap: the input is nested too deeply to process", err=True)
        return EXIT_UNUSABLE
    except MemoryError:
        click.echo("argmap: out of memory: the input is too large to process", err=True)
        return EXIT_UNUSABLE
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        click.echo(
            f"argmap: internal error ({type(error).__name__}: {error}); please report it with the file that caused it",
            err=True,
        )
        return EXIT_UNUSABLE
    return int(code or 0)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
