"""Benchmark suite: `argmap check`, `export` (and `render` when it exists) on synthetic maps.

Method
  * Synthetic sources of 10 KB, 100 KB and 1 MB: random words from a fixed
    2,000-word vocabulary (seeded, reproducible), in sentences and paragraphs.
  * Maps of 100, 1,000 and 10,000 claims: one thesis, every other claim a premise
    supporting it; each quotes a random 8-12-word passage of the source (word
    aligned). A passage that occurs more than once gets `occurrence: N`, so every
    quote is exact and unambiguous.
  * Each command runs in a fresh process (`argmap ...`, the console script, as a
    user runs it), after one warm-up run; wall time is the median of N runs (N=3,
    --quick: N=1); peak memory is that child's own ru_maxrss (os.wait4).
  * Baseline memory: `argmap --version`'s ru_maxrss (interpreter + click);
    also `argmap check` of a one-claim map (+ pydantic, PyYAML, rapidfuzz), and
    the interpreter with PyYAML imported (`python -c "import yaml"`, the same
    Python): issue 15's aim is peak <= that + 10 x (map + source bytes).
  * render (DOT, SVG); the SVG of 10,000 claims gets
    one run with a 60 s timeout ("timeout" in the table), and is skipped on the
    larger sources once one has timed out.
  * Scaling: fit log t = k log n + c over the 1 MB rows (least squares).
  * All-fail: the 10,000 x 1 MB map with a typo in every quote (two letters of a
    middle word swapped) vs the same map passing.

Run:  python bench/suite.py [--quick] [--largest] [--repeat N] [--seed S] [--timeout SECONDS]
      (--largest: only the 10,000-claim map over the 1 MB source, check and export)
Writes bench/results/suite.json (git-ignored) and prints a table.
Aims: 10,000 claims over 1 MB checked in <= 3 s; 10x quotes <= 12x time;
peak memory < 10 x input size + baseline; all-fail / all-pass <= 5x.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
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
RESULTS = ROOT / "bench" / "results"
SOURCE_SIZES = {"10KB": 10_000, "100KB": 100_000, "1MB": 1_000_000}
CLAIM_COUNTS = (100, 1_000, 10_000)
ARGMAP = console_script()


def vocabulary(rng: random.Random, size: int = 2000) -> list[str]:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ne",
        "ru",
        "sa",
        "ti",
        "vo",
        "ze",
        "pa",
        "do",
        "gi",
        "ha",
        "ju",
        "be",
        "cor",
        "dan",
        "fel",
        "mor",
        "sin",
        "tal",
        "ven",
        "wis",
    ]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def make_source(rng: random.Random, words: list[str], size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        parts.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.15:
            parts.append("\n\n")
    return " ".join(parts).replace(" \n\n ", "\n\n")[:size].rsplit(" ", 1)[0] + "\n"


def typo(passage: str, rng: random.Random) -> str:
    words = passage.split(" ")
    middle = [i for i, w in enumerate(words) if len(w) >= 4 and 0 < i < len(words) - 1] or [len(words) // 2]
    i = rng.choice(middle)
    w = words[i]
    if len(w) >= 2:
        j = rng.randrange(len(w) - 1)
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        if w == words[i]:
            w = w + "q"
    words[i] = w
    return " ".join(words)


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def make_map(rng: random.Random, source: str, claims: int, fail: bool = False) -> str:
    starts = [0] + [i + 1 for i, c in enumerate(source) if c == " "]
    lines = ["argmap: 1", "sources:", "  - id: src", "    path: ../seeds/source.txt", "claims:"]
    for n in range(claims):
        while True:
            start = rng.choice(starts)
            count = rng.randint(8, 12)
            piece = source[start:].split(" ", count)[:count]
            passage = " ".join(piece)
            if "\n" not in passage and len(piece) == count and passage.strip():
                break
        occurrence = 0
        if source.find(passage) != start:  # not the first occurrence, or more than one
            occurrence = source.count(passage, 0, start) + 1
        elif source.find(passage, start + 1) != -1:
            occurrence = 1
        exact = typo(passage, rng) if fail else passage
        lines.append(f"  - id: C{n}")
        lines.append(f"    kind: {'thesis' if n == 0 else 'premise'}")
        lines.append(f"    text: Claim number {n}.")
        if occurrence:
            lines.append("    quote:")
            lines.append(f"      exact: {yaml_str(exact)}")
            lines.append(f"      occurrence: {occurrence}")
        else:
            lines.append(f"    quote: {yaml_str(exact)}")
        if n:
            lines.append("    supports: C0")
    return "\n".join(lines) + "\n"


def run_once(command: list[str], cwd: Path, timeout: float) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB of that child only, exit code."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = -9
            return math.inf, usage.ru_maxrss, -9
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, child.returncode


def measure(command: list[str], cwd: Path, repeat: int, timeout: float) -> dict[str, object]:
    first = run_once(command, cwd, timeout)  # warm-up (and the answer, if it timed out)
    if first[0] == math.inf:
        return {"median_s": None, "timed_out": True, "max_rss_kib": first[1], "exit": first[2], "runs": []}
    runs = [run_once(command, cwd, timeout) for _ in range(repeat)]
    return {
        "median_s": statistics.median(r[0] for r in runs),
        "runs": [round(r[0], 4) for r in runs],
        "max_rss_kib": max(r[1] for r in runs),
        "exit": runs[-1][2],
        "timed_out": False,
    }


def render_command() -> list[str] | None:
    """`argmap render`."""
    return [ARGMAP, "render"]


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    points = [(n, t) for n, t in points if t and t > 0 and math.isfinite(t)]
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sum((x - mx) ** 2 for x in xs)


def fmt_s(value: object) -> str:
    return "timeout" if value is None else f"{value:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one timed run per measurement")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--timeout", type=float, default=300.0, help="per run, seconds")
    parser.add_argument("--largest", action="store_true", help="only 10,000 claims over 1 MB; no render")
    args = parser.parse_args()
    sizes = {"1MB": SOURCE_SIZES["1MB"]} if args.largest else SOURCE_SIZES
    claim_counts = (10_000,) if args.largest else CLAIM_COUNTS
    repeat = args.repeat or (1 if args.quick else 3)
    print(__doc__.split("Run:")[0].rstrip())
    print(
        f"\nargmap: {ARGMAP}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs; repeat={repeat}; seed={args.seed}\n"
    )

    render_cmd = None if args.largest else render_command()
    render = render_cmd is not None
    print(f"render: {' '.join(render_cmd) if render_cmd else 'not measured'}")
    svg_gave_up = False
    rng = random.Random(args.seed)
    words = vocabulary(rng)
    results: dict[str, object] = {"seed": args.seed, "repeat": repeat, "render": render, "rows": []}
    rows: list[dict[str, object]] = results["rows"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as temp:
        project = Path(temp)
        (project / "pyproject.toml").write_text("[tool.argmap]\n")
        (project / "arguments").mkdir()
        baseline = measure([ARGMAP, "--version"], project, repeat, args.timeout)
        base_kib = int(baseline["max_rss_kib"])  # type: ignore[arg-type]
        results["baseline"] = baseline
        (project / "seeds-tiny").mkdir()
        (project / "seeds-tiny" / "source.txt").write_text("The thesis is short.\n")
        tiny = project / "arguments" / "tiny.yaml"
        tiny.write_text(
            "argmap: 1\nsources:\n  - id: src\n    path: ../seeds-tiny/source.txt\nclaims:\n"
            "  - id: T1\n    kind: thesis\n    text: T.\n    quote: The thesis is short\n"
        )
        check_base = measure([ARGMAP, "check", str(tiny)], project, repeat, args.timeout)
        check_kib = int(check_base["max_rss_kib"])  # type: ignore[arg-type]
        results["baseline_check_tiny"] = check_base
        with_yaml = measure([sys.executable, "-c", "import yaml"], project, repeat, args.timeout)
        yaml_kib = int(with_yaml["max_rss_kib"])  # type: ignore[arg-type]
        results["baseline_python_yaml"] = with_yaml
        print(
            f"baseline `argmap --version`: {fmt_s(baseline['median_s'])} s, {base_kib / 1024:.1f} MiB; "
            f"`argmap check` of a one-claim map: {fmt_s(check_base['median_s'])} s, {check_kib / 1024:.1f} MiB "
            f"(all a check imports); python with PyYAML imported: {yaml_kib / 1024:.1f} MiB\n"
        )
        header = (
            f"{'source':>6} {'claims':>6} {'map KB':>7} | {'check s':>8} {'MiB':>6} {'exit':>4} | "
            f"{'export s':>8} {'MiB':>6}" + (f" | {'dot s':>7} {'svg s':>7}" if render else "") + " | mem aim"
        )
        print(header)
        print("-" * len(header))
        for label, size in sizes.items():
            seeds = project / f"seeds-{label}"
            seeds.mkdir()
            source = make_source(random.Random(f"{args.seed}-{label}"), words, size)
            folder = project / f"arguments-{label}"
            folder.mkdir()
            source_file = seeds / "source.txt"
            source_file.write_text(source, encoding="utf-8")
            for claims in claim_counts:
                map_file = folder / f"map-{claims}.yaml"
                map_file.write_text(
                    make_map(random.Random(f"{args.seed}-{label}-{claims}"), source, claims).replace(
                        "../seeds/source.txt", f"../seeds-{label}/source.txt"
                    )
                )
                row: dict[str, object] = {
                    "source": label,
                    "source_bytes": len(source.encode()),
                    "claims": claims,
                    "map_bytes": map_file.stat().st_size,
                }
                row["check"] = measure([ARGMAP, "check", str(map_file)], project, repeat, args.timeout)
                out = project / "out.json"
                row["export"] = measure(
                    [ARGMAP, "export", str(map_file), "-o", str(out)], project, repeat, args.timeout
                )
                if render_cmd is not None:
                    row["dot"] = measure(
                        [*render_cmd, str(map_file), "--format", "dot", "-o", str(project / "out.dot")],
                        project,
                        repeat,
                        args.timeout,
                    )
                    if claims >= 10_000 and svg_gave_up:
                        row["svg"] = {"median_s": None, "timed_out": True, "skipped": "a smaller source timed out"}
                    else:
                        svg_timeout = 60.0 if claims >= 10_000 else args.timeout  # Graphviz layout of 10,000 boxes
                        row["svg"] = measure(
                            [*render_cmd, str(map_file), "--format", "svg", "-o", str(project / "out.svg")],
                            project,
                            1 if claims >= 10_000 else repeat,
                            svg_timeout,
                        )
                        svg_gave_up = svg_gave_up or bool(row["svg"]["timed_out"])  # type: ignore[index]
                input_kib = (int(row["source_bytes"]) + int(row["map_bytes"])) / 1024  # type: ignore[arg-type]
                peak = max(int(row["check"]["max_rss_kib"]), int(row["export"]["max_rss_kib"]))  # type: ignore[index]
                row["memory_aim_kib"] = 10 * input_kib + base_kib
                row["memory_aim_met"] = peak < 10 * input_kib + base_kib
                row["memory_vs_check_baseline_met"] = peak < 10 * input_kib + check_kib
                row["peak_kib"] = peak
                row["memory_aim_yaml_kib"] = 10 * input_kib + yaml_kib  # issue 15
                row["memory_aim_yaml_met"] = peak <= 10 * input_kib + yaml_kib
                rows.append(row)
                check, export = row["check"], row["export"]
                line = (
                    f"{label:>6} {claims:>6} {int(row['map_bytes']) / 1000:>7.0f} | "  # type: ignore[arg-type]
                    f"{fmt_s(check['median_s']):>8} {check['max_rss_kib'] / 1024:>6.1f} {check['exit']:>4} | "  # type: ignore[index,operator]
                    f"{fmt_s(export['median_s']):>8} {export['max_rss_kib'] / 1024:>6.1f}"
                )  # type: ignore[index,operator]
                if render:
                    svg = row["svg"]
                    line += f" | {fmt_s(row['dot']['median_s']):>7} {fmt_s(svg['median_s']):>7}"  # type: ignore[index]
                line += (
                    f" | {'ok' if row['memory_aim_met'] else 'MISSED'} (< {row['memory_aim_kib'] / 1024:.0f} MiB)"
                    f"; vs check baseline {'ok' if row['memory_vs_check_baseline_met'] else 'MISSED'} "
                    f"(< {(10 * input_kib + check_kib) / 1024:.0f} MiB)"
                    f"; vs python+PyYAML {'ok' if row['memory_aim_yaml_met'] else 'MISSED'} "
                    f"(peak {peak / 1024:.1f} <= {row['memory_aim_yaml_kib'] / 1024:.1f} MiB)"
                )
                print(line, flush=True)

            if label == "1MB":
                fail_map = folder / "map-10000-fail.yaml"
                fail_map.write_text(
                    make_map(random.Random(f"{args.seed}-{label}-10000"), source, 10_000, fail=True).replace(
                        "../seeds/source.txt", f"../seeds-{label}/source.txt"
                    )
                )
                failing = measure([ARGMAP, "check", str(fail_map)], project, 1, args.timeout)
                results["all_fail"] = failing

    one_mb = [(int(r["claims"]), r["check"]["median_s"]) for r in rows if r["source"] == "1MB"]  # type: ignore[index,arg-type]
    k = fit_exponent(one_mb)  # type: ignore[arg-type]
    ratios = [(b[1] / a[1]) if (a[1] and b[1]) else None for a, b in itertools.pairwise(one_mb)]
    results["scaling"] = {
        "exponent": k,
        "ratios_10x": ratios,
        "verdict_10x_le_12x": all(r is not None and r <= 12 for r in ratios),
    }
    big = next(r for r in rows if r["source"] == "1MB" and r["claims"] == 10_000)
    big_s = big["check"]["median_s"]  # type: ignore[index]
    fail_s = results["all_fail"]["median_s"]  # type: ignore[index]
    results["aims"] = {
        "check_10000x1MB_le_3s": big_s is not None and big_s <= 3.0,
        "all_fail_ratio": (fail_s / big_s) if (fail_s and big_s) else None,
        "memory_all_met": all(r["memory_aim_met"] for r in rows),
        "memory_vs_check_baseline_all_met": all(r["memory_vs_check_baseline_met"] for r in rows),
        "memory_vs_python_yaml_all_met": all(r["memory_aim_yaml_met"] for r in rows),
    }
    print()
    print(
        f"scaling over 1 MB rows: t ~ n^{k if k is not None else float('nan'):.2f}; 10x quotes -> "
        + ", ".join("timeout" if r is None else f"{r:.1f}x" for r in ratios)
        + f" time: {'ok' if results['scaling']['verdict_10x_le_12x'] else 'MISSED'} (aim <= 12x)"
    )  # type: ignore[index]
    print(
        f"10,000 claims x 1 MB check: {fmt_s(big_s)} s ({'ok' if results['aims']['check_10000x1MB_le_3s'] else 'MISSED'}, aim <= 3 s)"
    )  # type: ignore[index]
    ratio = results["aims"]["all_fail_ratio"]  # type: ignore[index]
    print(
        f"all quotes failing: {fmt_s(fail_s)} s (exit {results['all_fail']['exit']}, "  # type: ignore[index]
        f"{results['all_fail']['max_rss_kib'] / 1024:.1f} MiB) = "  # type: ignore[index,operator]
        + ("timeout" if ratio is None else f"{ratio:.1f}x")
        + " the all-pass time (aim <= 5x)"
    )
    print(
        f"memory aim (< 10 x input + {base_kib / 1024:.1f} MiB baseline): "
        f"{'met on every row' if results['aims']['memory_all_met'] else 'MISSED on some rows'}; "  # type: ignore[index]
        f"against the one-claim `check` baseline ({check_kib / 1024:.1f} MiB): "
        f"{'met on every row' if results['aims']['memory_vs_check_baseline_all_met'] else 'MISSED on some rows'}"
    )  # type: ignore[index]
    print(
        f"memory aim of issue 15 (peak <= python with PyYAML, {yaml_kib / 1024:.1f} MiB, + 10 x input): "
        f"{'met on every row' if results['aims']['memory_vs_python_yaml_all_met'] else 'MISSED on some rows'}; "  # type: ignore[index]
        f"10,000 claims x 1 MB: peak {int(big['peak_kib']) / 1024:.1f} MiB against {float(big['memory_aim_yaml_kib']) / 1024:.1f} MiB"  # type: ignore[arg-type]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "suite.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nwritten: {RESULTS / 'suite.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
