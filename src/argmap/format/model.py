"""The argument-map format: what a map file may say, as plain records, and how loaded data becomes them.

The YAML a student edits is loaded (`argmap.load.yaml_map`), then built into these
records by `build_map`, which accepts exactly what the format allows and
nothing else. Shorthands are widened while building, so the rest of argmap
sees one shape only:

* ``quote: "words"``        -> ``quotes: [{exact: "words"}]``
* ``supports: T1``          -> ``supports: [T1]`` (likewise ``exemplifies``, ``attacks``, ``undercuts``)
* ``from: P1`` in a relation -> ``from: [P1]`` (several ids = linked co-premises)

Building imports nothing: `argmap check` of a map that fits does not pay for
pydantic (~0.1 s of start-up and ~19 MiB). A map that does not fit is handed to
the pydantic models of `argmap.format.strict`, which say exactly what is wrong
(`argmap.load.validate`) and describe the format as JSON Schema. A property test holds
the two to accepting the same maps.

`docs/format.md` is the user documentation of this module; keep them in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from argmap.format import vocabulary

FORMAT_VERSION = 1

# The allowed values come from the vocabulary (argmap.format.vocabulary): a kind, basis or relation
# type added there is accepted here, by the strict models and by the schema, with no other edit.
ClaimKind = str  # one of CLAIM_KINDS
CLAIM_KINDS: tuple[str, ...] = vocabulary.kind_names()
Basis = str  # one of BASES
BASES: tuple[str, ...] = vocabulary.BASES
RelationType = str  # one of RELATION_TYPES
RELATION_TYPES: tuple[str, ...] = vocabulary.relation_names()
# Whose case a claim serves; a student's claims (`added_by`) are on the `student` side.
Side = Literal["author", "opponent"]
SIDES_WRITTEN: tuple[str, ...] = ("author", "opponent")
# What a map is of: one article's argument (one thesis), or a debate (several speakers' top claims).
MapShape = Literal["article", "debate"]
MAP_SHAPES: tuple[str, ...] = ("article", "debate")

# Ids are what students type in `supports:`; keep them short, case-sensitive words.
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
IDENTIFIER_MAX = 64
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage of a source (a W3C TextQuoteSelector, more or less)."""

    exact: str
    source: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A passage of a source that is deliberately not part of the argument."""

    quote: Quote
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    path: str
    title: str | None = None
    author: str | None = None
    role: str | None = None
    date: str | None = None
    section: str | None = None
    url: str | None = None
    publisher: str | None = None
    sha256: str | None = None
    exclude: list[Exclusion] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    kind: ClaimKind
    text: str
    quotes: list[Quote] = field(default_factory=list)
    source: str | None = None
    voice: str | None = None
    side: Side | None = None
    basis: Basis | None = None
    implicit: bool = False
    added_by: str | None = None
    group: str | None = None
    note: str | None = None
    supports: list[str] = field(default_factory=list)
    exemplifies: list[str] = field(default_factory=list)
    attacks: list[str] = field(default_factory=list)
    undercuts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation written out in full: needed for linked premises and named links."""

    type: RelationType
    from_: list[str]  # written `from:`
    to: str
    id: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ArgumentMap:
    argmap: int
    claims: list[Claim]
    extends: str | None = None  # an overlay: the base map it adds to, relative to this file
    added_by: str | None = None  # an overlay: who added its claims (each claim may say otherwise)
    shape: MapShape = "article"  # debate: any number of theses (top claims), which may attack
    title: str | None = None
    description: str | None = None
    sources: list[Source] = field(default_factory=list)  # required unless the map extends a base
    groups: dict[str, Group] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07 compatible) of a map file, for editors and check-jsonschema."""
    from argmap.format.strict import schema as strict_schema

    return strict_schema()


# --- building -----------------------------------------------------------------------------------


class DoesNotFit(Exception):
    """The data is not a map; `argmap.load.validate` asks the strict models for the reasons."""


T = TypeVar("T")


def build_map(data: Any) -> ArgumentMap:
    """The map the data describes; DoesNotFit at the first thing the format does not allow."""
    fields = _mapping(data, _MAP_KEYS, required=("argmap", "claims"))
    argmap = fields["argmap"]
    if type(argmap) is not int:
        raise DoesNotFit
    return ArgumentMap(
        argmap=argmap,
        claims=_list_of(fields["claims"], _claim, widen=False),
        extends=_text(fields.get("extends")),
        added_by=_text(fields.get("added_by")),
        shape=_shape(fields.get("shape", "article")),
        title=_optional_str(fields.get("title")),
        description=_optional_str(fields.get("description")),
        sources=_list_of(fields.get("sources", []), _source, widen=False),
        groups=_groups(fields.get("groups", {})),
        relations=_list_of(fields.get("relations", []), _relation, widen=False),
    )


_MAP_KEYS = frozenset(
    ("argmap", "extends", "added_by", "shape", "title", "description", "sources", "groups", "claims", "relations")
)
_QUOTE_KEYS = frozenset(("exact", "source", "prefix", "suffix", "occurrence"))
_EXCLUSION_KEYS = frozenset(("quote", "reason"))
_SOURCE_KEYS = frozenset(
    ("id", "path", "title", "author", "role", "date", "section", "url", "publisher", "sha256", "exclude")
)
_CLAIM_KEYS = frozenset(
    ("id", "kind", "text", "quotes", "source", "voice", "side", "basis", "implicit", "added_by", "group", "note")
    + ("supports", "exemplifies", "attacks", "undercuts")
)
_RELATION_KEYS = frozenset(("id", "type", "from", "to", "note"))
_GROUP_KEYS = frozenset(("label", "note"))


def _mapping(value: Any, allowed: frozenset[str], required: tuple[str, ...]) -> dict[str, Any]:
    if type(value) is not dict or not allowed.issuperset(value) or any(key not in value for key in required):
        raise DoesNotFit
    return value


def _list_of(value: Any, build: Callable[[Any], T], widen: bool = True) -> list[T]:
    if widen:  # a single value where a list is expected is a list of one
        if value is None:
            return []
        if type(value) in (str, dict):
            value = [value]
    if type(value) is not list:
        raise DoesNotFit
    return [build(item) for item in value]


def _optional_str(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise DoesNotFit


def _text(value: Any) -> str | None:
    """Optional non-empty text."""
    if value is None or (type(value) is str and value):
        return value
    raise DoesNotFit


def _required_text(value: Any) -> str:
    if type(value) is str and value:
        return value
    raise DoesNotFit


def _identifier(value: Any) -> str:
    if type(value) is str and len(value) <= IDENTIFIER_MAX and IDENTIFIER.fullmatch(value):
        return value
    raise DoesNotFit


def _optional_identifier(value: Any) -> str | None:
    return None if value is None else _identifier(value)


def _one_of(value: Any, allowed: tuple[str, ...]) -> Any:
    if type(value) is str and value in allowed:
        return value
    raise DoesNotFit


def _quote(value: Any) -> Quote:
    if type(value) is str:
        value = {"exact": value}  # the commonest quote: the exact words, nothing else
    fields = _mapping(value, _QUOTE_KEYS, required=("exact",))
    occurrence = fields.get("occurrence")
    if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
        raise DoesNotFit
    return Quote(
        exact=_required_text(fields["exact"]),
        source=_optional_identifier(fields.get("source")),
        prefix=_optional_str(fields.get("prefix")),
        suffix=_optional_str(fields.get("suffix")),
        occurrence=occurrence,
    )


def _exclusion(value: Any) -> Exclusion:
    fields = _mapping(value, _EXCLUSION_KEYS, required=("quote", "reason"))
    return Exclusion(quote=_quote(fields["quote"]), reason=_required_text(fields["reason"]))


def _source(value: Any) -> Source:
    fields = _mapping(value, _SOURCE_KEYS, required=("id", "path"))
    sha256 = fields.get("sha256")
    if sha256 is not None and (type(sha256) is not str or not SHA256.fullmatch(sha256)):
        raise DoesNotFit
    return Source(
        id=_identifier(fields["id"]),
        path=_required_text(fields["path"]),
        title=_optional_str(fields.get("title")),
        author=_optional_str(fields.get("author")),
        role=_optional_str(fields.get("role")),
        date=_optional_str(fields.get("date")),
        section=_optional_str(fields.get("section")),
        url=_optional_str(fields.get("url")),
        publisher=_optional_str(fields.get("publisher")),
        sha256=sha256,
        exclude=_list_of(fields.get("exclude", []), _exclusion),
    )


def _claim(value: Any) -> Claim:
    if type(value) is dict and "quote" in value and "quotes" not in value:
        value = {("quotes" if key == "quote" else key): item for key, item in value.items()}  # one field, two spellings
    fields = _mapping(value, _CLAIM_KEYS, required=("id", "kind", "text"))
    implicit = fields.get("implicit", False)
    if type(implicit) is not bool:
        raise DoesNotFit
    basis = fields.get("basis")
    return Claim(
        id=_identifier(fields["id"]),
        kind=_one_of(fields["kind"], CLAIM_KINDS),
        text=_required_text(fields["text"]),
        quotes=_list_of(fields.get("quotes", []), _quote),
        source=_optional_identifier(fields.get("source")),
        voice=_text(fields.get("voice")),
        side=_side(fields.get("side")),
        basis=None if basis is None else _one_of(basis, BASES),
        implicit=implicit,
        added_by=_text(fields.get("added_by")),
        group=_optional_identifier(fields.get("group")),
        note=_optional_str(fields.get("note")),
        supports=_list_of(fields.get("supports", []), _required_text),
        exemplifies=_list_of(fields.get("exemplifies", []), _required_text),
        attacks=_list_of(fields.get("attacks", []), _required_text),
        undercuts=_list_of(fields.get("undercuts", []), _required_text),
    )


def _relation(value: Any) -> Relation:
    fields = _mapping(value, _RELATION_KEYS, required=("type", "from", "to"))
    from_ = _list_of(fields["from"], _identifier)
    if not from_:
        raise DoesNotFit
    return Relation(
        type=_one_of(fields["type"], RELATION_TYPES),
        from_=from_,
        to=_required_text(fields["to"]),
        id=_optional_identifier(fields.get("id")),
        note=_optional_str(fields.get("note")),
    )


def _side(value: Any) -> Side | None:
    if value is None:
        return None
    if value == "author":
        return "author"
    if value == "opponent":
        return "opponent"
    raise DoesNotFit


def _shape(value: Any) -> MapShape:
    if value == "article":
        return "article"
    if value == "debate":
        return "debate"
    raise DoesNotFit


def _groups(value: Any) -> dict[str, Group]:
    if type(value) is not dict:
        raise DoesNotFit
    groups = {}
    for key, item in value.items():
        fields = _mapping({"label": item} if type(item) is str else item, _GROUP_KEYS, required=("label",))
        groups[_identifier(key)] = Group(label=_required_text(fields["label"]), note=_optional_str(fields.get("note")))
    return groups
