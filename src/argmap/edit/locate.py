"""Where things are in a map's text: each key's and value's start and end offset, by path.

The edits splice the text at these places. They come from PyYAML's parser events, walked by
`argmap.load.events.walk` (the loader's own walk, so paths and repeated keys are named alike).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.load.events import Node, PathKey, parse_events, walk


@dataclass
class Spot:
    """A node of the YAML document: where it starts and ends in the text (0-based offsets)."""

    start: int
    end: int  # end-exclusive; for a block collection, the end of its last scalar
    line: int  # 0-based
    column: int
    kind: str  # "scalar", "map" or "seq"
    style: str | None = None  # scalars: "" plain, "'", '"', "|", ">"; collections: "flow" or "block"
    in_flow: bool = False  # inside a flow collection ([...] or {...})
    value: str | None = None  # scalars: the value as parsed
    items: list[PathKey] = field(default_factory=list)  # collections: the paths of their children


@dataclass
class Layout:
    values: dict[PathKey, Spot] = field(default_factory=dict)
    keys: dict[PathKey, Spot] = field(default_factory=dict)


class EditError(Exception):
    """An edit could not be made; the message says why, for a person."""


def scan(text: str) -> Layout:
    """Where every key and value of the document is, by path (as `argmap.load.yaml_map` names paths).

    Uses PyYAML's pure-Python parser, whose marks count characters of the text as given (a CRLF
    counts two), so offsets index the str directly. Of two equal keys the first is recorded,
    as `argmap.load.yaml_map` keeps the first.
    """
    layout = Layout()
    try:
        _walk(text, layout)
    except yaml.MarkedYAMLError as error:
        # libyaml (the loader) accepts a few plain scalars the pure-Python parser refuses, such as
        # `text: Will it last?,` in a flow mapping: quoting the value makes both read it the same.
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise EditError(
            f"cannot edit this map safely: {where}{error.problem}; put that value in double quotes "
            '(e.g. `text: "Will it last?"`) and try again'
        ) from None
    return layout


def _walk(text: str, layout: Layout) -> None:
    for node in walk(_events(text)):
        if node.kind == "end":
            _close(node)
        elif node.kind in ("scalar", "mapping", "sequence"):
            spot = _spot(node)
            if node.is_key:
                if node.kept:
                    layout.keys[node.path] = spot
            else:
                if node.kind == "scalar":
                    _extend(node, spot)
                _record(layout, node, spot)


def _events(text: str) -> Iterator[Any]:
    return parse_events(text, yaml.SafeLoader)  # pure Python on purpose: its marks are character offsets


def _spot(node: Node) -> Spot:
    """The node's spot; a collection's is its frame's payload, grown as its nodes are walked."""
    event = node.event
    mark = event.start_mark
    if node.kind == "scalar":
        style = str(event.style or "")
        return Spot(
            mark.index, event.end_mark.index, mark.line, mark.column, "scalar", style, node.in_flow, event.value
        )
    assert node.frame is not None
    if node.is_key:  # a complex key: only its extent counts
        spot = Spot(mark.index, mark.index, mark.line, mark.column, "map")
    else:
        kind = "map" if node.kind == "mapping" else "seq"
        style = "flow" if node.frame.flow else "block"
        spot = Spot(mark.index, mark.index, mark.line, mark.column, kind, style, node.in_flow)
    node.frame.payload = spot
    return spot


def _extend(node: Node, spot: Spot) -> None:
    """The collection around `node` reaches at least to the end of `spot`."""
    if node.parent is not None:
        parent: Spot = node.parent.payload
        parent.end = max(parent.end, spot.end)


def _close(node: Node) -> None:
    assert node.frame is not None
    spot: Spot = node.frame.payload
    if spot.style == "flow":
        spot.end = node.event.end_mark.index
    _extend(node, spot)


def _record(layout: Layout, node: Node, spot: Spot) -> None:
    if not node.kept or node.path in layout.values:
        return
    layout.values[node.path] = spot
    owner = layout.values.get(node.path[:-1]) if node.path else None
    if owner is not None:
        owner.items.append(node.path)
