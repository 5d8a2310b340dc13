"""argmap's vocabulary: the claim kinds, bases, relation types and output formats.

Every other table derives from these: the model's allowed values and the JSON
schema, the command options (`--hide`, `add --kind`, `--format`), the hints of
the loader, `add`'s id prefixes, the legend's captions and the renderer's
styles (`argmap.graph.style`, whose fallback style serves a kind it does not
name). Adding a kind or a format is an edit of this module; a test fails if a
derived table misses an entry.

This module imports nothing of argmap and no third-party package: the command
line reads it at start-up, before `--help`, and must stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClaimKind:
    """One kind of claim a map may declare with `kind:`."""

    name: str
    prefix: str  # `argmap add` numbers new claims of this kind P1, P2, …
    meaning: str  # one line, for hints and `argmap add --help`
    legend: str  # a few words for the diagram's legend, after the kind's name
    plural: str  # "3 objections" on a slide
    attacks: bool  # `add` makes it attack its target unless told otherwise
    side: str | None  # whose case it serves by itself (None: the side of what it supports)
    addable: bool = True  # `add` offers it (a map has one thesis, written by hand)


KINDS: tuple[ClaimKind, ...] = (
    ClaimKind("thesis", "T", "the article's main claim", "the main claim", "theses", False, "author", addable=False),
    ClaimKind("premise", "P", "a reason given for a claim", "the author's reason", "premises", False, None),
    ClaimKind("evidence", "E", "facts offered (say their `basis:`)", "facts offered", "evidence", False, None),
    ClaimKind("objection", "O", "a view the author argues against", "argued against", "objections", True, "opponent"),
    ClaimKind(
        "rebuttal", "R", "the author's reply to the opponent", "reply to an objection", "rebuttals", True, "author"
    ),
    ClaimKind("concession", "C", "the opponent's point, granted", "a point granted", "concessions", True, "opponent"),
)

BASES: tuple[str, ...] = (
    "statistic",
    "event",
    "document",
    "expert-opinion",
    "quotation",
    "example",
    "testimony",
    "observation",
    "other",
)


@dataclass(frozen=True, slots=True)
class RelationType:
    """One type of relation between claims, written as a claim field or a `relations:` entry."""

    name: str
    field: str  # the claim field that writes it (`supports: T1`)
    legend: str  # the legend's caption for one arrow
    linked: str  # the legend's caption for linked co-premises
    attacking: bool  # it argues against its target (attack, undercut) rather than for it


RELATIONS: tuple[RelationType, ...] = (
    RelationType("support", "supports", "supports", "support only together (linked)", attacking=False),
    RelationType("example", "exemplifies", "is an example of", "are examples only together (linked)", attacking=False),
    RelationType("attack", "attacks", "attacks", "attack only together (linked)", attacking=True),
    RelationType("undercut", "undercuts", "undercuts the link", "undercut only together (linked)", attacking=True),
)

# Relation types that give a reason for their target, and those that argue against it.
SUPPORTING: tuple[str, ...] = tuple(r.name for r in RELATIONS if not r.attacking)
ATTACKING: tuple[str, ...] = tuple(r.name for r in RELATIONS if r.attacking)

SIDES: tuple[str, ...] = ("author", "opponent", "student")


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """A format a command can write, and the file suffixes that ask for it."""

    name: str
    suffixes: tuple[str, ...]
    binary: bool = False


# Problems: `check`, `coverage`, `evaluate` … report in these.
PROBLEM_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", (".txt",)),
    OutputFormat("json", (".json",)),
    OutputFormat("github", ()),
)
# Diagrams: `render`, `diff`, `slides` draw through Graphviz in these.
DIAGRAM_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("svg", (".svg",)),
    OutputFormat("png", (".png",), binary=True),
    OutputFormat("pdf", (".pdf",), binary=True),
    OutputFormat("dot", (".dot", ".gv")),
)
# A report of one map (`coverage`, `evaluate`) or of two (`diff`): words, or data for tools.
REPORT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", (".txt",)),
    OutputFormat("json", (".json",)),
)
# A class's overlays in one table: `class`.
TABLE_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", (".txt",)),
    OutputFormat("markdown", (".md",)),
    OutputFormat("csv", (".csv",)),
    OutputFormat("json", (".json",)),
)
# A slide deck: `slides` (PDF: one file; SVG and PNG: one file per slide in a folder).
SLIDE_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("pdf", (".pdf",), binary=True),
    OutputFormat("svg", (".svg",)),
    OutputFormat("png", (".png",), binary=True),
)
# The map itself for other tools: `export`.
EXPORT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("json", (".json",)),
    OutputFormat("aif", (".json",)),
    OutputFormat("ova", (".json",)),
    OutputFormat("argdown", (".argdown", ".ad")),
)


def kind_names(*, addable_only: bool = False) -> tuple[str, ...]:
    """The kinds' names in vocabulary order (only those `add` offers, if asked)."""
    return tuple(k.name for k in KINDS if k.addable or not addable_only)


def kind(name: str) -> ClaimKind | None:
    """The kind called `name`, or None."""
    return next((k for k in KINDS if k.name == name), None)


def relation_names() -> tuple[str, ...]:
    """The relation types' names in vocabulary order."""
    return tuple(r.name for r in RELATIONS)


def relation(name: str) -> RelationType | None:
    """The relation type called `name`, or None."""
    return next((r for r in RELATIONS if r.name == name), None)


def format_names(formats: tuple[OutputFormat, ...]) -> tuple[str, ...]:
    """The names of a family of formats, for a `--format` choice."""
    return tuple(f.name for f in formats)


def suffix_map(formats: tuple[OutputFormat, ...]) -> dict[str, str]:
    """File suffix -> the format it asks for (the first of the family that claims it)."""
    found: dict[str, str] = {}
    for output in formats:
        for suffix in output.suffixes:
            found.setdefault(suffix, output.name)
    return found


def format_for_suffix(formats: tuple[OutputFormat, ...], suffix: str) -> str | None:
    """The first format of a family that a file suffix (`.SVG` too) asks for, or None."""
    suffix = suffix.lower()
    return next((f.name for f in formats if suffix in f.suffixes), None)


def one_of(names: tuple[str, ...]) -> str:
    """`a, b or c`, for a hint."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
