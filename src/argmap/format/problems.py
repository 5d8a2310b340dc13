"""Problems are data: every stage returns them, formatters print them.

A problem carries its file, a 1-based line and column (converted once, where the
YAML parser's 0-based marks enter argmap), a severity, a stable code and a
message written for a student, with an optional hint saying how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# C0 and C1 controls, DEL, lone surrogates (undecodable file-name bytes), and the line and
# paragraph separators: anything that could move the cursor, colour a terminal, end a line of a
# CI log (and so start a workflow command) or make JSON invalid.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text with every control character spelled out (`\\n`, `\\x1b`), safe on one line of a
    terminal or a CI log; everything else unchanged."""
    return _CONTROL.sub(_shown, text)


def printable(text: str) -> str:
    """Lines of output for a terminal or a CI log: each line `visible`, and none starting with
    `::`, which GitHub Actions would run as a workflow command (`::error file=…::forged`)."""
    lines = [visible(line) for line in text.split("\n")]
    return "\n".join("\\x3a" + line[1:] if line.startswith("::") else line for line in lines)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)  # one per key and value of a map: keep them small
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def problem(
    file: str,
    at: Position,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Problem:
    return Problem(file, at.line, at.column, code, severity, message, hint)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """By file, then position, then code: the order a student reads and fixes them."""
    unique = dict.fromkeys(problems)  # the same finding reached twice is reported once
    return sorted(unique, key=lambda p: (p.file, p.line, p.column, p.code, p.message))
