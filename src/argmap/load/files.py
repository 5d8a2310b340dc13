"""Reading input files: one reader for maps, bases, sources and scaffold sources.

`read_regular` reads the bytes of a regular file within a byte limit (never a folder, FIFO,
socket or device); `utf8_text` decodes them as UTF-8. `read_text` turns every way a map can
fail to be text (missing, a folder, too large, another encoding, bytes that are not UTF-8)
into a problem with a position, never an exception.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from argmap.format.problems import Position, Problem, problem, visible


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it.

    Control characters and bytes that are not UTF-8 are spelled out (a name is printed on one
    line of a terminal or a CI log, and into JSON); a name starting with `:` gets `./`, so no
    message line can begin a GitHub workflow command (`::error ...`)."""
    try:
        name = os.path.relpath(path)
    except ValueError:  # another drive on Windows, or a NUL in the path
        name = str(path)
    name = visible(name)
    return f"./{name}" if name.startswith(":") else name


class Unreadable(Exception):
    """A file argmap will not read; the message says why, for a person. `too_large` for the limit,
    with the file's `size` when it is known before reading."""

    def __init__(self, message: str, too_large: bool = False, size: int | None = None) -> None:
        super().__init__(message)
        self.too_large = too_large
        self.size = size


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or `Unreadable` saying why not.

    The one way argmap reads maps, bases, sources and scaffold sources. The file is opened
    without blocking and judged by the open descriptor, so a FIFO cannot hang a run and a
    device cannot feed it forever; at most `max_bytes + 1` bytes are ever read."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except ValueError:
        raise Unreadable("the path holds a NUL character") from None
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except PermissionError:
        raise Unreadable("permission denied: argmap may not read this file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Unreadable("a symlink loop: the link leads back to itself") from None
        raise Unreadable(f"cannot open it: {error.strerror or error}") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise Unreadable(f"this is {kind}, not a file")
        if info.st_size > max_bytes:
            raise Unreadable(
                f"the file is {info.st_size:,} bytes; the limit is {max_bytes:,}", too_large=True, size=info.st_size
            )
        os.set_blocking(handle, True)
        raw = _read_up_to(handle, max_bytes + 1)
    except OSError as error:
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(handle)
    if len(raw) > max_bytes:  # it grew while it was read
        raise Unreadable(f"the file is larger than {max_bytes:,} bytes", too_large=True)
    return raw


def _read_up_to(handle: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(handle, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_text(path: Path, max_bytes: int) -> tuple[str | None, Problem | None]:
    """Read a map file as text, or say precisely why it cannot be read."""
    name = display_name(path)
    try:
        raw = read_regular(path, max_bytes)
    except Unreadable as error:
        return None, unreadable_problem(name, error, max_bytes)
    return decode_utf8(name, raw)


def unreadable_problem(name: str, error: Unreadable, max_bytes: int) -> Problem:
    """A map that `read_regular` would not read, as a problem (AM105 too large, else AM100)."""
    at = Position(1, 1)
    if error.too_large and error.size is None:  # grew while it was read
        return problem(name, at, "AM105", f"the file is larger than {max_bytes:,} bytes")
    if error.too_large:
        return problem(
            name,
            at,
            "AM105",
            f"the file is {error.size:,} bytes; argmap reads maps of at most {max_bytes:,} bytes",
            "a map is usually a few kilobytes: check that this is the right file (--max-bytes raises the limit)",
        )
    hint = None
    if str(error).startswith("this is a folder"):
        hint = "name a .yaml file, or pass the folder to `argmap check` to check every map in it"
    elif str(error) == "no such file":
        hint = "check the path and the spelling of the file name"
    return problem(name, at, "AM100", str(error), hint)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class NotUtf8(Exception):
    """Bytes that are not UTF-8 text: `what` says how, `at` where (line and column of the text)."""

    def __init__(self, what: str, at: Position) -> None:
        super().__init__(what)
        self.what = what
        self.at = at


def utf8_text(raw: bytes) -> str:
    """The one way argmap decodes a file it reads (map, source, scaffold source): UTF-8, a leading
    byte-order mark allowed and dropped (offsets count from after it); UTF-16/32 and bytes that
    are not UTF-8 are `NotUtf8`, never guessed."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise NotUtf8(f"the file is saved as {encoding}, not UTF-8", Position(1, 1))
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise NotUtf8(f"byte 0x{raw[error.start]:02x} is not UTF-8 text", Position(line, column)) from None


def decode_utf8(name: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """A map's text, or AM101 at the first byte that is not UTF-8."""
    try:
        return utf8_text(raw), None
    except NotUtf8 as error:
        hint = (
            "save it as UTF-8 (in most editors: File > Save with Encoding > UTF-8)"
            if error.at == Position(1, 1) and error.what.startswith("the file is saved as")
            else "save the file as UTF-8; text pasted from a word processor or an old editor is often Latin-1 "
            "or Windows-1252"
        )
        return None, problem(name, error.at, "AM101", error.what, hint)
