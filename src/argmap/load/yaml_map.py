"""Stage 1, load: a map file's bytes -> plain data + the position of every key and value.

The YAML is read as a stream of parser events and built into dicts and lists
here, not by PyYAML's constructor, because that is the one place where argmap
can see everything a student's file may hide:

* duplicate keys (PyYAML silently keeps the last one),
* anchors and aliases (a few hundred bytes can expand to gigabytes downstream),
* nesting deep enough to exhaust the parser or the stack,
* YAML 1.1 scalars (`no`, `on`, `1:30`) that other tools read as booleans or numbers,
* explicit tags (`!!python/object`).

Scalars follow the YAML 1.2 core schema (what editors and JSON-Schema tools
use): `true`/`false`, `null`, integers and floats; everything else is a string.
Dates stay strings. Positions are stored 1-based.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.format.problems import Position, Problem, Severity, problem
from argmap.load.events import Node, parse_events, walk
from argmap.load.events import PathKey as PathKey  # named here too: most stages import it from the loader
from argmap.load.files import display_name, read_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# Values (scalars, lists, mappings) in one map. Each costs memory and time in every stage after
# loading; 10,000 claims take about 70,000, while a 5 MB flow list `[a, a, …]` holds 1.6 million.
MAX_VALUES = 100_000

# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# What YAML 1.1 readers (PyYAML's default, older tools) turn into something else.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}


@dataclass
class Positions:
    """Where each key and value of a loaded file starts, by path (`('claims', 3, 'text')`)."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def value(self, path: PathKey) -> Position:
        """Position of the value at `path`, or of the nearest enclosing thing that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key(self, path: PathKey) -> Position:
        """Position of the key naming `path` (for unknown or misplaced keys)."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)


@dataclass
class Loaded:
    """A map file as data, its positions, and what went wrong reading it."""

    file: str
    data: Any
    positions: Positions
    problems: list[Problem]
    unreadable: bool = False


class _Stop(Exception):
    """Loading cannot go on; the problem is already recorded."""


def load_map(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    text, failure = read_text(path, max_bytes)
    name = display_name(path)
    if text is None:
        assert failure is not None
        return Loaded(name, None, Positions(), [failure], unreadable=True)
    return load_text(text, name)


def load_text(text: str, name: str) -> Loaded:
    """Parse YAML text into data and positions; never raises for any text."""
    builder = _Builder(name)
    try:
        builder.build(parse_events(text))
    except _Stop:
        return Loaded(name, None, builder.positions, builder.problems, unreadable=True)
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(name, error, text))
        return Loaded(name, None, builder.positions, builder.problems, unreadable=True)
    except yaml.reader.ReaderError as error:
        builder.problems.append(_reader_problem(name, text, error))
        return Loaded(name, None, builder.positions, builder.problems, unreadable=True)
    except yaml.YAMLError as error:  # anything else the parser can raise
        builder.problems.append(problem(name, Position(1, 1), "AM102", f"not valid YAML: {error}"))
        return Loaded(name, None, builder.positions, builder.problems, unreadable=True)
    if builder.root is None or not isinstance(builder.root, dict):
        what = "empty" if builder.root is None else f"a {_yaml_type(builder.root)}, not a mapping"
        builder.problems.append(
            problem(
                name,
                Position(1, 1),
                "AM108",
                f"the file's top level is {what}",
                "a map starts with `argmap: 1`, then `sources:` and `claims:` (see docs/format.md)",
            )
        )
        return Loaded(name, None, builder.positions, builder.problems, unreadable=True)
    return Loaded(name, builder.root, builder.positions, builder.problems)


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "a value that contains ': ' must be put in quotes, e.g. text: \"Moscow: red lines\"",
    ),
    ("found character '\\t'", "indent with spaces, not tabs"),
    (
        "could not find expected ':'",
        "each line of a mapping is `key: value`; check the line above for a missing colon or an unclosed quote",
    ),
    ("found unexpected end of stream", "a quote or bracket was opened and never closed"),
    ("did not find expected key", "check the indentation: keys of one claim must line up under each other"),
    ("did not find expected '-' indicator", "items of a list must line up, each starting with '- '"),
    ("found undefined alias", "argmap does not use YAML aliases (*name): write the value out"),
    ("expected <block end>, but found '-'", "a list item is indented differently from the items before it"),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape: write \\\\ or use single quotes",
    ),
)


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    at = _pos(mark) if mark is not None else Position(1, 1)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return problem(
            name,
            at,
            "AM102",
            "YAML syntax error: a tab character where YAML expects spaces",
            "indent with spaces, not tabs (set your editor to insert spaces)",
        )
    what = error.problem or "not valid YAML"
    if "maximum nesting depth" in what:  # libyaml's own limit, met while it scans ahead
        return problem(
            name,
            at,
            "AM107",
            f"the YAML is nested more than {MAX_DEPTH} levels deep",
            "a map needs only a few levels: check for runaway brackets or indentation",
        )
    if error.context:
        what = f"{what} ({error.context}"
        if error.context_mark is not None and error.problem_mark is not None:
            what += f" at {error.context_mark.line + 1}:{error.context_mark.column + 1}"
        what += ")"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in what), None)
    return problem(name, at, "AM102", f"YAML syntax error: {what}", hint)


