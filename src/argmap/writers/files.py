"""Writing output files so that a reader never sees half of one.

Everything argmap writes goes to a temporary file beside the target, is flushed
to disk, and then renamed over the target in one step (`os.replace` is atomic on
POSIX and Windows). If anything fails on the way, the target is untouched and
the temporary file is removed.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; `add` and `fix` still re-read before replacing
    fcntl = None  # type: ignore[assignment]

from argmap.format.problems import visible

MAP_SUFFIXES = (".yaml", ".yml")


class WriteError(Exception):
    """An output could not be written; the message says why, for a person."""


def _kind(mode: int) -> str | None:
    """What a file that argmap may not replace is, or None for a regular file."""
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def replaceable(target: Path) -> None:
    """Refuse, before anything is written, a target that is not a regular file or a missing one:
    renaming over a device, a FIFO or a symlink would replace it (`-o /dev/full` as root made
    /dev/full a file)."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except ValueError:
        raise WriteError(f"cannot write {visible(str(target))}: the path holds a NUL character") from None
    except OSError as error:
        raise WriteError(f"cannot write {visible(str(target))}: {error.strerror or error}") from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise WriteError(
            f"will not write {visible(str(target))}: it is {kind}; argmap replaces only regular files "
            "(`-o -` writes to standard output)"
        )


def not_an_input(target: Path, inputs: Mapping[Path, str], map_output: bool = False) -> None:
    """Refuse an output that would replace a file the command reads (the map, a base, a source),
    or, unless it is a map, one with a map's suffix: only `new`, `add` and `fix` write maps."""
    shown = visible(str(target))
    if not map_output and target.suffix.lower() in MAP_SUFFIXES:
        raise WriteError(
            f"will not write {shown}: .yaml and .yml files are maps; name the output with its format's suffix"
        )
    try:
        info = os.stat(target)
    except (OSError, ValueError):
        return  # missing (or unreadable: writing it says why)
    for path, what in inputs.items():
        try:
            read = os.stat(path)
        except (OSError, ValueError):
            continue
        if (read.st_dev, read.st_ino) == (info.st_dev, info.st_ino):
            raise WriteError(f"will not write {shown}: it is {what} (an input of this command); name another output")


def write_atomic(target: Path, data: bytes) -> None:
    replaceable(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        import tempfile  # only when a file is written: `check` never pays for it

        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WriteError(f"cannot write {target}: the folder {folder} does not exist") from None
    except PermissionError:
        raise WriteError(f"cannot write {target}: permission denied in {folder}") from None
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temp_name, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except OSError as error:
        _remove(temp_name)
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        _remove(temp_name)
        raise


def _remove(name: str) -> None:
    with suppress(OSError):
        os.unlink(name)


def write_output(target: Path | None, data: bytes, inputs: Mapping[Path, str] | None = None) -> None:
    """Standard output when `target` is None or `-`, else the file, atomically; never onto one
    of the command's `inputs` (path -> what it is, for the message) nor onto a map."""
    if target is None or str(target) == "-":
        write_stdout(data)
        return
    not_an_input(target, inputs or {})
    write_atomic(target, data)


def write_stdout(data: bytes) -> None:
    """Bytes to standard output; a closed or full one is a `WriteError`, not a traceback."""
    if sys.stdout is None:
        raise WriteError("cannot write to standard output: it is closed")
    try:
        sys.stdout.flush()  # text printed before must come first
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream standing in for standard output
            sys.stdout.write(data.decode("utf-8", "replace"))
            sys.stdout.flush()
            return
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:  # ValueError: a closed file object
        raise WriteError(f"cannot write to standard output: {getattr(error, 'strerror', None) or error}") from None


LOCK_WAIT_SECONDS = 10.0


@contextmanager
def edit_lock(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on the map at `path` while it is read, edited and replaced.

    Two `argmap add` on one map at once each read the old map, and the second replaced the
    first's claim. The lock is taken on the file itself (flock); as an edit replaces the file
    with a new one, a lock won on a file that is no longer at `path` is given up and taken again
    on the new one. A second editor waits up to `wait` seconds, then fails with a message."""
    if fcntl is None:
        yield
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except (OSError, ValueError):
            yield  # missing or unreadable: the reader says why
            return
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            os.close(handle)
            yield
            return
        try:
            if _lock_current(handle, path, deadline):
                break
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
    try:
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _lock_current(handle: int, path: Path, deadline: float) -> bool:
    """Lock `handle`, waiting until `deadline`; False when `path` meanwhile names another file."""
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WriteError(
                    f"{visible(str(path))} is being edited by another argmap (add or fix); "
                    "nothing was written: run the command again when it has finished"
                ) from None
            time.sleep(0.05)
    try:
        now = os.stat(path)
    except OSError:
        return True  # gone: the edit will say so
    info = os.fstat(handle)
    return (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)
