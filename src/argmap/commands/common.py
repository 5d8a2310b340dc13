"""What every command shares: exit codes, colour, a one-line failure, and one way to open maps.

`map_inputs` gives a command the input limits (--root, --max-bytes, --max-source-bytes)
and the configuration (.argmap.toml or [tool.argmap]; --isolated for none, --config PATH
for one named file) as one `Options`, so every command checks maps the same way:
`check_map(path, options)` applies the configured rules, and `exit_code` honours `strict`.

Imports only the standard library and click, so each command module can use it
without slowing `argmap --help`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from argmap.check.config import Config
    from argmap.check.pipeline import MapResult, Options

# Exit codes, the same for every command (README, `argmap --help`).
EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def colour_wanted(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(message: str) -> int:
    """Say on stderr why a command cannot go on; the exit code for it."""
    from argmap.format.problems import printable

    click.echo(printable(f"argmap: {message}"), err=True)
    return EXIT_UNUSABLE


CONFIG_KEY = "argmap.config"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    chosen = ctx.meta.setdefault(CONFIG_KEY, {})
    if value is not None and value is not False:
        if chosen:
            raise click.UsageError("--isolated and --config exclude each other: choose one", ctx)
        chosen[param.name] = value
    return value


def config_options(function: Any) -> Any:
    """--isolated and --config PATH: which configuration a command reads (default: the nearest
    `.argmap.toml` or `[tool.argmap]` from the working directory up)."""
    function = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_remember,
        help="Read the configuration from this file only (e.g. the course's, on a CI runner).",
    )(function)
    function = click.option(
        "--isolated",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_remember,
        help="Read no configuration file at all: argmap's defaults only.",
    )(function)
    return function


def chosen_config() -> tuple[bool, Path | None]:
    """What --isolated and --config asked for in the running command: (isolated, file)."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get(CONFIG_KEY, {}) if ctx is not None else {}
    return bool(chosen.get("isolated")), chosen.get("config_file")


def project_config() -> Config | None:
    """The configuration this run asked for, or None (after saying why on stderr) when it is broken.

    --isolated: none; --config PATH: that file only; otherwise the nearest one from the working
    directory up. A CI runner checking submissions passes one of the two, so that a file in the
    submission cannot choose the rules."""
    from argmap.check.config import Config, load_config, load_config_file
    from argmap.writers.problems import problem_lines

    isolated, chosen = chosen_config()
    if isolated:
        return Config()
    config, problems = load_config_file(chosen) if chosen is not None else load_config(Path.cwd())
    if problems:
        for line in problem_lines(problems, colour_wanted(sys.stderr)):
            click.echo(line, err=True)
        click.echo(f"argmap: fix the configuration in {config.file} first", err=True)
        return None
    return config


def input_options(
    max_bytes: int | None, max_source_bytes: int | None, root: Path | None, config: Config | None = None
) -> Options:
    """The check options the input flags give (unset flags keep the defaults)."""
    from argmap.check.config import Config
    from argmap.check.pipeline import Options

    defaults = Options()
    return Options(
        max_bytes=max_bytes or defaults.max_bytes,
        max_source_bytes=max_source_bytes or defaults.max_source_bytes,
        root=root,
        config=config if config is not None else Config(),
    )


def map_inputs(function: Callable[..., int]) -> Callable[..., int]:
    """--root, --max-bytes and --max-source-bytes, and the configuration (--isolated, --config),
    as `options`.

    The command receives `options: Options` in place of the three flags; when the
    configuration is broken it does not run at all (exit 2, the problems on stderr)."""

    @functools.wraps(function)
    def opened(
        *args: Any, max_bytes: int | None, max_source_bytes: int | None, root: Path | None, **kwargs: Any
    ) -> int:
        config = project_config()
        if config is None:
            return EXIT_UNUSABLE
        return function(*args, options=input_options(max_bytes, max_source_bytes, root, config), **kwargs)

    command: Any = config_options(opened)
    command = click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        help="Project folder that sources must stay inside (default: found from the map).",
    )(command)
    command = click.option(
        "--max-source-bytes",
        type=click.IntRange(min=1),
        default=None,
        help="Largest source text read (default 20 MiB).",
    )(command)
    command = click.option(
        "--max-bytes", type=click.IntRange(min=1), default=None, help="Largest map file read (default 5 MiB)."
    )(command)
    result: Callable[..., int] = command
    return result


def exit_code(results: Iterable[MapResult], strict: bool) -> int:
    """2 when a map could not be read; 1 for errors (and warnings when strict); else 0."""
    results = list(results)
    if any(r.unreadable for r in results):
        return EXIT_UNUSABLE
    if any(r.errors for r in results) or (strict and any(r.warnings for r in results)):
        return EXIT_PROBLEMS
    return EXIT_OK


def report_problems(result: MapResult) -> None:
    """A map's problems on stderr, as text (for commands whose output is something else)."""
    from argmap.writers.problems import format_text

    if result.problems:
        click.echo(format_text(result.problems, 1, colour_wanted(sys.stderr)), nl=False, err=True)


def timeout_option(help: str = "Stop Graphviz after this long.") -> Callable[[Callable[..., int]], Callable[..., int]]:
    """`--timeout SECONDS` for the commands that run Graphviz (or librsvg): a stuck drawing never hangs CI."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=30.0,
        show_default=True,
        metavar="SECONDS",
        help=help,
    )
