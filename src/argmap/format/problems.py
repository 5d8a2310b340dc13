"""Problems are data: every stage returns them, formatters print them.

A problem carries its file, a 1-based line and column (converted once, where the
YAML parser's 0-based marks enter argmap), a severity, a stable code and a
message written for a student, with an optional hint saying how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
