"""Problem codes of the loading and quote-anchoring stages.

Structure rules (AM3xx) live one per module in `argmap.check.rules`; this table holds
the codes of the stages before them. Codes are stable: tools and CI configs
refer to them, so a code is never reused for another meaning.

*Unreadable* codes stop the loading of a file: argmap could not get a YAML
document out of it at all, and `argmap check` exits 2 for them (1 for the rest).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.format.problems import Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    unreadable: bool = False
    # Protects the machine that runs argmap (a file outside the project or in .git/, a source
    # that cannot be read, a limit): configuration may raise it, never switch it off or lower it.
    protected: bool = False


E, W = Severity.ERROR, Severity.WARNING

LOADER_CODES: tuple[Code, ...] = (
    Code("AM100", "cannot-read", E, "the map file is missing, a folder, or not readable", True),
    Code("AM101", "not-utf8", E, "the map file is not UTF-8 text", True),
    Code("AM102", "yaml-syntax", E, "the file is not valid YAML", True),
    Code("AM103", "duplicate-key", E, "a key appears twice in one mapping (YAML would silently keep the last)"),
    Code("AM104", "anchor-alias", E, "YAML anchors (&name) and aliases (*name) are refused", True),
    Code("AM105", "too-large", E, "the map file is larger than the size limit", True),
    Code("AM106", "yaml11-scalar", W, "an unquoted yes/no/on/off (YAML 1.1 booleans) or 1:30 (base 60) kept as text"),
    Code("AM107", "too-deep", E, "the YAML is nested deeper than any map needs", True),
    Code(
        "AM108", "not-a-map", E, "the file is empty, holds several documents, or its top level is not a mapping", True
    ),
    Code("AM109", "yaml-tag", E, "an explicit YAML tag (!!python/…, !custom) is not allowed", True),
    Code("AM110", "unknown-key", E, "a key argmap does not know (often a typo)"),
    Code("AM111", "missing-key", E, "a required key is missing"),
    Code("AM112", "invalid-value", E, "a value has the wrong type or is not one of the allowed values"),
    Code("AM113", "format-version", E, "the `argmap:` format version is missing or not supported"),
    Code("AM114", "base-missing", E, "an overlay's `extends:` names no map file inside the project", protected=True),
    Code("AM115", "extends-cycle", E, "maps extend each other in a circle"),
    Code("AM116", "too-many-values", E, "the map holds more values than any map of an article needs", True),
    Code(
        "AM120",
        "config-invalid",
        E,
        "the configuration (.argmap.toml or [tool.argmap]) has an unknown key or value",
        True,
    ),
)

ANCHOR_CODES: tuple[Code, ...] = (
    Code("AM201", "source-missing", E, "a source file is missing or cannot be read", protected=True),
    Code("AM202", "source-not-utf8", E, "a source file is not UTF-8 text", protected=True),
    Code(
        "AM203",
        "source-outside",
        E,
        "a source path leads outside the project (../ or a symlink) or into a hidden folder such as .git/",
        protected=True,
    ),
    Code("AM204", "source-changed", W, "a source file no longer matches its sha256 pin"),
    Code("AM205", "unknown-source", E, "a quote or claim names a source id the map does not declare"),
    Code("AM206", "quote-not-found", E, "a quote is not in its source; the closest passage is shown when there is one"),
    Code("AM207", "quote-normalised", W, "a quote matches only after normalising quote marks, dashes, spaces or case"),
    Code("AM208", "quote-ambiguous", E, "a quote occurs more than once and nothing picks one occurrence"),
    Code("AM209", "quote-selector-miss", E, "prefix, suffix or occurrence picks none of a quote's occurrences"),
    Code("AM210", "source-too-large", E, "a source file is larger than the size limit", protected=True),
    Code("AM211", "duplicate-source", E, "two sources share an id"),
    Code("AM212", "selector-too-long", E, "a quote's prefix or suffix is longer than argmap compares", protected=True),
)

ALL_STAGE_CODES: dict[str, Code] = {c.code: c for c in LOADER_CODES + ANCHOR_CODES}


def is_unreadable(code: str) -> bool:
    entry = ALL_STAGE_CODES.get(code)
    return entry is not None and entry.unreadable
