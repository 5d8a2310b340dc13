"""Project configuration: `.argmap.toml`, or `[tool.argmap]` in `pyproject.toml`.

Found from the working directory upwards (the first folder holding either file;
`.argmap.toml` wins when both are there), so CI and the pre-commit hook, which
run at the top of a repository, pick it up without a flag::

    [tool.argmap]
    format = "github"        # check's default --format: text | json | github
    strict = true            # warnings fail check (like --strict)
    coverage-min = 90        # coverage's default --min
    [tool.argmap.rules]
    AM315 = "off"            # a rule switched off
    AM207 = "error"          # or its severity changed: "warning" | "error"

Unknown keys and values are reported (code AM120) with the line they are on,
and make `check`, `coverage` and `export` exit 2: a typo in a config must not
silently weaken CI.
Codes of unreadable input (AM100, AM102, …) cannot be switched off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.format.codes import ALL_STAGE_CODES
from argmap.format.problems import Position, Problem, Severity, problem
from argmap.format.vocabulary import PROBLEM_FORMATS, format_names
from argmap.load.files import Unreadable, display_name, read_regular

KEYS = {
    "format": "text, json or github",
    "strict": "true or false",
    "coverage-min": "a percentage from 0 to 100",
    "rules": 'a table of CODE = "off" | "warning" | "error"',
}
RULE_SETTINGS = ("off", "warning", "error")
MAX_CONFIG_BYTES = 1024 * 1024
FORMATS = format_names(PROBLEM_FORMATS)


@dataclass(frozen=True)
class Config:
    file: str | None = None
    format: str | None = None
    strict: bool = False
    coverage_min: float | None = None
    rules: dict[str, str] = field(default_factory=dict)

    def apply(self, problems: list[Problem]) -> list[Problem]:
        """Problems with the configured rules switched off or their severity changed."""
        kept = []
        for found in problems:
            setting = self.rules.get(found.code)
            entry = ALL_STAGE_CODES.get(found.code)
            if entry is not None and (entry.protected or entry.unreadable) and setting != "error":
                setting = None  # never off nor lower, whatever the table says
            if setting == "off":
                continue
            if setting in ("warning", "error"):
                found = Problem(
                    found.file, found.line, found.column, found.code, Severity(setting), found.message, found.hint
                )
            kept.append(found)
        return kept


def find_config(start: Path) -> Path | None:
    """The nearest `.argmap.toml`, or `pyproject.toml` with a [tool.argmap] table, from `start` up."""
    start = start.resolve()
    for folder in (start, *start.parents):
        dedicated = folder / ".argmap.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if re.search(r"^\s*\[tool\.argmap[\].]", pyproject.read_text(encoding="utf-8"), re.MULTILINE):
                    return pyproject
            except (OSError, UnicodeDecodeError):
                return pyproject  # let load_config say what is wrong with it
    return None


def load_config(start: Path) -> tuple[Config, list[Problem]]:
    """The configuration found from `start` upwards (none found: the defaults)."""
    path = find_config(start)
    if path is None:
        return Config(), []
    return load_config_file(path)


def load_config_file(path: Path) -> tuple[Config, list[Problem]]:
    """The configuration in one file: `.argmap.toml`-style, or `[tool.argmap]` in a pyproject.toml."""
    import tomllib  # only when a project has a configuration: start-up stays light without one

    name = display_name(path)
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
        document = tomllib.loads(text)
    except Unreadable as error:
        return Config(name), [problem(name, Position(1, 1), "AM120", f"cannot read the configuration: {error}")]
    except UnicodeDecodeError as error:
        return Config(name), [problem(name, Position(1, 1), "AM120", f"cannot read the configuration: {error}")]
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 1) or 1
        column = getattr(error, "colno", 1) or 1
        message = str(error).split(" (at line")[0]
        return Config(name), [problem(name, Position(line, column), "AM120", f"not valid TOML: {message}")]
    dedicated = path.name != "pyproject.toml"  # .argmap.toml, or any file named by --config
    table: Any = document if dedicated else document.get("tool", {}).get("argmap", {})
    section = "" if dedicated else "tool.argmap."
    return _read(name, text, table, section)


def _line_of(text: str, key: str) -> Position:
    match = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.MULTILINE)
    return Position(text.count("\n", 0, match.start()) + 1, 1) if match else Position(1, 1)


def _read(name: str, text: str, table: Any, section: str) -> tuple[Config, list[Problem]]:
    problems: list[Problem] = []

    def bad(key: str, message: str, hint: str | None = None) -> None:
        problems.append(problem(name, _line_of(text, key), "AM120", message, hint))

    if not isinstance(table, dict):
        bad("argmap", f"`{section.rstrip('.')}` must be a table")
        return Config(name), problems
    fmt = table.get("format")
    if fmt is not None and fmt not in FORMATS:
        bad("format", f"`{section}format` is {fmt!r}; it must be one of: {', '.join(FORMATS)}")
        fmt = None
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        bad("strict", f"`{section}strict` must be true or false")
        strict = False
    minimum = table.get("coverage-min")
    if minimum is not None and (
        isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or not 0 <= minimum <= 100
    ):
        bad("coverage-min", f"`{section}coverage-min` must be a percentage from 0 to 100")
        minimum = None
    for key in table:
        if key not in KEYS:
            import difflib  # only for a key that is not known

            close = difflib.get_close_matches(str(key).replace("_", "-"), list(KEYS), n=1, cutoff=0.6)
            bad(
                key,
                f"unknown key `{section}{key}`",
                f"did you mean `{close[0]}`?" if close else f"argmap reads: {', '.join(KEYS)}",
            )
    rules = _rules(table.get("rules", {}), section, bad)
    return Config(name, fmt, strict, float(minimum) if minimum is not None else None, rules), problems


def _rules(table: Any, section: str, bad: Any) -> dict[str, str]:
    from argmap.check.docs import all_codes

    if not isinstance(table, dict):
        bad("rules", f'`{section}rules` must be a table of CODE = "off" | "warning" | "error"')
        return {}
    known = all_codes()
    rules: dict[str, str] = {}
    for code, setting in table.items():
        if code not in known:
            bad(code, f"`{section}rules.{code}`: no problem has the code {code}", "`argmap rules` lists them")
        elif setting not in RULE_SETTINGS:
            bad(code, f'`{section}rules.{code}` is {setting!r}; it must be "off", "warning" or "error"')
        elif code in ALL_STAGE_CODES and ALL_STAGE_CODES[code].unreadable and setting != "error":
            bad(code, f"{code} means argmap could not read the map at all; it cannot be switched off or downgraded")
        elif code in ALL_STAGE_CODES and ALL_STAGE_CODES[code].protected and setting != "error":
            bad(
                code,
                f"{code} protects the machine that runs argmap (files outside the project or in hidden folders, "
                "unreadable sources, limits); it cannot be switched off or downgraded",
            )
        else:
            rules[code] = setting
    return rules
