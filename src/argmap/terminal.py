"""What every command shares with the terminal: exit codes, colour, a one-line failure.

Imports only the standard library and click, so each command module can use it
without slowing `argmap --help`.
"""

from __future__ import annotations

import os
from typing import Any

import click

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
