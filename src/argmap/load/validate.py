"""Loaded data -> `ArgumentMap`, with pydantic's errors turned into positioned problems.

A map that fits is built by `argmap.format.model.build_map`, without pydantic. Only a map
that does not fit is validated by the strict pydantic models, for their errors:
pydantic reports an error as a `loc` path of keys and list indexes, with extra
parts naming union branches or validators. Walking that path through the data
finds the part that exists; its recorded position is where the student must
look: the unknown key itself, the wrong value, or the mapping missing a key.
We never format a ValidationError with `str()`: on hostile input that can take
minutes and gigabytes (see docs/security.md).
"""

from __future__ import annotations

import difflib
from dataclasses import fields
from typing import Any

from argmap.format import model as records
from argmap.format import vocabulary
from argmap.format.model import (
    FORMAT_VERSION,
    ArgumentMap,
    Claim,
    DoesNotFit,
    Exclusion,
    Group,
    Quote,
    Relation,
    Source,
)
from argmap.format.problems import Problem, problem
from argmap.load.yaml_map import Loaded, PathKey

# Keys the data may spell differently from the model's field names.
_SPELLINGS = {"quotes": ("quotes", "quote")}


def _keys(record: type) -> tuple[str, ...]:
    return tuple("from" if f.name == "from_" else f.name for f in fields(record))


_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": _keys(ArgumentMap),
    "sources": _keys(Source),
    "claims": (*_keys(Claim), "quote"),
    "relations": _keys(Relation),
    "quote": _keys(Quote),
    "quotes": _keys(Quote),
    "exclude": _keys(Exclusion),
    "groups": _keys(Group),
}

_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def validate(loaded: Loaded) -> tuple[ArgumentMap | None, list[Problem]]:
    """The map as a model, or None with the reasons it is not one."""
    data = loaded.data
    version_problem = _check_version(loaded)
    if version_problem is not None:
        return None, [version_problem]
    try:
        model = records.build_map(data)
    except DoesNotFit:
        strict, found = _strictly(loaded)
        if strict is None:
            return None, found
        model = strict
    if not model.sources and model.extends is None:
        return None, [
            problem(
                loaded.file,
                loaded.positions.value(()),
                "AM111",
                "the map is missing the required key `sources`"
                if "sources" not in data
                else "the map lists no sources",
                _missing_hint((), "sources"),
            )
        ]
    return model, []


def _strictly(loaded: Loaded) -> tuple[ArgumentMap | None, list[Problem]]:
    """The pydantic models' verdict: the map, or what exactly is wrong with it."""
    from pydantic import BaseModel, ValidationError

    from argmap.format.strict import ArgumentMap as StrictMap

    try:
        strict = StrictMap.model_validate(loaded.data)
    except ValidationError as error:
        entries = error.errors(include_url=False, include_input=False, include_context=True)
        return None, _problems(loaded, entries)

    def plain(value: Any) -> Any:
        # The format's records share the strict models' class and field names.
        if isinstance(value, BaseModel):
            record = getattr(records, type(value).__name__)
            return record(**{f.name: plain(getattr(value, f.name)) for f in fields(record)})
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        return value

    converted: ArgumentMap = plain(strict)
    return converted, []


def _check_version(loaded: Loaded) -> Problem | None:
    data = loaded.data
    if "argmap" not in data:
        return problem(
            loaded.file,
            loaded.positions.value(()),
            "AM113",
            "the map does not say its format version",
            f"add `argmap: {FORMAT_VERSION}` as the first line",
        )
    version = data["argmap"]
    if version != FORMAT_VERSION or isinstance(version, bool):
        return problem(
            loaded.file,
            loaded.positions.value(("argmap",)),
            "AM113",
            f"format version {version!r} is not one this argmap reads (it reads {FORMAT_VERSION})",
            f"write `argmap: {FORMAT_VERSION}`, or upgrade argmap",
        )
    return None


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[PathKey, Any, str | None]:
    """Follow `loc` through `data`: (existing path, value there, first key that is missing)."""
    path: list[str | int] = []
    here = data
    missing: str | None = None
    for part in loc:
        if isinstance(here, dict) and isinstance(part, str):
            spelled = next((s for s in _SPELLINGS.get(part, (part,)) if s in here), None)
            if spelled is None:
                missing = part
                continue
            path.append(spelled)
            here = here[spelled]
        elif isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here):
            path.append(part)
            here = here[part]
        # anything else names a union branch or a shorthand the model widened: skip it
    return tuple(path), here, missing


def _section(path: PathKey) -> str:
    """The kind of mapping a path points into, for the list of keys it may hold."""
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return ""
    last = names[-1]
    if last in ("quote", "quotes") and len(names) >= 2 and names[-2] == "exclude":
        return "quote"
    return last if last in _KNOWN_KEYS else ("groups" if len(names) >= 2 and names[-2] == "groups" else last)


