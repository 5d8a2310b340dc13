"""The floor `argmap check` is measured against: the least any checker of a map must do.

Loads the map with libyaml (PyYAML's CSafeLoader, into plain Python data) and finds
every quote (claims' and exclusions') in its source with `str.find`. No validation,
no positions, no messages. Prints how many quotes were found.

Run: python bench/floor.py MAP
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(map_file: Path) -> int:
    data = yaml.load(map_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    texts = {s["id"]: (map_file.parent / s["path"]).read_text(encoding="utf-8") for s in data.get("sources", [])}
    default = next(iter(texts), None)
    found = 0
    quotes = [(claim.get("quote", claim.get("quotes")), claim.get("source", default)) for claim in data["claims"]]
    for source in data.get("sources", []):
        quotes += [(exclusion["quote"], source["id"]) for exclusion in source.get("exclude", [])]
    for value, source_id in quotes:
        for quote in value if isinstance(value, list) else [value]:
            if quote is None:
                continue
            exact, where = (
                (quote["exact"], quote.get("source", source_id)) if isinstance(quote, dict) else (quote, source_id)
            )
            found += texts.get(where, "").find(exact) >= 0
    print(found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
