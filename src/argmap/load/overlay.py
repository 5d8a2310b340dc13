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

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from argmap.format.model import ArgumentMap, Claim
from argmap.format.problems import Position, Problem, problem
from argmap.load.files import display_name
from argmap.load.validate import validate
from argmap.load.yaml_map import Loaded, PathKey, Positions, load_map, load_text

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
    bases: tuple[Path, ...] = ()  # the maps it extends, nearest first


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
        shape=base.model.shape,  # the base says what the map is; an overlay cannot relax its checks
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


def compose_map(
    path: Path,
    max_bytes: int,
    root: Path,
    chain: tuple[Path, ...] = (),
    texts: Mapping[Path, str] | None = None,
) -> tuple[Composed | None, str, list[Problem]]:
    """Load and validate a map and, for an overlay, its base (and the base's base…).

    `texts` holds the unsaved text of maps open in an editor, by resolved path: that text is
    read in place of the file's, for the map and for its bases."""
    loaded = _load(path, max_bytes, texts)
    problems = list(loaded.problems)
    if loaded.unreadable:
        return None, loaded.file, problems
    model, found = validate(loaded)
    problems.extend(found)
    if model is None:
        return None, loaded.file, problems
    own = FileLocator(loaded.file, loaded.positions)
    if model.extends is None:
        return Composed(model, own, [path] * len(model.sources)), loaded.file, problems
    at = loaded.positions.value(("extends",))
    base_path = path.parent / model.extends
    try:
        real = base_path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, a NUL in the path
        problems.append(
            problem(
                loaded.file,
                at,
                "AM114",
                f"the base map {model.extends} does not exist",
                "`extends:` names the map this one adds to, relative to this file's folder, "
                "e.g. `extends: countering-external-threats.yaml`",
            )
        )
        return None, loaded.file, problems
    if not real.is_relative_to(root.resolve()) or not real.is_file():
        problems.append(
            problem(
                loaded.file, at, "AM114", f"the base map {model.extends} is not a map file inside the project ({root})"
            )
        )
        return None, loaded.file, problems
    here = path.resolve()
    if real == here or real in chain:
        problems.append(
            problem(
                loaded.file,
                at,
                "AM115",
                f"`extends: {model.extends}` leads back to this map",
                "a map cannot extend itself, even through other maps: extend the base map only",
            )
        )
        return None, loaded.file, problems
    base, _, base_problems = compose_map(base_path, max_bytes, root, (*chain, here), texts)
    problems.extend(base_problems)
    if base is None:
        return None, loaded.file, problems  # the base's own problems say why
    combined = combine(base, model, path, own)
    return replace(combined, bases=(base_path, *base.bases)), loaded.file, problems


def _load(path: Path, max_bytes: int, texts: Mapping[Path, str] | None) -> Loaded:
    text = texts.get(path.resolve()) if texts else None
    return load_map(path, max_bytes) if text is None else load_text(text, display_name(path))
