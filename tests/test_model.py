"""The format's two readers agree: `build_map` (no pydantic, for maps that fit) and the strict
pydantic models (for the exact errors of maps that do not) accept the same maps, read the same way."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.format.model import DoesNotFit, build_map
from argmap.format.strict import ArgumentMap as StrictMap

VALID: dict[str, Any] = {
    "argmap": 1,
    "extends": None,
    "title": "A title",
    "sources": [
        {
            "id": "oped",
            "path": "../seeds/oped.txt",
            "sha256": "a" * 64,
            "exclude": [{"quote": "Back to Top", "reason": "page furniture"}],
        },
    ],
    "groups": {"ties": "Ties", "coord": {"label": "Coordination", "note": None}},
    "claims": [
        {"id": "T1", "kind": "thesis", "text": "T.", "quote": "words"},
        {
            "id": "P1",
            "kind": "premise",
            "text": "P.",
            "quotes": [{"exact": "more", "occurrence": 2}, "other"],
            "supports": "T1",
            "basis": "event",
            "implicit": False,
            "group": "ties",
            "voice": "the author",
        },
    ],
    "relations": [{"type": "undercut", "from": ["P1"], "to": "P1 -> T1", "id": "R1"}],
}

VALUES = st.sampled_from(
    [
        None,
        "",
        "x",
        "P1",
        "T1",
        "bad id!",
        "a" * 65,
        "0" * 64,
        "thesis",
        "event",
        "support",
        0,
        1,
        2,
        -1,
        True,
        False,
        1.5,
        [],
        ["P1"],
        [""],
        [1],
        {},
        {"exact": "x"},
        {"exact": ""},
        {"label": "L"},
        {"unknown": 1},
        "x\n",
    ]
)
PATHS = st.lists(
    st.one_of(
        st.integers(0, 3),
        st.sampled_from(
            [
                "argmap",
                "extends",
                "added_by",
                "title",
                "sources",
                "groups",
                "claims",
                "relations",
                "id",
                "path",
                "sha256",
                "exclude",
                "quote",
                "quotes",
                "reason",
                "exact",
                "source",
                "prefix",
                "occurrence",
                "kind",
                "text",
                "supports",
                "attacks",
                "undercuts",
                "basis",
                "implicit",
                "group",
                "voice",
                "note",
                "type",
                "from",
                "to",
                "label",
                "ties",
                "unknown",
            ]
        ),
    ),
    min_size=1,
    max_size=5,
)


def _mutate(data: Any, path: list[str | int], value: Any, delete: bool) -> Any:
    data = copy.deepcopy(data)
    here = data
    for part in path[:-1]:
        if (
            isinstance(here, dict)
            and isinstance(part, str)
            and part in here
            or isinstance(here, list)
            and isinstance(part, int)
            and part < len(here)
        ):
            here = here[part]
        else:
            break
    last = path[-1]
    if isinstance(here, dict) and isinstance(last, str):
        if delete:
            here.pop(last, None)
        else:
            here[last] = value
    elif isinstance(here, list) and isinstance(last, int) and last < len(here):
        if delete:
            del here[last]
        else:
            here[last] = value
    return data


def _readings(data: Any) -> tuple[Any, Any]:
    try:
        fast: Any = dataclasses.asdict(build_map(data))
    except DoesNotFit:
        fast = None
    try:
        strict: Any = StrictMap.model_validate(data).model_dump()
    except ValidationError:
        strict = None
    return fast, strict


def test_the_example_map_fits_both_ways() -> None:
    fast, strict = _readings(VALID)
    assert fast is not None and fast == strict


@settings(max_examples=400)
@given(st.lists(st.tuples(PATHS, VALUES, st.booleans()), min_size=1, max_size=3))
def test_build_map_and_the_strict_models_accept_the_same_maps(edits: list[tuple[list[str | int], Any, bool]]) -> None:
    data: Any = VALID
    for path, value, delete in edits:
        data = _mutate(data, path, value, delete)
    fast, strict = _readings(data)
    assert fast == strict
