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

import importlib
import os
import sys

import click

from argmap import __version__
from argmap.commands.common import EXIT_PROBLEMS, EXIT_UNUSABLE

# Every command, by name: the module that defines it, and its function. A command's module is
# imported only when it runs (or for --help), so `argmap check` does not pay for `render` or `lsp`.
COMMANDS: dict[str, str] = {
    "check": "argmap.commands.check:check",
    "export": "argmap.commands.export:export",
    "coverage": "argmap.commands.coverage:coverage",
    "new": "argmap.commands.new:new",
    "schema": "argmap.commands.schema:schema",
    "rules": "argmap.commands.rules:rules",
    "render": "argmap.commands.render:render",
    "diff": "argmap.commands.diff:diff",
    "add": "argmap.commands.edit:add",
    "fix": "argmap.commands.edit:fix",
    "slides": "argmap.commands.slides:slides",
    "html": "argmap.commands.slides:html",
    "import": "argmap.commands.importing:import_group",
    "evaluate": "argmap.commands.evaluate:evaluate",
    "class": "argmap.commands.classroom:class_overview",
    "lsp": "argmap.commands.lsp:lsp",
    "watch": "argmap.commands.watch:watch",
}


class LazyGroup(click.Group):
    """A click group that imports each command's module the first time the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def cli() -> None:
    """Map the argument structure of opinion writing, anchored in the author's words.

    \b
    Exit codes: 0 no problems; 1 problems found; 2 usage error, unreadable
    input, or an output that could not be written.
    """


def main(argv: list[str] | None = None) -> int:
    """Run argmap; return the exit code instead of exiting (tests call this)."""
    from argmap.format.problems import printable
    from argmap.writers.files import WriteError

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
    except OSError as error:
        if error.filename is not None:  # a file operation no stage expected to fail
            click.echo(printable(f"argmap: {error.filename}: {error.strerror or error}"), err=True)
            return EXIT_UNUSABLE
        # Printing to a full or failing standard output; what is still buffered cannot be
        # written either.
        _silence_stdout()
        click.echo(f"argmap: cannot write to standard output: {error.strerror or error}", err=True)
        return EXIT_UNUSABLE
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
