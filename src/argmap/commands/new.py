"""`argmap new`: start a map of another article.

Exit codes: 0 written; 2 the map exists (without --force), the source cannot be read,
or the map cannot be written.
"""

from __future__ import annotations

from pathlib import Path

import click

from argmap.commands.common import EXIT_OK, config_options, fail


@click.command()
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
@config_options
def new(source: Path, map_file: Path, force: bool) -> int:
    """Start a map of the article in SOURCE: its source entry with a sha256 pin and an empty thesis."""
    from argmap.edit.scaffold import ScaffoldError, scaffold
    from argmap.writers.files import not_an_input, write_atomic

    if map_file.exists() and not force:
        return fail(f"{map_file} exists; choose another name or add --force to overwrite it")
    try:
        not_an_input(map_file, {source: "the source to be mapped"}, map_output=True)
        text = scaffold(source, map_file)
    except ScaffoldError as error:
        return fail(str(error))
    write_atomic(map_file, text.encode("utf-8"))
    click.echo(f"argmap: wrote {map_file}; fill in the thesis (text and quote), then run `argmap check {map_file}`")
    return EXIT_OK
