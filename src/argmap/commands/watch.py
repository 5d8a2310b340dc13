"""`argmap watch`: check and draw maps again whenever a map, its base or a source is saved.

Only click is imported at start-up; watchfiles, the pipeline and the writers load
when the command runs. A map that cannot be drawn (broken YAML, a missing base)
leaves its last good picture in place: a student mid-edit never loses the
diagram on the projector. Ctrl-C ends the command quietly with exit code 0.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_OK, colour_wanted, fail, map_inputs
from argmap.format.vocabulary import DIAGRAM_FORMATS, suffix_map

if TYPE_CHECKING:
    from argmap.check.pipeline import Options

FORMATS = suffix_map(DIAGRAM_FORMATS)


@dataclass(frozen=True)
class Target:
    map_file: Path
    output: Path
    fmt: str


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MAP...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="OUT",
    help="The picture for one map (its suffix picks svg, png, pdf or dot), or a folder for several. "
    "Default: beside each map, as .svg.",
)
@map_inputs
def watch(paths: tuple[Path, ...], output: Path | None, options: Options) -> int:
    """Check and draw MAP... now and again after every save of a map, its base or a source.

    Problems are printed after each check. Stop with Ctrl-C.
    """
    from argmap.check.pipeline import find_maps

    maps, folder_problems = find_maps(paths)
    if folder_problems:
        return fail(f"{folder_problems[0].file}: {folder_problems[0].message}")
    targets = _targets(maps, output)
    if isinstance(targets, str):
        return fail(targets)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a watch ends
        _loop(targets, options)
    return EXIT_OK


def _targets(maps: list[Path], output: Path | None) -> list[Target] | str:
    if output is None:
        return [Target(m, m.with_suffix(".svg"), "svg") for m in maps]
    if len(maps) == 1 and not output.is_dir():
        fmt = FORMATS.get(output.suffix.lower())
        if fmt is None:
            return f"-o {output}: name a .svg, .png, .pdf or .dot file"
        return [Target(maps[0], output, fmt)]
    if output.exists() and not output.is_dir():
        return f"{output} is a file; to watch several maps, -o names a folder"
    names = [m.with_suffix(".svg").name for m in maps]
    if len(set(names)) != len(names):
        return "two maps share a file name; watch them with separate -o folders"
    return [Target(m, output / name, "svg") for m, name in zip(maps, names, strict=False)]


def _loop(targets: list[Target], options: Options) -> None:
    from watchfiles import watch as changes

    drawer = _Drawer(options)
    stamps = _stamps(target.map_file for target in targets)
    watched = drawer.update(targets, None)
    while True:
        folders = sorted({f.parent for f in watched if f.parent.is_dir()})
        if not folders:
            raise click.ClickException("nothing left to watch: the maps' folders are gone")
        ready = False
        # Folders, not files: editors save by writing a new file and renaming it over the old one.
        # A timeout yields an empty batch: the first one says the watcher is running.
        for batch in changes(*folders, raise_interrupt=True, yield_on_timeout=True, rust_timeout=250):
            if not batch and not ready:
                ready = True
                click.echo(f"argmap: watching {len(watched)} files; Ctrl-C stops", err=True)
                missed = {f for f, stamp in _stamps(stamps).items() if stamps.get(f) != stamp}
                if missed:  # saved while the first pictures were drawn, before the watcher ran
                    watched = drawer.update(targets, missed)
                    break
            changed = {Path(name).resolve() for _, name in batch}
            if changed & watched:
                watched = drawer.update(targets, changed)
                break  # the files to watch may have changed (a new source, another base)
        stamps = _stamps(watched)


def _stamps(files: Iterable[Path]) -> dict[Path, float]:
    stamps = {}
    for file in files:
        try:
            stamps[file.resolve()] = file.stat().st_mtime
        except OSError:
            stamps[file.resolve()] = -1.0
    return stamps


class _Drawer:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.depends: dict[Target, set[Path]] = {}  # per map: the map, its bases and its sources

    def update(self, targets: list[Target], changed: set[Path] | None) -> set[Path]:
        """Check and draw every map the change touches (all of them at first); what to watch next."""
        watched: set[Path] = set()
        for target in targets:
            known = self.depends.get(target, {target.map_file.resolve()})
            if changed is None or changed & known:
                self.depends[target] = known = self.draw(target)
            watched |= known
        return watched

    def draw(self, target: Target) -> set[Path]:
        from argmap.check.pipeline import check_map
        from argmap.graph.build import build_graph
        from argmap.graph.elements import GraphOptions
        from argmap.writers.files import WriteError, write_output
        from argmap.writers.graphviz import DotMissing, RenderError, render
        from argmap.writers.problems import format_text

        result = check_map(target.map_file, self.options)
        click.echo(format_text(result.problems, 1, colour_wanted(sys.stdout)), nl=False)
        depends = {target.map_file.resolve(), *_bases(target.map_file)}
        if result.resolved is None:
            click.echo(f"argmap: {result.file} cannot be drawn; {target.output} keeps the last good picture", err=True)
            return depends | self.depends.get(target, set())  # keep watching the sources it had
        depends |= {s.file.resolve() for s in result.resolved.sources.values()}
        try:
            picture = render(build_graph(result.resolved, GraphOptions()), target.fmt)
            write_output(target.output, picture, result.resolved.inputs)
        except DotMissing as error:
            raise click.ClickException(str(error)) from error
        except (RenderError, WriteError) as error:
            click.echo(f"argmap: {result.file}: {error}; {target.output} keeps the last good picture", err=True)
            return depends
        click.echo(f"argmap: wrote {target.output}", err=True)
        return depends


def _bases(map_file: Path) -> Iterable[Path]:
    """The base, the base's base…, as the files name them (a broken one ends the chain)."""
    from argmap.load.yaml_map import load_map

    seen: list[Path] = []
    current = map_file
    while len(seen) < 16:
        loaded = load_map(current)
        extends = loaded.data.get("extends") if isinstance(loaded.data, dict) else None
        if not isinstance(extends, str):
            break
        current = (current.parent / extends).resolve()
        if current in seen:
            break
        seen.append(current)
    return seen
