"""Cold `argmap check` and `argmap render` of the op-ed map against their floors.

Method (printed with the results):

* Every timed run is a fresh process (`subprocess.run`, wall clock `time.perf_counter`):
  what a student, a Makefile or CI pays per command. Commands run REPS times (default 15)
  after one untimed warm-up each, interleaved (a, b, c, d, e, a, b, …) so that drift in
  machine load hits all alike; the median is reported, with min and max.
* Python's bytecode cache is on, in a private folder (PYTHONPYCACHEPREFIX), as for an
  installed argmap; the warm-up run fills it.
* floor:  `python bench/floor.py MAP` on the same interpreter: libyaml loads the map,
          `str.find` finds every quote. Nothing else.
* check:  `argmap check MAP` (the console script beside this Python).
* dot:    `dot -Tsvg` on the DOT argmap writes for the map (`argmap render --format dot`).
* render: `argmap render MAP -o out.svg`.
* Aims (issue 15): check <= 3 x floor; render <= 1.2 x dot + 3 x floor.
* `python -X importtime -m argmap check MAP`: the slowest imports (cumulative) are listed.

Run from the repository root:  python bench/startup.py [REPS]
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

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "arguments" / "countering-external-threats.yaml"


def console_script() -> str:
    beside = Path(sys.executable).parent / "argmap"
    return str(beside) if beside.exists() else (shutil.which("argmap") or "argmap")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=env, cwd=ROOT)
    return time.perf_counter() - start


def slowest_imports(env: dict[str, str], count: int = 12) -> list[tuple[int, str]]:
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "check", str(MAP)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=ROOT,
    )
    rows = []
    for line in probe.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))  # the name's indent shows what imported it
    return sorted(rows, reverse=True)[:count]


def main() -> int:
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(__doc__.split("Run from")[0].rstrip())
    argmap = console_script()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    folder = Path(tempfile.mkdtemp(prefix="argmap-startup-"))
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    dot_file = folder / "map.dot"
    subprocess.run(
        [argmap, "render", str(MAP), "--format", "dot", "-o", str(dot_file)], check=True, capture_output=True, env=env
    )
    commands = {
        "floor": [sys.executable, str(ROOT / "bench" / "floor.py"), str(MAP)],
        "check": [argmap, "check", str(MAP)],
        "dot": ["dot", "-Tsvg", str(dot_file), "-o", str(folder / "dot.svg")],
        "render": [argmap, "render", str(MAP), "-o", str(folder / "render.svg")],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        timed(command, env)
    for _ in range(reps):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    print(f"\npython {sys.version.split()[0]}; {os.cpu_count()} CPUs; {reps} runs each; argmap: {argmap}\n")
    print(f"{'':<8} {'min s':>8} {'median s':>9} {'max s':>8}")
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:<8} {min(values):8.3f} {median[name]:9.3f} {max(values):8.3f}")
    ratio = median["check"] / median["floor"]
    render_aim = 1.2 * median["dot"] + 3 * median["floor"]
    print(f"\ncheck / floor = {ratio:.2f}x (aim <= 3x: {'met' if ratio <= 3 else 'MISSED'})")
    print(
        f"render = {median['render']:.3f} s; aim 1.2 x dot + 3 x floor = {render_aim:.3f} s: "
        f"{'met' if median['render'] <= render_aim else 'MISSED'} "
        f"(render - dot = {median['render'] - median['dot']:.3f} s = {(median['render'] - median['dot']) / median['floor']:.2f}x floor)"
    )
    print("\nslowest imports of `argmap check` (python -X importtime, cumulative us, indented under their importer):")
    for cumulative, name in slowest_imports(env):
        print(f"  {cumulative:>8}  {name}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
