"""How long `argmap check` takes on the op-ed map, process start included.

Method: run the installed console script (`argmap`, as a user would) in a fresh
process REPEAT times after one warm-up run (so the OS file cache is warm, as it
is for a student re-checking a map), and report min / median / max wall time.
`--version` is timed the same way to show the fixed cost of starting Python and
click, and `python -X importtime` lists what a `--version` run imports.

Run: python bench/check_bench.py [REPEAT]    (from the repository root)
Aim: `check` well under 0.5 s on a 2-core machine; `--version` imports nothing heavy.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = "arguments/countering-external-threats.yaml"
HEAVY = ("pydantic", "yaml", "rapidfuzz", "graphviz")


def timed(command: list[str], repeat: int) -> list[float]:
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def heavy_imports_of_version() -> list[str]:
    probe = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", "--version"],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
    return sorted(names & set(HEAVY))


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    argmap = shutil.which("argmap") or "argmap"
    print(f"argmap check wall time, fresh process each run, {repeat} runs after 1 warm-up")
    print(f"{'command':<48} {'min':>8} {'median':>8} {'max':>8}")
    for label, command in (
        ("argmap --version", [argmap, "--version"]),
        (f"argmap check {MAP}", [argmap, "check", MAP]),
    ):
        times = timed(command, repeat)
        print(f"{label:<48} {min(times):8.3f} {statistics.median(times):8.3f} {max(times):8.3f}")
    print(f"heavy modules imported by --version: {heavy_imports_of_version() or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