def _problems(loaded: Loaded, entries: list[Any]) -> list[Problem]:
    found: dict[tuple[PathKey, str], Problem] = {}
    type_only: dict[PathKey, list[str]] = {}
    for entry in entries:
        loc = tuple(entry["loc"])
        kind = entry["type"]
        path, value, missing = _walk(loaded.data, loc)
        if kind == "extra_forbidden":
            found[(path, kind)] = _unknown_key(loaded, path)
        elif kind == "missing" and missing is not None:
            found[(path + (missing,), kind)] = problem(
                loaded.file,
                loaded.positions.value(path),
                "AM111",
                f"{_where(path)} is missing the required key `{missing}`",
                _missing_hint(path, missing),
            )
        elif kind in _TYPE_WORDS:
            type_only.setdefault(path, []).append(_TYPE_WORDS[kind])
        else:
            found[(path, kind)] = problem(
                loaded.file,
                loaded.positions.value(path),
                "AM112",
                f"{_where(path)}: {_value_message(kind, entry, value)}",
                _value_hint(kind, path, value),
            )
    taken = {key[0] for key in found}
    for path, words in type_only.items():
        # A union (text or mapping) reports one type error per branch; when a branch got
        # further than its type check, its error is the useful one.
        if any(_inside(other, path) for other in taken):
            continue
        value = _walk(loaded.data, path)[1]
        expected = " or ".join(dict.fromkeys(words))
        if _field(path) in ("quote", "quotes"):
            expected = "the exact words as text, or a mapping with `exact:`"
        found[(path, "type")] = problem(
            loaded.file,
            loaded.positions.value(path),
            "AM112",
            f"{_where(path)} must be {expected}, not {_describe(value)}",
            _type_hint(path, value),
        )
    return list(found.values())


def _inside(path: PathKey, parent: PathKey) -> bool:
    return path[: len(parent)] == parent


def _where(path: PathKey) -> str:
    """A path as a student reads it: `claims[3].quote` -> `claims[3].quote`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`" if text else "the map"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _unknown_key(loaded: Loaded, path: PathKey) -> Problem:
    key = str(path[-1]) if path else ""
    parent = path[:-1]
    allowed = _KNOWN_KEYS.get(_section(parent), ())
    if key == "quote" and isinstance(_walk(loaded.data, parent)[1], dict) and "quotes" in _walk(loaded.data, parent)[1]:
        return problem(
            loaded.file,
            loaded.positions.key(path),
            "AM110",
            "a claim has both `quote` and `quotes`",
            "keep one: `quote:` for one passage, `quotes:` for a list of passages",
        )
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = (
        f"did you mean `{close[0]}`?"
        if close
        else (f"{_where(parent)} may have: {', '.join(sorted(allowed))}" if allowed else None)
    )
    return problem(loaded.file, loaded.positions.key(path), "AM110", f"unknown key `{key}` in {_where(parent)}", hint)


def _field(path: PathKey) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def _missing_hint(path: PathKey, missing: str) -> str:
    examples = {
        "id": "give it a short unique name, e.g. `id: P7`",
        "kind": f"one of: {', '.join(vocabulary.kind_names())}",
        "text": "write the claim in your own words, e.g. `text: Trade between the two has grown.`",
        "exact": "a quote mapping needs `exact:` with the author's exact words",
        "path": "the source text file, relative to this map, e.g. `path: ../seeds/article.txt`",
        "sources": "list the text(s) the map quotes, each with `id:` and `path:`",
        "claims": "list the claims, starting with the thesis",
        "type": f"one of: {', '.join(vocabulary.relation_names())}",
        "from": "the claim id(s) the relation starts from",
        "to": "the claim id (or link) the relation points at",
        "reason": "say why the passage is left out, e.g. `reason: page furniture`",
        "label": "the group's title as the diagram shows it",
    }
    return examples.get(missing, f"add `{missing}:`")


def _value_message(kind: str, entry: Any, value: Any) -> str:
    ctx = entry.get("ctx") or {}
    if kind == "literal_error":
        return f"{_describe(value)} is not one of: {ctx.get('expected', '?')}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern", "").startswith("^[0-9a-f]{64}"):
            return f"{_describe(value)} is not a sha256 checksum"
        return f"{_describe(value)} is not a valid name"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length', '?')} characters"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_describe(value)} is too small (the least allowed is {ctx.get('ge', ctx.get('gt', '?'))})"
    return f"{_describe(value)} is not allowed here ({entry.get('msg', kind)})"


def _value_hint(kind: str, path: PathKey, value: Any = None) -> str | None:
    field = _field(path)
    allowed = {"kind": vocabulary.kind_names(), "basis": vocabulary.BASES, "type": vocabulary.relation_names()}
    if kind == "literal_error" and isinstance(value, str) and field in allowed:
        import difflib  # only for a misspelt value

        close = difflib.get_close_matches(value.strip().lower(), allowed[field], n=1, cutoff=0.6)
        if close:
            return f"did you mean `{field}: {close[0]}`? ({vocabulary.one_of(allowed[field])})"
    if kind == "string_pattern_mismatch":
        if field == "sha256":
            return "a sha256 pin is 64 lowercase hex digits: run `sha256sum FILE` and paste the first column"
        return "ids start with a letter, then letters, digits, `_`, `.` or `-` (e.g. P3, obj.nato)"
    if field == "kind":
        return f"a claim is a {vocabulary.one_of(vocabulary.kind_names())}"
    if field == "side":
        return "a claim's side is `author` or `opponent` (a student's claims say `added_by:` instead)"
    if field == "basis":
        return f"evidence basis: {', '.join(vocabulary.BASES)}"
    return None


def _type_hint(path: PathKey, value: Any) -> str | None:
    field = _field(path)
    if isinstance(value, (bool, int, float)) and field not in ("implicit", "occurrence", "argmap"):
        return f'put the value in quotes to make it text: {field}: "…"'
    if field == "implicit":
        return "write `implicit: true` or leave the key out"
    if field in ("supports", "exemplifies", "attacks", "undercuts"):
        return f"write a claim id (`{field}: T1`) or a list of ids (`{field}: [T1, P2]`)"
    return None
