"""`argmap rules`: every problem code, or one with its documentation and examples."""

from __future__ import annotations

import click

from argmap.commands.common import EXIT_OK, config_options, fail


@click.command()
@click.argument("codes", nargs=-1)
@config_options
def rules(codes: tuple[str, ...]) -> int:
    """List every problem code; with CODES, print their documentation and examples."""
    from argmap.check.docs import describe_codes, list_codes

    if not codes:
        click.echo(list_codes(), nl=False)
        return EXIT_OK
    text, unknown = describe_codes(codes)
    click.echo(text, nl=False)
    if unknown:
        return fail(f"unknown code(s): {', '.join(unknown)}; `argmap rules` lists them all")
    return EXIT_OK
