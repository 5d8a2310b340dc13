"""Stage 5 for `check`: problems -> text for a person, JSON for tools, GitHub annotations for CI.

Formatters see only problems and counts, never the map, so every command that
finds problems prints them the same way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.format.problems import Problem, visible
from argmap.format.vocabulary import PROBLEM_FORMATS, format_names

FORMATS = format_names(PROBLEM_FORMATS)

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "bold": "\033[1m", "dim": "\033[2m", "green": "\033[32m"}
_RESET = "\033[0m"


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{_COLOURS[colour]}{text}{_RESET}" if enabled else text


def summary_line(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    maps = f"{files} map{'s' if files != 1 else ''}"
    if not problems:
        return f"{maps} checked: no problems"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    return f"{maps} checked: {', '.join(parts)}"


def shown_file(name: str) -> str:
    """A file name as printed: control characters spelled out, and never at the start of a line
    what a CI log would take for a workflow command (`::error ...`)."""
    name = visible(name)
    return f"./{name}" if name.startswith(":") else name


def problem_lines(problems: Sequence[Problem], colour: bool = False) -> list[str]:
    """`file:line:col: severity CODE message`, each followed by its indented hint.

    Messages quote the map and its sources (ids, quotes, paths): their control characters are
    spelled out, so no text of a map can colour the terminal or forge a line of the log."""
    lines = []
    for item in problems:
        where = _paint(f"{shown_file(item.file)}:{item.line}:{item.column}:", "bold", colour)
        severity = _paint(str(item.severity), item.severity.value, colour)
        lines.append(f"{where} {severity} {item.code} {visible(item.message)}")
        if item.hint:
            lines.append(_paint(f"    hint: {visible(item.hint)}", "dim", colour))
    return lines


def format_text(problems: Sequence[Problem], files: int, colour: bool = False) -> str:
    lines = problem_lines(problems, colour)
    summary = summary_line(problems, files)
    lines.append(_paint(summary, "green", colour) if not problems else summary)
    return "\n".join(lines) + "\n"


def problem_dict(item: Problem) -> dict[str, object]:
    return {
        "file": visible(item.file),
        "line": item.line,
        "column": item.column,
        "severity": item.severity.value,
        "code": item.code,
        "message": visible(item.message),
        "hint": visible(item.hint) if item.hint is not None else None,
    }


def format_json(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    document = {
        "version": 1,
        "problems": [problem_dict(p) for p in problems],
        "summary": {"files": files, "errors": errors, "warnings": len(problems) - errors},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message...
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # ...and in properties also ':' and ','.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem], files: int) -> str:
    lines = []
    for item in problems:
        level = "error" if item.is_error else "warning"
        # The Actions log hides the command's properties, so the message repeats line:col.
        message = f"{item.line}:{item.column} {visible(item.message)}"
        if item.hint:
            message += f"\n{visible(item.hint)}"
        props = ",".join(
            (
                f"file={_escape_property(visible(item.file))}",
                f"line={item.line}",
                f"col={item.column}",
                f"title={_escape_property(item.code)}",
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(message)}")
    lines.append(summary_line(problems, files))
    return "\n".join(lines) + "\n"


def format_problems(problems: Sequence[Problem], files: int, fmt: str, colour: bool = False) -> str:
    if fmt == "json":
        return format_json(problems, files)
    if fmt == "github":
        return format_github(problems, files)
    return format_text(problems, files, colour)
