"""Writing output files so that a reader never sees half of one.

Everything argmap writes goes to a temporary file beside the target, is flushed
to disk, and then renamed over the target in one step (`os.replace` is atomic on
POSIX and Windows). If anything fails on the way, the target is untouched and
the temporary file is removed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


class WriteError(Exception):
    """An output could not be written; the message says why, for a person."""


def write_atomic(target: Path, data: bytes) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
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
    try:
        os.unlink(name)
    except OSError:
        pass


def write_output(target: Path | None, data: bytes) -> None:
    """Standard output when `target` is None or `-`, else the file, atomically."""
    if target is None or str(target) == "-":
        sys.stdout.flush()  # text printed before must come first
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(target, data)
