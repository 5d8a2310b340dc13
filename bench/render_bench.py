"""Measure `argmap render` against bare Graphviz on the same DOT, for the op-ed map.

Method (printed with the results):

* The map's DOT is written once with `argmap render MAP --format dot`; that file is what
  bare `dot` draws, so both sides lay out exactly the same graph.
* Every timed run is a fresh process (`subprocess.run`, wall-clock `time.perf_counter`),
  output to a temporary folder: what a user or a Makefile pays per picture.
* Timed commands, each REPS times (default 9) after one untimed warm-up run each, in
  interleaved order (a, b, c, d, a, b, …) so that drift in machine load hits all alike:
    dot      `dot -T<fmt> map.dot -o out`                 (Graphviz alone)
    render   `argmap render MAP -o out.<fmt>`              (load, check, graph, DOT, dot, write)
    to-dot   `argmap render MAP --format dot -o out.dot`  (everything but Graphviz)
    check    `argmap check MAP`                            (the pipeline a render starts with)
  The median of each is reported, with min and max.
* Python's bytecode cache is on, in a private folder (PYTHONPYCACHEPREFIX in the temporary
  folder; PYTHONDONTWRITEBYTECODE removed), as on an installed argmap: the warm-up run fills
  it. `--no-cache` keeps the environment as it is instead (with PYTHONDONTWRITEBYTECODE=1
  every run compiles every module of argmap from source).
* The aim: render <= 1.2 x dot + 0.15 s.

Run from the repository root:  python bench/render_bench.py [REPS] [--format svg|png|pdf] [--no-cache]
"""

from __future__ import annotations

import argparse
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


ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "arguments" / "countering-external-threats.yaml"


def argmap_command(env: dict[str, str]) -> tuple[list[str], str]:
    """How to run `argmap`, and a note saying which one."""
    argmap = console_script()
    if argmap is None:
        return [sys.executable, "-m", "argmap"], "`python -m argmap render` (no `argmap` on PATH)"
    return [argmap], f"`{argmap} render` (the installed command)"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reps", nargs="?", type=int, default=9)
    parser.add_argument("--format", default="svg", choices=("svg", "png", "pdf"))
    parser.add_argument("--no-cache", action="store_true", help="leave PYTHONDONTWRITEBYTECODE as it is")
    args = parser.parse_args()
    fmt = args.format
    if shutil.which("dot") is None:
        print("Graphviz `dot` is not installed; nothing to compare against", file=sys.stderr)
        return 2
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp)
        env = dict(os.environ)
        if args.no_cache:
            cache = f"as configured (PYTHONDONTWRITEBYTECODE={env.get('PYTHONDONTWRITEBYTECODE', 'unset')})"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
            cache = "on, in a private folder, filled by the warm-up"
        argmap, how = argmap_command(env)
        dot_file = out / "map.dot"
        subprocess.run(
            [*argmap, "render", str(MAP), "--format", "dot", "-o", str(dot_file)],
            capture_output=True,
            check=True,
            env=env,
        )
        shown = {
            "dot": f"dot -T{fmt} map.dot -o bare.{fmt}",
            "render": f"argmap render MAP -o render.{fmt}",
            "to-dot": "argmap render MAP --format dot -o again.dot",
            "check": "argmap check MAP",
        }
        commands = {
            "dot": ["dot", f"-T{fmt}", str(dot_file), "-o", str(out / f"bare.{fmt}")],
            "render": [*argmap, "render", str(MAP), "-o", str(out / f"render.{fmt}")],
            "to-dot": [*argmap, "render", str(MAP), "--format", "dot", "-o", str(out / "again.dot")],
            "check": [*argmap, "check", str(MAP)],
        }
        for command in commands.values():
            timed(command, env)  # warm-up: file cache, font cache, bytecode cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.reps):
            for name, command in commands.items():
                times[name].append(timed(command, env))
        same = (out / "again.dot").read_bytes() == dot_file.read_bytes()
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"argmap render benchmark: {MAP.relative_to(ROOT)} -> {fmt.upper()}")
    print(
        f"  method: {args.reps} fresh processes per command after one warm-up each, interleaved; "
        "wall clock; median (min-max)"
    )
    print(f"  argmap run as {how}")
    print(
        f"  Graphviz: {version}; Python {sys.version.split()[0]}; bytecode cache {cache}; "
        f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(
        f"  DOT: {dot_file.name} as written by `argmap render --format dot` ({'identical' if same else 'DIFFERENT'} "
        "on every run)"
    )
    for name, values in times.items():
        print(
            f"  {name:7s} {median[name] * 1000:8.1f} ms  ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})  "
            f"{shown[name]}"
        )
    aim = 1.2 * median["dot"] + 0.15
    overhead = median["render"] - median["dot"]
    print(
        f"  overhead of argmap over bare dot: {overhead * 1000:.1f} ms "
        f"(render / dot = {median['render'] / median['dot']:.2f}x)"
    )
    print(
        f"  aim render <= 1.2 x dot + 0.15 s = {aim * 1000:.1f} ms: {'met' if median['render'] <= aim else 'NOT met'}"
    )
    print(
        f"  of the overhead, `argmap check` alone (start-up, YAML, validation, quote anchoring, rules) "
        f"is {median['check'] * 1000:.1f} ms; graph + DOT + write add "
        f"{(median['to-dot'] - median['check']) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
