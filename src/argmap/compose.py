"""Overlays: a student's map that `extends:` a base map, read as one combined map.

An overlay names its base and adds sources, groups, claims and relations; it
never copies or touches the base. The combined map lists the base's entries
first, then the overlay's, so a path such as `('claims', 52, 'text')` in the
combined map belongs to the base when the base has more than 52 claims and to
the overlay otherwise. A `Locator` turns such a path back into the file and
`line:col` where a student must look.

Claims of an overlay are additions: each gets `added_by` from the claim itself,
else from the overlay's top-level `added_by`, else the overlay's file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from argmap.load import PathKey, Positions
from argmap.model import ArgumentMap, Claim
from argmap.problems import Position

# Sections whose entries are lists: the overlay's entries follow the base's.
LIST_SECTIONS = ("sources", "claims", "relations")


class Locator(Protocol):
    def locate(self, path: PathKey) -> tuple[str, Position]:
        """The file and position of the value at `path` (or of what encloses it)."""

    def has(self, path: PathKey) -> bool:
        """Was a value written at exactly this path?"""

    def key(self, path: PathKey) -> tuple[str, Position]:
        """The file and position of the key naming `path`."""


@dataclass(frozen=True)
class FileLocator:
    file: str
    positions: Positions

    def locate(self, path: PathKey) -> tuple[str, Position]:
        return self.file, self.positions.value(path)

    def has(self, path: PathKey) -> bool:
        return path in self.positions.values

    def key(self, path: PathKey) -> tuple[str, Position]:
        return self.file, self.positions.key(path)


@dataclass(frozen=True)
class OverlayLocator:
    """Paths of a combined map: entries of the base first, then the overlay's own."""

    base: Locator
    base_counts: dict[str, int]
    base_groups: frozenset[str]
    own: FileLocator

    def _route(self, path: PathKey) -> tuple[Locator, PathKey]:
        if len(path) >= 2 and path[0] in self.base_counts and isinstance(path[1], int):
            count = self.base_counts[str(path[0])]
            if path[1] < count:
                return self.base, path
            return self.own, (path[0], path[1] - count, *path[2:])
        if len(path) >= 2 and path[0] == "groups" and path[1] in self.base_groups and not self.own.has(path[:2]):
            return self.base, path
        return self.own, path

    def locate(self, path: PathKey) -> tuple[str, Position]:
        locator, routed = self._route(path)
        return locator.locate(routed)

    def has(self, path: PathKey) -> bool:
        locator, routed = self._route(path)
        return locator.has(routed)

    def key(self, path: PathKey) -> tuple[str, Position]:
        locator, routed = self._route(path)
        return locator.key(routed)


@dataclass
class Composed:
    """A map ready to resolve: the (combined) model, where its parts are, where sources live."""

    model: ArgumentMap
    locator: Locator
    source_maps: list[Path] = field(default_factory=list)  # per source: the map file naming it


def combine(base: Composed, overlay: ArgumentMap, overlay_file: Path, own: FileLocator) -> Composed:
    """The base's entries, then the overlay's; the overlay's claims marked as additions."""
    default_author = overlay.added_by or f"the overlay {overlay_file.name}"
    added: list[Claim] = [
        claim if claim.added_by is not None else replace(claim, added_by=default_author) for claim in overlay.claims
    ]
    groups = dict(base.model.groups)
    for group_id, group in overlay.groups.items():
        groups.setdefault(group_id, group)  # a base group redefined: AM302 is not for groups; the base's wins
    model = replace(
        overlay,
        title=overlay.title or base.model.title,
        description=overlay.description or base.model.description,
        sources=[*base.model.sources, *overlay.sources],
        groups=groups,
        claims=[*base.model.claims, *added],
        relations=[*base.model.relations, *overlay.relations],
    )
    locator = OverlayLocator(
        base=base.locator,
        base_counts={section: len(getattr(base.model, section)) for section in LIST_SECTIONS},
        base_groups=frozenset(base.model.groups),
        own=own,
    )
    return Composed(model, locator, [*base.source_maps, *([overlay_file] * len(overlay.sources))])
