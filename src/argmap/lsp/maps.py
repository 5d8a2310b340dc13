"""The maps an editor has open, checked from their unsaved text, with their bases and overlays.

An overlay's diagnostics depend on its base: when the base is edited, every open
overlay that extends it (directly or through another overlay) is checked again.
A map that is not open is read from disk, so definitions, references and
renames reach overlays and bases the student has not opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from argmap.anchor.resolve import ResolvedMap
from argmap.anchor.sources import project_root
from argmap.check.config import Config, load_config
from argmap.check.pipeline import MapResult, Options, check_map, find_maps
from argmap.format.problems import Problem
from argmap.load.files import display_name, read_text
from argmap.load.yaml_map import DEFAULT_MAX_BYTES
from argmap.lsp.index import MapIndex, index_map, is_map_text
from argmap.lsp.text import Encoding

MAX_CHAIN = 16  # bases followed at most (a cycle is reported by the check itself)


@dataclass
class Checked:
    """The last check of one open map: its problems (configuration applied) and what resolved."""

    path: Path
    name: str
    result: MapResult

    def own_problems(self) -> list[Problem]:
        """Problems written in this file; a base's own problems belong to the base's diagnostics."""
        return [p for p in self.result.problems if p.file == self.name]


class Maps:
    def __init__(self, encoding: Encoding = "utf-16") -> None:
        self.encoding = encoding  # of LSP columns, as agreed with the editor
        self.open: dict[Path, str] = {}  # resolved path -> the editor's text
        self.checked: dict[Path, Checked] = {}
        self.last_resolved: dict[Path, ResolvedMap] = {}  # the last check that got that far, for completion
        self._indexes: dict[Path, tuple[str, MapIndex]] = {}

    def update(self, path: Path, text: str) -> None:
        self.open[path] = text

    def close(self, path: Path) -> None:
        self.open.pop(path, None)
        self.checked.pop(path, None)
        self.last_resolved.pop(path, None)

    def is_map(self, path: Path) -> bool:
        text = self.text(path)
        return text is not None and is_map_text(text)

    def text(self, path: Path) -> str | None:
        """The editor's text of an open map, else the file's (None when it cannot be read)."""
        if path in self.open:
            return self.open[path]
        return read_text(path, DEFAULT_MAX_BYTES)[0]  # regular files only: a FIFO never blocks the server

    def index(self, path: Path) -> MapIndex | None:
        text = self.text(path)
        if text is None:
            return None
        cached = self._indexes.get(path)
        if cached is not None and cached[0] == text and cached[1].lines.encoding == self.encoding:
            return cached[1]
        index = index_map(text, display_name(path), self.encoding)
        self._indexes[path] = (text, index)
        return index

    def check(self, path: Path) -> Checked:
        config, config_problems = load_config(path.parent)
        if config_problems:  # a broken configuration is `argmap check`'s to report; none applies
            config = Config()
        result = check_map(path, Options(config=config, texts=MappingProxyType(self.open)))
        checked = Checked(path, result.file, result)
        if result.resolved is not None:
            self.last_resolved[path] = result.resolved
        self.checked[path] = checked
        return checked

    def chain(self, path: Path) -> list[Path]:
        """The map, then its base, the base's base…, as far as they can be read."""
        chain = [path]
        while len(chain) < MAX_CHAIN:
            index = self.index(chain[-1])
            if index is None or index.extends is None:
                break
            try:
                base = (chain[-1].parent / index.extends).resolve(strict=True)
            except (OSError, RuntimeError):
                break
            if base in chain:
                break
            chain.append(base)
        return chain

    def dependents(self, path: Path) -> list[Path]:
        """Open maps other than `path` that extend it, directly or not."""
        return [other for other in self.open if other != path and path in self.chain(other)[1:]]

    def family(self, path: Path) -> list[Path]:
        """`path` and every map of its project that extends it (open or on disk)."""
        found = dict.fromkeys([path])
        candidates = dict.fromkeys([*self.open, *self._project_maps(path)])
        for other in candidates:
            if other != path and path in self.chain(other)[1:]:
                found[other] = None
        return list(found)

    def _project_maps(self, path: Path) -> list[Path]:
        maps, _ = find_maps([project_root(path)])
        return [m.resolve() for m in maps]
