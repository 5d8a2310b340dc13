"""Benchmark: `argmap diff` of large maps, text and drawn (DOT), and how it scales.

Method
  * Synthetic source: ~200 KB of seeded word salad (2,000-word vocabulary).
  * OLD map of N claims (N = 750, 1,500, 3,000): a thesis; premises in chains of
    three supporting it; every fifteenth premise also linked with another (a junction);
    every tenth claim an objection attacking a premise, every twentieth a rebuttal
    of the objection before, some objections undercutting a support. Each quotes an exact, unique 8-word passage.
  * NEW map: the same with 2 % of claims removed, 2 % added, 2 % re-worded and
    2 % of relations re-typed, so every status occurs.
  * `diff OLD NEW --format text` and `--format dot`, each in a fresh process (the
    console script, as a user runs it) after one warm-up; wall time is the median
    of --repeat runs.
  * Scaling: the exponent k of t ~ N^k fitted over the three sizes (least squares
    of log t on log N). Linear work gives k ~ 1 (start-up pulls it lower).

Run:  python bench/diff_bench.py [--repeat N] [--sizes 750,1500,3000]
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def console_script() -> str:
    found = shutil.which("argmap") or str(Path(sys.executable).with_name("argmap"))
    return found


def make_source(rng: random.Random, size: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(2000)]
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))) + "."
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def passages(rng: random.Random, source: str, count: int) -> list[str]:
    tokens = source.split(" ")
    seen: set[str] = set()
    found: list[str] = []
    while len(found) < count:
        start = rng.randrange(0, len(tokens) - 8)
        passage = " ".join(tokens[start : start + 8])
        if passage not in seen and source.count(passage) == 1:
            seen.add(passage)
            found.append(passage)
    return found


def claims(n: int, quotes: list[str]) -> list[dict[str, str]]:
    made: list[dict[str, str]] = [{"id": "T1", "kind": "thesis", "text": "The thesis.", "quote": quotes[0]}]
    supports: dict[str, str] = {}  # premise -> what it supports
    for i in range(1, n):
        cid, before = f"C{i}", f"C{i - 1}"
        claim = {"id": cid, "kind": "premise", "text": f"Claim {i}.", "quote": quotes[i]}
        if i % 20 == 0:
            claim.update(kind="rebuttal", attacks=f"C{i - 10}")  # C{i-10} is an objection
        elif i % 10 == 0:
            claim.update(kind="objection", attacks=before if before in supports else "T1")
        elif i % 30 == 5 and before in supports:
            claim.update(kind="objection", undercuts=f"{before} -> {supports[before]}")
        else:
            supports[cid] = "T1" if i % 3 == 1 or before not in supports else before
            claim["supports"] = supports[cid]
        made.append(claim)
    return made


def relations(n: int) -> list[str]:
    lines: list[str] = []
    for i in range(1, n - 3, 15):  # i and i + 3 both support T1 already; together, too
        if all(j % 10 for j in (i, i + 3)):
            lines.append(f"  - {{type: support, from: [C{i}, C{i + 3}], to: T1}}")
    return lines


def render_map(made: list[dict[str, str]], links: list[str]) -> str:
    lines = ["argmap: 1", "sources:", "  - {id: src, path: source.txt}", "claims:"]
    for claim in made:
        lines.append("  - " + "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in claim.items()) + "}")
    if links:
        lines.append("relations:")
        lines.extend(links)
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    return value if value.replace(" ", "").replace("->", "").isalnum() and " " not in value else f'"{value}"'


def changed(rng: random.Random, made: list[dict[str, str]], spare: list[str]) -> list[dict[str, str]]:
    new = [dict(c) for c in made]
    k = max(1, len(made) // 50)
    referenced = {v for c in new for key in ("supports", "attacks") for v in [c.get(key)] if v}
    referenced |= {p.strip() for c in new for p in c.get("undercuts", "").split("->") if p.strip()}
    linked = {c["id"] for c in new[1:] if int(c["id"][1:]) % 15 in (1, 4)}  # see relations()
    plain = [c for c in new[1:] if c.get("supports") == "T1" and c["id"] not in referenced | linked]
    sample = rng.sample(plain, 3 * k)
    for claim in sample[:k]:
        claim["text"] += " Re-worded."
    for claim in sample[k : 2 * k]:
        claim["kind"] = "objection"
        claim["attacks"] = claim.pop("supports")
    removed = {c["id"] for c in sample[2 * k :]}
    new = [c for c in new if c["id"] not in removed]
    for j in range(k):
        new.append({"id": f"N{j}", "kind": "objection", "text": "New.", "quote": spare[j], "attacks": "T1"})
    return new


def timed(command: list[str], cwd: Path, repeat: int) -> float:
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def slope(sizes: list[int], times: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="750,1500,3000")
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    argmap = console_script()
    rng = random.Random(args.seed)
    source = make_source(rng, 200_000)
    print(f"argmap: {argmap}; python {sys.version.split()[0]}; repeat={args.repeat}; seed={args.seed}")
    print(f"{'claims':>7} {'links':>6} | {'text s':>7} {'dot s':>7}")
    results: dict[str, list[float]] = {"text": [], "dot": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "source.txt").write_text(source, encoding="utf-8")
        (work / "pyproject.toml").write_text("", encoding="utf-8")
        for n in sizes:
            quotes = passages(rng, source, n + n // 50 + 1)
            made = claims(n, quotes)
            links = relations(n)
            (work / "old.yaml").write_text(render_map(made, links), encoding="utf-8")
            (work / "new.yaml").write_text(render_map(changed(rng, made, quotes[n:]), links), encoding="utf-8")
            row = []
            for fmt in ("text", "dot"):
                seconds = timed(
                    [argmap, "diff", "old.yaml", "new.yaml", "--format", fmt, "--exit-zero"], work, args.repeat
                )
                results[fmt].append(seconds)
                row.append(seconds)
            print(f"{n:>7} {len(links):>6} | {row[0]:>7.3f} {row[1]:>7.3f}")
    for fmt, times in results.items():
        print(f"scaling of diff --format {fmt}: t ~ N^{slope(sizes, times):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
