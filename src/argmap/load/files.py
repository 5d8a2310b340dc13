"""Reading input files as text: one UTF-8 reader for maps, sources and scaffolds.

Every way a file can fail to be text (missing, a folder, too large, another encoding,
bytes that are not UTF-8) becomes a problem with a position, never an exception.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from argmap.format.problems import Position, Problem, problem


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_text(path: Path, max_bytes: int) -> tuple[str | None, Problem | None]:
    """Read a map file as text, or say precisely why it cannot be read."""
    name = display_name(path)
    at = Position(1, 1)
    try:
        if path.is_dir():
            return None, problem(
                name,
                at,
                "AM100",
                "this is a folder, not a map file",
                "name a .yaml file, or pass the folder to `argmap check` to check every map in it",
            )
        size = path.stat().st_size
        if size > max_bytes:
            return None, problem(
                name,
                at,
                "AM105",
                f"the file is {size:,} bytes; argmap reads maps of at most {max_bytes:,} bytes",
                "a map is usually a few kilobytes: check that this is the right file (--max-bytes raises the limit)",
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None, problem(name, at, "AM100", "no such file", "check the path and the spelling of the file name")
    except PermissionError:
        return None, problem(name, at, "AM100", "permission denied: argmap may not read this file")
    except OSError as error:
        return None, problem(name, at, "AM100", f"cannot read the file: {error.strerror or error}")
    if len(raw) > max_bytes:  # grew while we looked, or a special file
        return None, problem(name, at, "AM105", f"the file is larger than {max_bytes:,} bytes")
    return decode_utf8(name, raw)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode_utf8(name: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 (a leading byte-order mark is allowed and dropped); anything else is named."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return None, problem(
                name,
                Position(1, 1),
                "AM101",
                f"the file is saved as {encoding}, not UTF-8",
                "save it as UTF-8 (in most editors: File > Save with Encoding > UTF-8)",
            )
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, problem(
            name,
            Position(line, column),
            "AM101",
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
            "save the file as UTF-8; text pasted from a word processor or an old editor is often Latin-1 or Windows-1252",
        )