def _reader_problem(name: str, text: str, error: Any) -> Problem:
    index = max(0, min(int(getattr(error, "position", 0) or 0), len(text)))
    before = text[:index]
    at = Position(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)
    char = getattr(error, "character", None)
    what = f"character U+{char:04X}" if isinstance(char, int) else "a character"
    if char == 0:
        what = "a NUL byte (U+0000)"
    return problem(
        name,
        at,
        "AM102",
        f"{what} is not allowed in YAML: {error.reason}",
        "delete it; it often comes from copying text out of a PDF or a binary file",
    )


class _Builder:
    """Turns parser events into data, recording positions and refusing what is unsafe."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.root: Any = None
        self.documents = 0
        self.values = 0

    def fail(self, at: Position, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(problem(self.name, at, code, message, hint))
        raise _Stop

    def build(self, events: Iterator[Any]) -> None:
        for node in walk(events):
            if node.kind == "document":
                self._document(node)
            elif node.kind == "end":
                if node.parent is None:
                    assert node.frame is not None
                    self.root = node.frame.payload
            else:
                self._check_node(node.event)
                if node.is_key:
                    self._take_key(node)
                else:
                    self._take_value(node)

    def _document(self, node: Node) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(
                _pos(node.event.start_mark),
                "AM108",
                "the file holds more than one YAML document",
                "a map is one document: remove the `---` line and what follows, or split it into two files",
            )

    def _check_node(self, event: Any) -> None:
        """Refuse aliases, anchors and tags, before the node is read."""
        if type(event).__name__ == "AliasEvent":
            self.fail(
                _pos(event.start_mark),
                "AM104",
                f"YAML alias *{event.anchor} is not allowed in a map",
                "write the value out in full; argmap refuses aliases so that a small file cannot expand "
                "into a huge one",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.fail(
                _pos(event.start_mark),
                "AM104",
                f"YAML anchor &{anchor} is not allowed in a map",
                "remove the &name; argmap refuses anchors and aliases so that a small file cannot expand "
                "into a huge one",
            )
        self._check_tag(event)

    def _take_key(self, node: Node) -> None:
        at = _pos(node.event.start_mark)
        if node.kind != "scalar":
            self.fail(at, "AM102", "a mapping key must be a plain word, not a list or a mapping")
        key = node.key
        if key is not None and "\u0000" in key:
            self.problems.append(
                problem(self.name, at, "AM110", f"the key {key!r} holds a NUL character", "delete the \\0 from the key")
            )  # kept out of the data under another name; the error above stands
        elif node.first is not None:
            self.problems.append(
                problem(
                    self.name,
                    at,
                    "AM103",
                    f"duplicate key `{key}` (first at line {node.first.line + 1})",
                    "YAML would silently keep only the last one: delete one, or merge them",
                )
            )  # both kept apart under two names; the error above already stands

    def _take_value(self, node: Node) -> None:
        at = _pos(node.event.start_mark)
        self.values += 1
        if self.values > MAX_VALUES:
            self.fail(
                at,
                "AM116",
                f"the map holds more than {MAX_VALUES:,} values (this is the first one over)",
                "a map of one article needs a few hundred: check for a list that runs away",
            )
        value: Any = {} if node.kind == "mapping" else [] if node.kind == "sequence" else self._scalar(node.event, at)
        self._place(node, value, at)
        if node.frame is not None:
            if node.frame.depth >= MAX_DEPTH:
                self.fail(
                    at,
                    "AM107",
                    f"the YAML is nested more than {MAX_DEPTH} levels deep",
                    "a map needs only a few levels: check for runaway brackets or indentation",
                )
            node.frame.payload = value
        elif node.parent is None:
            self.root = value

    def _place(self, node: Node, value: Any, at: Position) -> None:
        parent = node.parent
        if parent is not None and parent.kind == "mapping":
            if node.kept:
                parent.payload[node.path[-1]] = value
            self.positions.keys[node.path] = _pos(parent.key_mark)
        elif parent is not None:
            parent.payload.append(value)
        self.positions.values[node.path] = at

    def _check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag in _CORE_TAGS:
            return
        implicit = getattr(event, "implicit", None)
        if implicit is True or (isinstance(implicit, tuple) and implicit[0]):
            return  # a resolved default tag, not one the author wrote
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.fail(
            _pos(event.start_mark),
            "AM109",
            f"the YAML tag {shown} is not allowed in a map",
            "remove the tag; a map holds plain text, numbers, lists and mappings",
        )

    def _scalar(self, event: Any, at: Position) -> Any:
        text: str = event.value
        tag = event.tag
        plain = not event.style and (tag is None or event.implicit[0])
        if tag is not None and not event.implicit[0]:
            return self._tagged(text, tag, at)
        if not plain:
            return text
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            return self._int(text, at)
        if _FLOAT.match(text):
            return _float(text)
        if _YAML11_BOOL.match(text) or _YAML11_SEXAGESIMAL.match(text):
            self.problems.append(
                problem(
                    self.name,
                    at,
                    "AM106",
                    f'unquoted `{text}` is read as the text "{text}"',
                    f"older YAML tools read it as a {'number' if ':' in text else 'true/false value'}: "
                    f'write "{text}" in quotes to mean text, or true/false for a yes-or-no setting',
                    Severity.WARNING,
                )
            )
        return text

    def _int(self, text: str, at: Position) -> Any:
        try:
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        except ValueError:  # longer than Python converts (sys.get_int_max_str_digits)
            self.problems.append(
                problem(
                    self.name,
                    at,
                    "AM112",
                    f"a number of {len(text):,} digits is longer than argmap reads",
                    "write it in quotes if it is meant as text",
                )
            )
            return text

    def _tagged(self, text: str, tag: str, at: Position) -> Any:
        if tag in ("tag:yaml.org,2002:str", "!"):
            return text
        try:
            if tag == "tag:yaml.org,2002:int":
                return int(text, 0)
            if tag == "tag:yaml.org,2002:float":
                return _float(text)
        except ValueError:
            pass
        if tag == "tag:yaml.org,2002:bool" and _BOOL.match(text):
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:null" and _NULL.match(text):
            return None
        self.fail(at, "AM109", f"`{text}` does not fit its tag {tag}", "remove the tag")
        return None


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith("inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered.endswith("nan"):
        return math.nan
    return float(text)
