"""One walk over PyYAML's parser events, shared by the loader and the editor.

`argmap.load.yaml_map` builds data and positions from the events; `argmap.edit.locate`
finds where each node starts and ends in the text, to splice edits. Both need the same
bookkeeping: which collection is open, the path of each node (`('claims', 3, 'text')`),
whether the next node of a mapping is a key or a value, which keys repeat. `walk` does it
once, with a typed `Frame` per open collection, and hands each node over as a `Node`.

Keys are named as the loader names them: the first of two equal keys keeps its name; a
repeated key, or one holding a NUL character, is renamed `key\\0duplicateN` (N: the keys the
mapping held before it), so its value gets a path of its own and is `kept` by nobody. A key
that is itself a list or a mapping (a "complex key", which argmap refuses) is walked for its
extent only: its nodes lie under the path `(…, "\\0key")` and the value after it is not kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

PathKey = tuple[str | int, ...]
Mark = Any  # yaml.Mark: `line`, `column` (0-based) and `index` of a place in the text
CollectionKind = Literal["mapping", "sequence"]
NodeKind = Literal["document", "alias", "scalar", "mapping", "sequence", "end"]

COMPLEX_KEY = "\u0000key"  # the path step under which a complex key's own nodes lie

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NODE_KINDS: dict[str, NodeKind] = {
    "ScalarEvent": "scalar",
    "MappingStartEvent": "mapping",
    "SequenceStartEvent": "sequence",
    "AliasEvent": "alias",
}


def parse_events(text: str, loader_class: Any = _Loader) -> Iterator[Any]:
    """The YAML parser's events for `text`, one at a time (so a caller can stop early)."""
    loader = loader_class(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


@dataclass(eq=False)
class Frame:
    """An open mapping or sequence, while its nodes are walked."""

    kind: CollectionKind
    path: PathKey
    start: Mark
    flow: bool  # written in flow style (`[…]`, `{…}`)
    in_flow: bool  # inside a flow collection (so its own nodes are too)
    depth: int  # collections around it (0: the document's top level)
    end: Mark = None  # set when the collection closes
    key: str | None = None  # mapping: the key whose value comes next (None: a key comes next)
    key_mark: Mark = None  # mapping: where that key starts
    key_kept: bool = True  # mapping: that key is the first of its name
    items: int = 0  # sequence: the items walked so far
    seen: dict[str, Mark] = field(default_factory=dict)  # mapping: each key (as named) and where it is
    payload: Any = None  # what the walk's user builds for it (the loader's dict or list, the editor's spot)

    @property
    def expects_key(self) -> bool:
        return self.kind == "mapping" and self.key is None

    @property
    def flow_context(self) -> bool:
        """Its nodes are inside a flow collection."""
        return self.flow or self.in_flow


@dataclass(eq=False)
class Node:
    """One step of the walk: a document's start, a node (key or value), or a collection's end."""

    kind: NodeKind
    event: Any
    path: PathKey = ()  # a value's path; a key's, the path its value will have
    parent: Frame | None = None  # the collection it is in (for "end": the one around the closed one)
    frame: Frame | None = None  # "mapping"/"sequence": the collection it opens; "end": the one it closes
    is_key: bool = False
    kept: bool = True  # the first of its name (a key), or under such a key (a value)
    key: str | None = None  # a scalar key: its text as written
    first: Mark = None  # a repeated key: where the first one is

    @property
    def in_flow(self) -> bool:
        return self.parent is not None and self.parent.flow_context


def walk(events: Iterator[Any]) -> Iterator[Node]:
    """The nodes of the parser's `events` with their paths and frames, in document order.

    A `Node` opening a collection carries its new `Frame`, which is pushed once the caller
    has seen it (so the caller can set its `payload`); raising stops the walk."""
    stack: list[Frame] = []
    for event in events:
        name = type(event).__name__
        if name == "DocumentStartEvent":
            yield Node("document", event)
            continue
        if name in ("MappingEndEvent", "SequenceEndEvent"):
            closed = stack.pop()
            closed.end = event.end_mark
            yield Node("end", event, closed.path, stack[-1] if stack else None, closed)
            continue
        kind = _NODE_KINDS.get(name)
        if kind is None:  # the stream's start and end, a document's end
            continue
        parent = stack[-1] if stack else None
        node = _key(parent, event, kind) if parent is not None and parent.expects_key else _value(parent, event, kind)
        yield node
        if node.frame is not None:
            stack.append(node.frame)


def _key(parent: Frame, event: Any, kind: NodeKind) -> Node:
    if kind != "scalar":  # a complex key (or an alias): walked for its extent, its value kept nowhere
        parent.key, parent.key_mark, parent.key_kept = COMPLEX_KEY, event.start_mark, False
        path = (*parent.path, COMPLEX_KEY)
        return Node(kind, event, path, parent, _frame(kind, path, event, parent), is_key=True, kept=False)
    key = str(event.value)
    first = parent.seen.get(key)
    named = f"{key}\u0000duplicate{len(parent.seen)}" if "\u0000" in key or first is not None else key
    parent.seen[named] = event.start_mark
    parent.key, parent.key_mark, parent.key_kept = named, event.start_mark, named == key
    return Node(kind, event, (*parent.path, named), parent, is_key=True, kept=named == key, key=key, first=first)


def _value(parent: Frame | None, event: Any, kind: NodeKind) -> Node:
    kept = True
    if parent is None:
        path: PathKey = ()
    elif parent.kind == "mapping":
        assert parent.key is not None
        path, kept = (*parent.path, parent.key), parent.key_kept
        parent.key = None
    else:
        path = (*parent.path, parent.items)
        parent.items += 1
    return Node(kind, event, path, parent, _frame(kind, path, event, parent), kept=kept)


def _frame(kind: NodeKind, path: PathKey, event: Any, parent: Frame | None) -> Frame | None:
    if kind != "mapping" and kind != "sequence":
        return None
    in_flow = parent is not None and parent.flow_context
    depth = 0 if parent is None else parent.depth + 1
    return Frame(kind, path, event.start_mark, bool(event.flow_style), in_flow, depth)
