"""`argmap new`: the start of a map for another article, so an instructor begins in one command.

The scaffold names the source (with its sha256 pin), carries the editor's schema
modeline, and holds an empty thesis to fill in: it does not check until the
thesis has a paraphrase and a quote, and `argmap check` says what to fill in.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from argmap.anchor.sources import DEFAULT_MAX_SOURCE_BYTES, project_root
from argmap.format.problems import visible
from argmap.load.files import NotUtf8, Unreadable, read_regular, utf8_text

SCHEMA = Path("schema") / "argmap.schema.json"


class ScaffoldError(Exception):
    """The scaffold cannot be made; the message says why, for a person."""


def _yaml_text(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title.
    return json.dumps(text, ensure_ascii=False)


# A path of these characters reads back as itself unquoted; any other (`a: b #c.txt`, a newline)
# is written as a double-quoted string.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/][A-Za-z0-9._/ -]*[A-Za-z0-9._/]|[A-Za-z0-9._/]")


def _source_id(path: Path) -> str:
    words = re.findall(r"[A-Za-z0-9]+", path.stem.lower())
    slug = "-".join(words)[:40].strip("-")
    return slug if slug[:1].isalpha() else f"source-{slug}" if slug else "source"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:120]
    return ""


def scaffold(source: Path, map_path: Path) -> str:
    """The YAML text of a new map of `source`, to be written at `map_path`."""
    try:
        raw = read_regular(source, DEFAULT_MAX_SOURCE_BYTES)
    except Unreadable as error:
        if str(error).startswith("this is a folder"):
            raise ScaffoldError(f"{visible(str(source))} is a folder; name the article's text file") from None
        if str(error) == "no such file":
            raise ScaffoldError(f"no such source file: {visible(str(source))}") from None
        raise ScaffoldError(f"cannot read {visible(str(source))}: {error}") from None
    try:
        text = utf8_text(raw)
    except NotUtf8:
        raise ScaffoldError(
            f"{visible(str(source))} is not UTF-8 text; convert it first (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)"
        ) from None
    folder = map_path.resolve().parent
    relative = Path(os.path.relpath(source.resolve(), folder)).as_posix()
    root = project_root(map_path.resolve().parent / "x")
    schema = root / SCHEMA
    lines = []
    if schema.exists():
        lines.append(f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}")
    first = _first_line(text)
    lines += [
        f"# A map of {visible(relative)}: fill in the thesis, then add premises, evidence, objections and",
        "# rebuttals (docs/format.md). `argmap check` says what is still missing.",
        "argmap: 1",
        f"title: {_yaml_text(first + ': the argument' if first else 'The argument')}",
        "sources:",
        f"  - id: {_source_id(source)}",
        f"    path: {relative if _PLAIN_PATH.fullmatch(relative) else _yaml_text(relative)}",
        f"    title: {_yaml_text(first)}  # check: the first line of the text" if first else "    # title: …",
        "    # author: …",
        '    # date: "YYYY-MM-DD"',
        f"    sha256: {hashlib.sha256(raw).hexdigest()}",
        "    exclude: []  # page furniture to leave out of `argmap coverage`: {quote: …, reason: …}",
        "claims:",
        "  - id: T1",
        "    kind: thesis",
        '    text: ""   # the article\'s main claim, in your own words',
        '    quote: ""  # the author\'s exact words that state it, copied from the text',
        "",
    ]
    return "\n".join(lines)
