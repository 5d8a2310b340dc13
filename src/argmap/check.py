"""The pipeline for one map: load -> validate -> resolve quotes -> structure rules.

Each stage returns problems as data; a map that cannot go on to the next stage
stops there with what was found so far. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from argmap.codes import is_unreadable
from argmap.compose import Composed, FileLocator, combine
from argmap.load import DEFAULT_MAX_BYTES, Loaded, display_name, load_map, load_text
from argmap.problems import Position, Problem, problem, sort_problems
from argmap.resolve import ResolvedMap, resolve
from argmap.sources import DEFAULT_MAX_SOURCE_BYTES, project_root
from argmap.validate import validate

MAP_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES
    root: Path | None = None  # None: found from each map's location
    # Maps open in an editor, by resolved path: their unsaved text is checked, not the file's.
    texts: Mapping[Path, str] = field(default_factory=dict, compare=False)


@dataclass
class MapResult:
    file: str
    problems: list[Problem] = field(default_factory=list)
    resolved: ResolvedMap | None = None

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(not p.is_error for p in self.problems)

    @property
    def unreadable(self) -> bool:
        return any(is_unreadable(p.code) for p in self.problems)


def check_map(path: Path, options: Options = Options()) -> MapResult:
    """Run every stage that can run on one map file (with its base, for an overlay)."""
    root = options.root if options.root is not None else project_root(path)
    composed, file, problems = compose_map(path, options, root)
    result = MapResult(file, problems)
    if composed is None:
        result.problems = sort_problems(result.problems)
        return result
    resolved, found = resolve(composed, file, path, root, options.max_source_bytes)
    result.problems.extend(found)
    from argmap.rules import run_rules  # the rules are only needed once a map has loaded

    result.problems.extend(run_rules(resolved))
    result.problems = sort_problems(result.problems)
    result.resolved = resolved
    return result


def compose_map(
    path: Path, options: Options, root: Path, chain: tuple[Path, ...] = ()
) -> tuple[Composed | None, str, list[Problem]]:
    """Load and validate a map and, for an overlay, its base (and the base's base…)."""
    loaded = _load(path, options)
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
    except (OSError, RuntimeError):
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
    base, _, base_problems = compose_map(base_path, options, root, (*chain, here))
    problems.extend(base_problems)
    if base is None:
        return None, loaded.file, problems  # the base's own problems say why
    return combine(base, model, path, own), loaded.file, problems


def _load(path: Path, options: Options) -> Loaded:
    text = options.texts.get(path.resolve()) if options.texts else None
    return load_map(path, options.max_bytes) if text is None else load_text(text, display_name(path))


def find_maps(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named, plus every .yaml/.yml file below folders named (hidden folders skipped)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            maps = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in MAP_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not maps:
                problems.append(
                    problem(display_name(path), Position(1, 1), "AM100", "the folder holds no map (.yaml or .yml file)")
                )
            found.extend(maps)
        else:
            found.append(path)  # a missing file is reported by the loader, in order
    return list(dict.fromkeys(found)), problems
