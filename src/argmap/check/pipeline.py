"""The pipeline for one map: load -> validate -> resolve quotes -> structure rules.

Each stage returns problems as data; a map that cannot go on to the next stage
stops there with what was found so far. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from argmap.anchor.resolve import ResolvedMap, resolve
from argmap.anchor.sources import DEFAULT_MAX_SOURCE_BYTES, project_root
from argmap.check.config import Config
from argmap.format.codes import is_unreadable
from argmap.format.problems import Position, Problem, problem, sort_problems
from argmap.load.files import display_name
from argmap.load.overlay import compose_map
from argmap.load.yaml_map import DEFAULT_MAX_BYTES

MAP_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES
    root: Path | None = None  # None: found from each map's location
    # The project's configuration: rules switched off or re-graded. Applied here, so that every
    # command and the editor see the same problems.
    config: Config = field(default_factory=Config)
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
    composed, file, problems = compose_map(path, options.max_bytes, root, texts=options.texts)
    result = MapResult(file, problems)
    if composed is None:
        result.problems = sort_problems(options.config.apply(result.problems))
        return result
    resolved, found = resolve(composed, file, path, root, options.max_source_bytes)
    result.problems.extend(found)
    from argmap.check.rules import run_rules  # the rules are only needed once a map has loaded

    result.problems.extend(run_rules(resolved))
    result.problems = sort_problems(options.config.apply(result.problems))
    result.resolved = resolved
    return result


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
