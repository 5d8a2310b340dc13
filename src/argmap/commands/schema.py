"""`argmap schema`: the JSON Schema of the map format, for editors and check-jsonschema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.commands.common import EXIT_OK, config_options


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
@config_options
def schema(output: Path | None) -> int:
    """Print the JSON Schema of the map format (draft-07), for editors and check-jsonschema.

    Maps name it on their first line so VS Code's YAML extension completes keys:
    `# yaml-language-server: $schema=../schema/argmap.schema.json`
    """
    from argmap.format.model import schema as map_schema
    from argmap.writers.files import write_output

    document = json.dumps(map_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_output(output, document.encode("utf-8"))
    return EXIT_OK
