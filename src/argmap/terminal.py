"""What every command shares with the terminal: exit codes, colour, a one-line failure.

Imports only the standard library and click, so each command module can use it
without slowing `argmap --help`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from argmap.check import Options

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
    click.echo(f"argmap: {message}", err=True)
    return EXIT_UNUSABLE


def input_limits(function: Any) -> Any:
    """--root, --max-bytes and --max-source-bytes: what every command that reads maps accepts."""
    function = click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        help="Project folder that sources must stay inside (default: found from the map).",
    )(function)
    function = click.option(
        "--max-source-bytes",
        type=click.IntRange(min=1),
        default=None,
        help="Largest source text read (default 20 MiB).",
    )(function)
    function = click.option(
        "--max-bytes", type=click.IntRange(min=1), default=None, help="Largest map file read (default 5 MiB)."
    )(function)
    return function


def input_options(max_bytes: int | None, max_source_bytes: int | None, root: Path | None) -> Options:
    """The check options those three flags give (unset flags keep the defaults)."""
    from argmap.check import Options

    defaults = Options()
    return Options(
        max_bytes=max_bytes or defaults.max_bytes,
        max_source_bytes=max_source_bytes or defaults.max_source_bytes,
        root=root,
    )
