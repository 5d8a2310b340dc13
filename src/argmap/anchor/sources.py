"""Reading the texts a map quotes: inside the project, UTF-8, within the size limit, pinned.

A source path is relative to the map file. Students' maps run on an
instructor's CI, so a path must not lead out of the project, neither by `../`
nor through a symlink: the resolved real path must stay under the project root.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from argmap.anchor.find import SourceText
from argmap.format.model import Source
from argmap.format.problems import Position, Problem, Severity, problem
from argmap.load.files import display_name

DEFAULT_MAX_SOURCE_BYTES = 20 * 1024 * 1024
PROJECT_MARKERS = (".git", "pyproject.toml", ".argmap.toml")


@dataclass
class LoadedSource:
    source: Source
    file: Path  # as the map names it, resolved against the map's folder
    text: SourceText | None  # None when it could not be read
    sha256: str | None


def project_root(map_file: Path) -> Path:
    """The nearest folder above the map holding a project marker, else the map's folder."""
    start = map_file.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return start


def read_source(
    source: Source,
    map_file: Path,
    root: Path,
    at: Position,
    pin_at: Position,
    max_bytes: int = DEFAULT_MAX_SOURCE_BYTES,
) -> tuple[LoadedSource, list[Problem]]:
    """Read one source; problems point at its `path:` (or `sha256:`) in the map."""
    name = display_name(map_file)
    file = map_file.parent / source.path
    failed = LoadedSource(source, file, None, None)
    try:
        real = file.resolve(strict=True)
    except FileNotFoundError:
        return failed, [
            problem(
                name,
                at,
                "AM201",
                f"source `{source.id}`: no file at {source.path}",
                f"the path is relative to the map's folder ({display_name(map_file.parent)}); "
                "check the spelling, or copy the text into seeds/",
            )
        ]
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        return failed, [problem(name, at, "AM201", f"source `{source.id}`: cannot open {source.path}: {error}")]
    if not real.is_relative_to(root.resolve()):
        return failed, [
            problem(
                name,
                at,
                "AM203",
                f"source `{source.id}`: {source.path} leads outside the project folder ({root})",
                "keep sources inside the project, under seeds/; argmap does not follow paths or symlinks out of it",
            )
        ]
    if not real.is_file():
        return failed, [problem(name, at, "AM201", f"source `{source.id}`: {source.path} is not a file")]
    try:
        size = real.stat().st_size
        if size > max_bytes:
            return failed, [
                problem(
                    name,
                    at,
                    "AM210",
                    f"source `{source.id}`: {source.path} is {size:,} bytes; the limit is {max_bytes:,}",
                    "split the text, or raise the limit with --max-source-bytes",
                )
            ]
        raw = real.read_bytes()
    except OSError as error:
        return failed, [
            problem(name, at, "AM201", f"source `{source.id}`: cannot read {source.path}: {error.strerror or error}")
        ]
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")  # a leading byte-order mark is not part of the text
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return LoadedSource(source, file, None, digest), [
            problem(
                name,
                at,
                "AM202",
                f"source `{source.id}`: {source.path} is not UTF-8 (byte 0x{raw[error.start]:02x} on its line {line})",
                "convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`, then update its sha256",
            )
        ]
    problems: list[Problem] = []
    if source.sha256 is not None and source.sha256 != digest:
        problems.append(
            problem(
                name,
                pin_at,
                "AM204",
                f"source `{source.id}` has changed since it was pinned (sha256 is now {digest[:12]}…)",
                "if the change is intended, re-check every quote and update `sha256:` to " + digest,
                Severity.WARNING,
            )
        )
    return LoadedSource(source, file, SourceText(text), digest), problems
