"""What every edit of a map shares: reading the map, checking an edited text, writing it back.

An edit reads the map once (its bytes, to be compared before writing; its text, to splice),
checks the edited text as if it were the map, and writes it atomically only if the file still
holds the bytes that were read (someone else may be editing it).

The edit stage words outcomes as `Outcome`s and `EditError`s; `argmap.commands.edit` turns
them into exit codes and messages.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import tempfile
from dataclasses import dataclass, replace
from enum import IntEnum
from pathlib import Path

from argmap.anchor.resolve import ResolvedMap
from argmap.check.pipeline import MapResult, Options, check_map
from argmap.edit import locate
from argmap.format.problems import Problem
from argmap.load.files import Unreadable, decode_utf8, display_name, read_regular, unreadable_problem
from argmap.writers.files import WriteError, write_atomic

EditError = locate.EditError  # an edit could not be made; the message says why, for a person


class Outcome(IntEnum):
    """How an edit of one map ended, from best to worst (the worst of several maps is their `max`)."""

    DONE = 0  # edited, or nothing to do
    PROBLEMS = 1  # refused (the edit brings problems), or problems remain
    UNUSABLE = 2  # the map cannot be read, or the edit cannot be made or written


@dataclass
class Read:
    name: str
    text: str  # lines end in LF or CRLF (a CR-only file is edited as LF, written back as CR)
    raw: bytes
    bom: bytes
    cr_only: bool = False


def read_map(path: Path, options: Options) -> tuple[Read | None, list[Problem]]:
    """The map's bytes and text, read once through `argmap.load.files`, or the problem why not."""
    name = display_name(path)
    try:
        raw = read_regular(path, options.max_bytes)
    except Unreadable as error:
        return None, [unreadable_problem(name, error, options.max_bytes)]
    text, failure = decode_utf8(name, raw)
    if text is None:
        assert failure is not None
        return None, [failure]
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    cr_only = "\r" in text and "\n" not in text
    if cr_only:
        text = text.replace("\r", "\n")
    return Read(name, text, raw, bom, cr_only), []


@dataclass
class Refusal:
    """Why a map cannot be edited at all: the outcome, the problems, a line for the user."""

    code: Outcome
    problems: list[Problem]
    message: str


def open_map(path: Path, options: Options, invalid: str) -> tuple[Read, MapResult, ResolvedMap] | Refusal:
    """The map's text, its check and resolved map before the edit, or why there is nothing to edit."""
    read, problems = read_map(path, options)
    if read is None:
        return Refusal(Outcome.UNUSABLE, problems, "the map could not be read")
    before = check_map(path, options)
    if before.unreadable:
        return Refusal(Outcome.UNUSABLE, before.problems, "the map could not be read")
    if before.resolved is None:
        return Refusal(Outcome.PROBLEMS, before.problems, invalid)
    return read, before, before.resolved


def check_text(path: Path, text: str, options: Options) -> MapResult:
    """Check `text` as if it were the map at `path`.

    It is written to a hidden temporary file in the map's own folder (so sources resolve
    relative to the same place and the project root is the same) and removed afterwards;
    problems are reported against the map's own name.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot check the edited {path}: {error.strerror or error} in {folder}") from None
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
        except OSError as error:  # a full disk, a quota
            raise WriteError(f"cannot check the edited {path}: {error.strerror or error} in {folder}") from None
        if options.root is None:
            from argmap.anchor.sources import project_root

            options = replace(options, root=project_root(path))  # the same limits and configuration
        result = check_map(Path(temp_name), options)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
    name, temp_shown = display_name(path), display_name(Path(temp_name))
    result.file = name
    # Problems of the copy are the map's; those of a base map (an overlay's) keep their file.
    result.problems = [_renamed(p, name) if p.file == temp_shown else p for p in result.problems]
    return result


def _renamed(item: Problem, name: str) -> Problem:
    return replace(item, file=name)


def write_back(path: Path, read: Read, text: str) -> None:
    """Write atomically, unless the file changed since it was read (someone else's edit)."""
    try:
        now = read_regular(path, len(read.raw))
    except Unreadable as error:
        if not error.too_large:
            raise WriteError(f"cannot write {path}: {error}") from None
        now = b""  # it grew: changed
    if now != read.raw:
        raise WriteError(f"{read.name} changed while argmap was editing it; nothing was written: run the command again")
    if read.cr_only:
        text = text.replace("\n", "\r")
    write_atomic(path, read.bom + text.encode("utf-8"))


def newline_of(text: str) -> str:
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts (line breaks shown as \\n; a missing final one is noted)."""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    ):
        if line.endswith("\n"):
            lines.append(line[:-2] + "\n" if line.endswith("\r\n") else line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)
