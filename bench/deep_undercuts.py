"""How `argmap check`, `render --format dot` and `export` scale with chains of undercuts.

Method: for each depth N, write a map whose thesis has one supporting premise, and N
undercuts each denying the one before (the first denies the support), every claim
implicit (no quote searching, so only the structure is measured). Run the installed
console script once per command in a fresh process (after one warm-up run of `check`)
and print the wall time. Undercut chains are followed with one memoised pass per map,
so the times should grow about linearly with N, dominated by reading the YAML.

Run: python bench/deep_undercuts.py [N ...]    (default 1000 3000 10000)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_bench import console_script


def deep_map(depth: int) -> str:
    lines = [
        "argmap: 1",
        "sources:",
        "  - {id: s, path: s.txt}",
        "claims:",
        "  - {id: T1, kind: thesis, text: t, implicit: true}",
        "  - {id: P1, kind: premise, text: p, implicit: true, supports: T1}",
    ]
    lines += [
        f"  - {{id: X{i}, kind: {'concession' if i % 2 == 0 else 'rebuttal'}, text: x, implicit: true}}"
        for i in range(depth)
    ]
    lines += ["relations:", "  - {id: U0, type: undercut, from: X0, to: P1 -> T1}"]
    lines += [f"  - {{id: U{i}, type: undercut, from: X{i}, to: U{i - 1}}}" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start


def main(depths: list[int]) -> None:
    argmap = console_script()
    print(f"{'undercuts':>10} {'check s':>9} {'render dot s':>13} {'export s':>9}")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "s.txt").write_text("text\n", encoding="utf-8")
        for depth in depths:
            path = Path(folder) / f"deep{depth}.yaml"
            path.write_text(deep_map(depth), encoding="utf-8")
            timed([argmap, "check", str(path)])  # warm-up
            check = timed([argmap, "check", str(path)])
            render = timed([argmap, "render", str(path), "--format", "dot", "-o", str(path.with_suffix(".dot"))])
            export = timed([argmap, "export", str(path), "-o", str(path.with_suffix(".json"))])
            print(f"{depth:>10} {check:>9.2f} {render:>13.2f} {export:>9.2f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 3000, 10000])
