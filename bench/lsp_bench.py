"""Warm re-check in `argmap lsp` after an edit of the op-ed map.

Method (printed with the results):

* In one process, as the server holds it: the op-ed map is opened (its text handed to
  the server's `Maps`) and checked once, so imports, the source file and the bytecode
  are warm.
* Then EDITS times (default 60) a student's edit is made: one claim's `text:` gets a
  character more (alternating between claims), and the server's work for that edit is
  timed with `time.perf_counter`: take the new text, run every check (load, validate,
  quotes, rules, configuration), and turn the problems into LSP diagnostics with
  ranges. The median, min and max are reported.
* Debouncing (the server waits DEBOUNCE seconds of quiet typing) is not included:
  it is a chosen delay, not work.
* Aim (issue 15): median <= 30 ms.

Run from the repository root:  python bench/lsp_bench.py [EDITS]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from argmap.lsp import features
from argmap.lsp.maps import Maps
from argmap.lsp.server import DEBOUNCE

ROOT = Path(__file__).resolve().parents[1]
MAP = (ROOT / "arguments" / "countering-external-threats.yaml").resolve()


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    print(__doc__.split("Run from")[0].rstrip())
    os.chdir(ROOT)
    text = MAP.read_text(encoding="utf-8")
    maps = Maps()
    maps.update(MAP, text)
    first = features.diagnostics(maps, maps.check(MAP))
    marks = [i for i in range(len(text)) if text.startswith("    text: ", i)]
    times = []
    for n in range(edits):
        at = marks[n % len(marks)] + len("    text: ")
        edited = text[:at] + "A" + text[at:]
        start = time.perf_counter()
        maps.update(MAP, edited)
        found = features.diagnostics(maps, maps.check(MAP))
        times.append(time.perf_counter() - start)
        assert len(found) == len(first)  # the edit changes no finding: the check did its whole work
    median = statistics.median(times) * 1000
    print(
        f"\npython {sys.version.split()[0]}; {os.cpu_count()} CPUs; {edits} edits; map {len(text):,} characters, "
        f"{len(first)} diagnostics; debounce (not timed) {DEBOUNCE * 1000:.0f} ms"
    )
    print(
        f"re-check after an edit: median {median:.1f} ms, min {min(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms (aim <= 30 ms: {'met' if median <= 30 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
