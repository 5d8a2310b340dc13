"""`argmap lsp`: the language server, over standard input and output.

Only click is imported at start-up; pygls and the pipeline load when the server starts.
"""

from __future__ import annotations

import click

from argmap.commands.common import EXIT_OK


@click.command()
def lsp() -> int:
    """Run the language server over stdio, for editors (diagnostics, hover, go to definition,
    references, completion, rename, quick fixes for quotes). Editor set-up: docs/editors.md.
    """
    from argmap.lsp.server import serve

    serve()
    return EXIT_OK
