"""The argument-map format as pydantic models: the JSON Schema, and the exact errors of a map that does not fit.

`argmap.format.model` builds a map that fits straight into its plain records, without
importing pydantic; these models are loaded only for `argmap schema` and for a
map that `argmap.format.model` cannot build, to say precisely what is wrong with it.
They accept exactly what `argmap.format.model.build_map` accepts (a property test holds
the two together). Shorthands are widened before validation:

* ``quote: "words"``        -> ``quotes: [{exact: "words"}]``
* ``supports: T1``          -> ``supports: [T1]`` (likewise ``exemplifies``, ``attacks``, ``undercuts``)
* ``from: P1`` in a relation -> ``from: [P1]`` (several ids = linked co-premises)

`docs/format.md` is the user documentation of the format; keep them in step.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from argmap.format.model import BASES, CLAIM_KINDS, FORMAT_VERSION, RELATION_TYPES, MapShape, Side

# The vocabulary's names as Literal types (built at run time, so mypy sees them as Any): pydantic's
# errors then list the allowed values, and the schema gives them as an `enum`.
ClaimKind = Literal[CLAIM_KINDS]  # type: ignore[valid-type]
Basis = Literal[BASES]  # type: ignore[valid-type]
RelationType = Literal[RELATION_TYPES]  # type: ignore[valid-type]

# Ids are what students type in `supports:`; keep them short, case-sensitive words.
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=64)]
NonEmptyText = Annotated[str, Field(min_length=1)]


def _as_list(value: Any) -> Any:
    """A single value where a list is expected is a list of one."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


def _as_quote(value: Any) -> Any:
    """A plain string is the commonest quote: the exact words, nothing else."""
    if isinstance(value, str):
        return {"exact": value}
    return value


def _as_quote_list(value: Any) -> Any:
    value = _as_list(value)
    if isinstance(value, list):
        return [_as_quote(item) for item in value]
    return value


class _Strict(BaseModel):
    # Strict: `text: 12` is a mistake to report, not a string to invent.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Quote(_Strict):
    """A verbatim passage of a source (a W3C TextQuoteSelector, more or less)."""

    exact: NonEmptyText
    source: Identifier | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: Annotated[int, Field(ge=1)] | None = None


QuoteInput = str | Quote  # what a student may write for one quote


class Exclusion(_Strict):
    """A passage of a source that is deliberately not part of the argument."""

    quote: Annotated[Quote, BeforeValidator(_as_quote, json_schema_input_type=QuoteInput)]
    reason: NonEmptyText


class Source(_Strict):
    id: Identifier
    path: NonEmptyText
    title: str | None = None
    author: str | None = None
    role: str | None = None
    date: str | None = None
    section: str | None = None
    url: str | None = None
    publisher: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    exclude: Annotated[
        list[Exclusion], BeforeValidator(_as_list, json_schema_input_type=Exclusion | list[Exclusion])
    ] = []


RefList = Annotated[
    list[NonEmptyText], BeforeValidator(_as_list, json_schema_input_type=NonEmptyText | list[NonEmptyText])
]


class Claim(_Strict):
    id: Identifier
    kind: ClaimKind
    text: NonEmptyText
    quotes: Annotated[
        list[Quote], BeforeValidator(_as_quote_list, json_schema_input_type=QuoteInput | list[QuoteInput])
    ] = []
    source: Identifier | None = None
    voice: NonEmptyText | None = None
    side: Side | None = None
    basis: Basis | None = None
    implicit: bool = False
    added_by: NonEmptyText | None = None
    group: Identifier | None = None
    note: str | None = None
    supports: RefList = []
    exemplifies: RefList = []
    attacks: RefList = []
    undercuts: RefList = []

    @model_validator(mode="before")
    @classmethod
    def _one_quote_key(cls, data: Any) -> Any:
        # `quote:` and `quotes:` are spellings of one field; having both is a mistake
        # the loader reports with a position, so here we only merge the common case.
        if isinstance(data, dict) and "quote" in data and "quotes" not in data:
            data = dict(data)
            data["quotes"] = data.pop("quote")
        return data


class Relation(_Strict):
    """A relation written out in full: needed for linked premises and named links."""

    id: Identifier | None = None
    type: RelationType
    from_: Annotated[
        list[Identifier],
        BeforeValidator(_as_list, json_schema_input_type=Identifier | list[Identifier]),
        Field(alias="from", min_length=1),
    ]
    to: NonEmptyText
    note: str | None = None

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Group(_Strict):
    label: NonEmptyText
    note: str | None = None


def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07 compatible) of a map file, for editors and check-jsonschema."""
    document = ArgumentMap.model_json_schema(by_alias=True, mode="validation")
    document["$schema"] = "http://json-schema.org/draft-07/schema#"
    document["title"] = "argmap map"
    document["properties"]["argmap"] = {"const": FORMAT_VERSION, "description": "Format version."}
    # `quote:` is another spelling of `quotes:` (merged before validation); editors must know it.
    claim = document["$defs"]["Claim"]
    claim["properties"]["quote"] = {**claim["properties"]["quotes"], "title": "Quote"}
    claim["not"] = {"required": ["quote", "quotes"]}
    return document


def _as_group(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: ({"label": item} if isinstance(item, str) else item) for key, item in value.items()}
    return value


class ArgumentMap(_Strict):
    argmap: int
    extends: NonEmptyText | None = None  # an overlay: the base map it adds to, relative to this file
    added_by: NonEmptyText | None = None  # an overlay: who added its claims (each claim may say otherwise)
    shape: MapShape = "article"  # debate: any number of theses (top claims), which may attack
    title: str | None = None
    description: str | None = None
    sources: list[Source] = []  # required unless the map extends a base (validate.py says so)
    groups: Annotated[
        dict[Identifier, Group], BeforeValidator(_as_group, json_schema_input_type=dict[str, str | Group])
    ] = {}
    claims: list[Claim]
    relations: list[Relation] = []
