"""`argmap import aif FILE.json -o MAP`: a map from an AIF file (AIFdb JSON, OVA3 or OVA2).

A subcommand of the `import` group (argmap.commands.importing). Only click is
imported at start-up; the reader is imported when the command runs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_UNUSABLE, exit_code, fail, project_config, report_problems

if TYPE_CHECKING:
    from argmap.check.config import Config
    from argmap.readers.aif import Imported

# An AIF file of a long debate (QT30's largest) is a few megabytes; beyond this, most likely the wrong file.
DEFAULT_MAX_AIF_BYTES = 50 * 1024 * 1024


@click.command("aif")
@click.argument("aif_file", metavar="FILE.json", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "map_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The map file to write; its source text is written beside it.",
)
@click.option("--thesis", metavar="ID", help="Make this I-node (AIF node id or claim id) the map's one thesis.")
@click.option("--force", is_flag=True, help="Overwrite the map and its text if they exist.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_AIF_BYTES,
    help="Largest AIF file read (default 50 MiB).",
)
def import_aif(aif_file: Path, map_file: Path, thesis: str | None, force: bool, max_bytes: int) -> int:
    """Import an AIF file (AIFdb JSON, or an OVA3 or OVA2 save) as a map.

    Claims come from I-nodes (text = paraphrase), quotes from the locutions that
    assert them, supports from RA nodes, attacks and undercuts from CA nodes. Without
    the analysed text in the file, a transcript of the locutions is written beside
    the map. A map of a debate (several top claims) is written with `shape: debate`.
    """
    from argmap.load.files import display_name, read_text
    from argmap.readers.aif import import_graph
    from argmap.readers.aif_json import AifError, parse_aif_text

    config = project_config()  # the written map is checked as `argmap check` would
    if config is None:
        return EXIT_UNUSABLE
    text, problem = read_text(aif_file, max_bytes)
    if text is None:
        found = f"{problem.file}:{problem.line}:{problem.column}: {problem.message}" if problem else str(aif_file)
        return fail(found)
    name = display_name(aif_file)
    try:
        graph = parse_aif_text(text)
        suffix = ".txt" if graph.text else ".transcript.txt"
        text_file = map_file.with_name(map_file.stem + suffix)
        imported = import_graph(graph, source_name=text_file.name, title=aif_file.stem, thesis=thesis)
    except AifError as error:
        if error.line:
            return fail(f"{name}:{error.line}:{error.column}: {error}")
        return fail(f"{name}: not AIF argmap can read: {error}")
    for path in (map_file, text_file):
        if path.exists() and not force:
            return fail(f"{path} exists; choose another name, or add --force to overwrite it")
    for note in imported.notes:
        click.echo(f"argmap: note: {note}", err=True)
    _write(imported, map_file, text_file)
    return _report(map_file, text_file, imported, config)


def _write(imported: Imported, map_file: Path, text_file: Path) -> None:
    """The text first, then the map; a map that cannot be written takes a new text with it."""
    import yaml

    from argmap.writers.files import WriteError, write_atomic

    data = imported.source_text.encode("utf-8")
    imported.map["sources"][0]["sha256"] = hashlib.sha256(data).hexdigest()
    document = yaml.safe_dump(imported.map, sort_keys=False, allow_unicode=True, width=100)
    existed = text_file.exists()
    write_atomic(text_file, data)
    try:
        write_atomic(map_file, document.encode("utf-8"))
    except WriteError:
        if not existed:
            text_file.unlink(missing_ok=True)
        raise


def _report(map_file: Path, text_file: Path, imported: Imported, config: Config) -> int:
    """Check what was written, so the user knows at once whether it stands as a map."""
    from argmap.check.pipeline import Options, check_map

    result = check_map(map_file, Options(config=config))
    claims = len(imported.map["claims"])
    shape = imported.map.get("shape", "article")
    click.echo(f"argmap: wrote {map_file} ({claims} claims, {shape} map) and its text {text_file}")
    report_problems(result)
    return exit_code([result], config.strict)
