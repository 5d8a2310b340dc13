"""Reading the texts a map quotes: inside the project, UTF-8, within the size limit, pinned.

A source path is relative to the map file. Students' maps run on an
instructor's CI, so a path must not lead out of the project, neither by `../`
nor through a symlink: the resolved real path must stay under the project root.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from argmap.anchor.find import SourceText
from argmap.format.model import Source
from argmap.format.problems import Position, Problem, Severity, problem
from argmap.load.files import NotUtf8, Unreadable, display_name, read_regular, utf8_text

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
    try:
        start = map_file.resolve().parent
    except (OSError, RuntimeError, ValueError):  # a symlink loop or a NUL: the loader says which
        start = map_file.absolute().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return start


@dataclass
class Shelf:
    """The sources one map has read: each file once (a map may name one file under many ids),
    and all of them together within the one limit `--max-source-bytes` sets."""

    left: int
    read: dict[Path, tuple[SourceText, str]] = field(default_factory=dict)  # real path -> text, sha256


def _outside(real: Path, root: Path) -> str | None:
    """Why a source's real path may not be read, or None: it must lie inside the project and
    not in a hidden folder (.git/ holds a CI checkout's credentials; .venv/, .ssh/ ...)."""
    top = root.resolve()
    if not real.is_relative_to(top):
        return f"leads outside the project folder ({display_name(root)})"
    hidden = next((part for part in real.relative_to(top).parts if part.startswith(".")), None)
    if hidden is not None:
        return f"leads into the hidden {'folder' if hidden != real.name else 'file'} {hidden}"
    return None


def read_source(
    source: Source,
    map_file: Path,
    root: Path,
    at: Position,
    pin_at: Position,
    max_bytes: int = DEFAULT_MAX_SOURCE_BYTES,
    shelf: Shelf | None = None,
) -> tuple[LoadedSource, list[Problem]]:
    """Read one source; problems point at its `path:` (or `sha256:`) in the map."""
    shelf = shelf if shelf is not None else Shelf(max_bytes)
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
    except ValueError:  # a NUL in the path
        return failed, [problem(name, at, "AM201", f"source `{source.id}`: the path holds a NUL character")]
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        return failed, [problem(name, at, "AM201", f"source `{source.id}`: cannot open {source.path}: {error}")]
    refused = _outside(real, root)
    if refused is not None:
        return failed, [
            problem(
                name,
                at,
                "AM203",
                f"source `{source.id}`: {source.path} {refused}",
                "keep sources inside the project, under seeds/; argmap does not follow paths or symlinks out of it, "
                "nor into hidden folders such as .git/",
            )
        ]
    if real in shelf.read:
        known, known_digest = shelf.read[real]
        return LoadedSource(source, file, known, known_digest), _pin_problems(source, known_digest, name, pin_at)
    try:
        raw = read_regular(real, min(max_bytes, shelf.left))
    except Unreadable as error:
        if error.too_large and shelf.left < max_bytes:
            return failed, [
                problem(
                    name,
                    at,
                    "AM210",
                    f"source `{source.id}`: with {source.path} this map's sources would exceed {max_bytes:,} bytes, "
                    "the limit for all of them together",
                    "quote fewer or shorter texts, or raise the limit with --max-source-bytes",
                )
            ]
        if error.too_large:
            size = f"is {error.size:,} bytes" if error.size is not None else "grew while it was read"
            return failed, [
                problem(
                    name,
                    at,
                    "AM210",
                    f"source `{source.id}`: {source.path} {size}; the limit is {max_bytes:,}",
                    "split the text, or raise the limit with --max-source-bytes",
                )
            ]
        reason = str(error)
        if reason.startswith("this is "):  # a folder, FIFO, device or socket
            return failed, [problem(name, at, "AM201", f"source `{source.id}`: {source.path} {reason[5:]}")]
        return failed, [problem(name, at, "AM201", f"source `{source.id}`: cannot read {source.path}: {reason}")]
    shelf.left -= len(raw)
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = utf8_text(raw)
    except NotUtf8 as error:
        how = _not_utf8(error)
        return LoadedSource(source, file, None, digest), [
            problem(
                name,
                at,
                "AM202",
                f"source `{source.id}`: {source.path} {how}",
                "convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`, then update its sha256",
            )
        ]
    shared = SourceText(text)
    shelf.read[real] = (shared, digest)
    return LoadedSource(source, file, shared, digest), _pin_problems(source, digest, name, pin_at)


def _not_utf8(error: NotUtf8) -> str:
    """How a source is not UTF-8, said of the file: `is saved as UTF-16, not UTF-8`, or
    `is not UTF-8 (byte 0xe9 on its line 3)`."""
    if error.what.startswith("the file "):
        return error.what.removeprefix("the file ")
    return f"is not UTF-8 ({error.what.removesuffix(' is not UTF-8 text')} on its line {error.at.line})"


def _pin_problems(source: Source, digest: str, name: str, pin_at: Position) -> list[Problem]:
    if source.sha256 is None or source.sha256 == digest:
        return []
    return [
        problem(
            name,
            pin_at,
            "AM204",
            f"source `{source.id}` has changed since it was pinned (sha256 is now {digest[:12]}…)",
            "if the change is intended, re-check every quote and update `sha256:` to " + digest,
            Severity.WARNING,
        )
    ]
