"""How long `argmap check` takes on the op-ed map, process start included.

Method: run the installed console script (`argmap`, as a user would) in a fresh
process REPEAT times after one warm-up run (so the OS file cache and Python's
bytecode cache are warm, as they are for a student re-checking a map), and report
min / median / max wall time. The bytecode cache lives in a private temporary
folder (PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE removed), as for an
installed argmap; `--no-cache` keeps the environment as it is.
`--version` is timed the same way to show the fixed cost of starting Python and
click, and `python -X importtime` lists what a `--version` run imports.

Run: python bench/check_bench.py [REPEAT] [--no-cache]    (from the repository root)
Aim: `check` well under 0.5 s on a 2-core machine; `--version` imports nothing heavy.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def console_script() -> str:
    """The `argmap` script beside this Python: not a version manager's shim (pyenv's adds
    ~0.2 s of shell to every run) nor another installation that PATH happens to find."""
    beside = Path(sys.executable).parent / "argmap"
    return str(beside) if beside.exists() else (shutil.which("argmap") or "argmap")


ROOT = Path(__file__).resolve().parent.parent
MAP = "arguments/countering-external-threats.yaml"
HEAVY = ("pydantic", "yaml", "rapidfuzz", "graphviz")


def timed(command: list[str], repeat: int, env: dict[str, str]) -> list[float]:
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return times


def heavy_imports_of_version() -> list[str]:
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
    return sorted(names & set(HEAVY))


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(args[0]) if args else 15
    argmap = console_script()
    env = dict(os.environ)
    cache = "bytecode cache as found"
    if "--no-cache" not in sys.argv:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="argmap-pycache-")
        cache = "bytecode cache on (private folder)"
    print(f"argmap check wall time, fresh process each run, {repeat} runs after 1 warm-up; {cache}")
    print(f"argmap: {argmap}")
    print(f"{'command':<48} {'min':>8} {'median':>8} {'max':>8}")
    for label, command in (
        ("argmap --version", [argmap, "--version"]),
        (f"argmap check {MAP}", [argmap, "check", MAP]),
    ):
        times = timed(command, repeat, env)
        print(f"{label:<48} {min(times):8.3f} {statistics.median(times):8.3f} {max(times):8.3f}")
    print(f"heavy modules imported by --version: {heavy_imports_of_version() or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
