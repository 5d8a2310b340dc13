"""`argmap import`: maps made from other formats' annotations (`argmap import microtext`).

Only click is imported at start-up; the readers are imported when a command runs.
All inputs are read and checked before anything is written: a damaged or mismatched
corpus file stops the import (exit 2) with its position, and the output folder is
left as it was. Every file is then written atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.commands.common import EXIT_OK, colour_wanted, fail

SEEDS = "seeds"


@click.group(name="import")
def import_group() -> None:
    """Make maps from another format's annotations."""


@import_group.command()
@click.argument("xml_files", metavar="FILE.xml...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into (made if missing).",
)
@click.option("--force", is_flag=True, help="Replace maps and texts in the folder that differ from the import.")
def microtext(xml_files: tuple[Path, ...], folder: Path, force: bool) -> int:
    """Import texts of the argumentative microtexts corpus (Peldszus & Stede), one map each.

    Each FILE.xml is a gold graph (arggraph.dtd) with its text, micro_ID.txt, beside it.
    Written: DIR/micro_ID.yaml, the map, and DIR/seeds/micro_ID.txt, the text it quotes
    (copied unchanged, pinned by sha256). Every ADU becomes a claim with the ADU's id
    (a1, a2 …) quoting its exact words; sup, exa, reb, und and add become support,
    example, attack, undercut and linked co-premises; kinds and sides follow the roles
    (docs/import.md).

    Exit codes: 0 imported; 2 a corpus file is missing, damaged or does not match its
    text (file:line:col says where), or an output exists and differs (use --force).
    Nothing is written unless every input imports.
    """
    from argmap.readers.microtext import CorpusError, read_arggraph
    from argmap.readers.microtext_map import to_yaml
    from argmap.writers.files import write_atomic
    from argmap.writers.problems import problem_lines

    outputs: dict[Path, bytes] = {}
    problems = []
    for xml in xml_files:
        try:
            graph = read_arggraph(xml, shown=str(xml))
        except CorpusError as error:
            problems.append(error.problem)
            continue
        text_target = folder / SEEDS / f"{graph.id}.txt"
        map_target = folder / f"{graph.id}.yaml"
        if map_target in outputs:
            return fail(f"{xml}: {graph.id} is given twice; each text is imported once")
        outputs[text_target] = graph.raw_text
        outputs[map_target] = to_yaml(graph, f"{SEEDS}/{graph.id}.txt").encode("utf-8")
    if problems:
        click.echo("\n".join(problem_lines(problems, colour_wanted(sys.stderr))), err=True)
        return fail(f"nothing imported: {len(problems)} of {len(xml_files)} file(s) cannot be read")
    changed = [path for path, data in outputs.items() if _differs(path, data)]
    clashes = [path for path in changed if path.exists()]
    if clashes and not force:
        shown = ", ".join(str(path) for path in clashes[:5]) + (" …" if len(clashes) > 5 else "")
        return fail(f"nothing imported: {shown} already exist(s) and differ(s); use --force to replace")
    try:
        (folder / SEEDS).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return fail(f"cannot make {folder / SEEDS}: {error.strerror or error}")
    for path in changed:  # texts first: a map is never written before the text it quotes
        write_atomic(path, outputs[path])
    maps = len(outputs) // 2
    click.echo(f"argmap: imported {maps} text(s) into {folder} ({len(changed)} file(s) written)", err=True)
    return EXIT_OK


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def _add_formats() -> None:
    from argmap.commands.import_aif import import_aif  # each format's subcommand in its own module

    import_group.add_command(import_aif)


_add_formats()
