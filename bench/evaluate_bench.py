"""Benchmark: `argmap evaluate` is linear in the size of the map.

Method
  * Synthetic argument maps of 1,000, 10,000 and 100,000 claims (seeded): a thesis; then
    each claim, in turn, is a premise supporting an earlier claim of the author's (45 %),
    an objection attacking an earlier claim (25 %), a rebuttal attacking an earlier
    objection (15 %), an objection undercutting an earlier support (10 %), or one of a
    pair of objections attacking each other (5 %, so some labels are UNDECIDED); every
    fiftieth premise joins a linked support. Claims are implicit (no quotes), so the
    time is the argument's, not quote finding's.
  * In process: the map is checked once (not timed); then `evaluate` (framework, grounded
    labelling, support, verdict, unanswered objections) and the JSON document (an
    explanation for every claim and relation) are timed, median of 5 runs. The grounded
    labelling alone is timed on the same frameworks.
  * Fresh process, 10,000 claims: `argmap evaluate MAP --format json` against `argmap check
    MAP` (the console script beside this Python, median of 3 after a warm-up); the
    difference is what evaluation adds to a command that has to check the map anyway.
  * Scaling: the exponent k of time ~ n^k, least squares over the sizes (1 = linear).

Run:  python bench/evaluate_bench.py [--quick]   (--quick: 1,000 and 10,000 claims, 1 run each)
Aim:  linear (k close to 1); 10,000 claims evaluated in well under a second on top of check.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from argmap.analysis.evaluate import evaluate, framework_of
from argmap.analysis.evaluation_report import format_json
from argmap.analysis.grounded import grounded
from argmap.anchor.resolve import ResolvedMap
from argmap.check.pipeline import Options, check_map

ROOT = Path(__file__).resolve().parent.parent
ARGMAP = str(Path(sys.executable).parent / "argmap")


def make_map(claims: int, seed: int = 13) -> str:
    rng = random.Random(seed)
    lines = [
        "argmap: 1",
        "sources:",
        "  - id: src",
        "    path: source.txt",
        "claims:",
        "  - {id: C0, kind: thesis, implicit: true, text: The thesis.}",
    ]
    author, objections, supports, relations = ["C0"], [], [], []
    n = 1
    while n < claims:
        roll = rng.random()
        if roll < 0.45:
            target = rng.choice(author)
            lines.append(f"  - {{id: C{n}, kind: premise, implicit: true, text: Premise {n}., supports: {target}}}")
            author.append(f"C{n}")
            supports.append(f"C{n} -> {target}")
            if n % 50 == 0 and n + 1 < claims:
                n += 1
                lines.append(f"  - {{id: C{n}, kind: premise, implicit: true, text: Co-premise {n}.}}")
                relations.append(f"  - {{type: support, from: [C{n - 1}, C{n}], to: {target}}}")
        elif roll < 0.70:
            target = rng.choice(author)
            lines.append(f"  - {{id: C{n}, kind: objection, implicit: true, text: Objection {n}., attacks: {target}}}")
            objections.append(f"C{n}")
        elif roll < 0.85 and objections:
            target = rng.choice(objections)
            lines.append(f"  - {{id: C{n}, kind: rebuttal, implicit: true, text: Rebuttal {n}., attacks: {target}}}")
            author.append(f"C{n}")
        elif roll < 0.95 and supports:
            link = rng.choice(supports)
            lines.append(f"  - {{id: C{n}, kind: objection, implicit: true, text: Undercut {n}., undercuts: {link}}}")
        elif n + 1 < claims:
            target = rng.choice(author)
            lines.append(
                f"  - {{id: C{n}, kind: objection, implicit: true, text: Pair {n}., attacks: [{target}, C{n + 1}]}}"
            )
            n += 1
            lines.append(f"  - {{id: C{n}, kind: objection, implicit: true, text: Pair {n}., attacks: C{n - 1}}}")
        n += 1
    if relations:
        lines += ["relations:", *relations]
    return "\n".join(lines) + "\n"


def evaluated_json(file: str, resolved: ResolvedMap) -> str:
    return format_json(file, evaluate(resolved))


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh(command: list[str], cwd: Path, repeat: int) -> float:
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    repeat = 1 if args.quick else 5
    print(__doc__.split("Run:")[0].strip(), "\n")
    rows: list[tuple[int, int, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "pyproject.toml").write_text("[tool.argmap]\n")
        (project / "source.txt").write_text("A source the claims do not quote.\n")
        for size in sizes:
            path = project / f"map-{size}.yaml"
            path.write_text(make_map(size))
            result = check_map(path, Options(max_bytes=64 << 20))  # 100,000 claims is ~9 MB
            resolved = result.resolved
            assert resolved is not None, result.problems[:3]
            framework, _ = framework_of(resolved)
            labelling_s = median_time(partial(grounded, framework), repeat)
            evaluate_s = median_time(partial(evaluated_json, result.file, resolved), repeat)
            rows.append((size, len(framework.relations), labelling_s, evaluate_s))
        print(f"{'claims':>8} {'relations':>10} {'labelling s':>12} {'evaluate+json s':>16} {'µs/claim':>9}")
        for size, relations, labelling_s, evaluate_s in rows:
            print(f"{size:>8} {relations:>10} {labelling_s:>12.4f} {evaluate_s:>16.4f} {evaluate_s / size * 1e6:>9.1f}")
        print(
            f"\nscaling exponent k (time ~ n^k): labelling {exponent([(r[0], r[2]) for r in rows]):.2f}, "
            f"evaluate+json {exponent([(r[0], r[3]) for r in rows]):.2f}"
        )
        path = project / "map-10000.yaml"
        runs = 1 if args.quick else 3
        check_s = fresh([ARGMAP, "check", str(path)], project, runs)
        evaluate_cmd_s = fresh([ARGMAP, "evaluate", str(path), "--format", "json"], project, runs)
        print(
            f"\nfresh process, 10,000 claims: argmap check {check_s:.2f} s, argmap evaluate --format json "
            f"{evaluate_cmd_s:.2f} s (evaluation adds {evaluate_cmd_s - check_s:+.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
