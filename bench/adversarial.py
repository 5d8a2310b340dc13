"""Adversarial cost: the worst maps and sources a student can submit within argmap's size limits.

Method
  * Each case is GENERATED from the source it runs against: the quote pieces are the source's
    most frequent letter, word or word pair (the most ambiguous quotes it admits), the prefix is
    the longest the map may hold, and the counts are set from the map's byte size. The source is
    either the op-ed (5.5 KB, tests' fixture) or the op-ed repeated to 1 MB, so that every word
    occurs hundreds of times (the worst case for ambiguity and elision).
  * Every case runs `argmap` (the console script beside this Python) in a fresh process, in a
    throwaway project, once; wall time, the child's own CPU time (user + system) and its peak RSS
    (os.wait4's ru_maxrss) are measured. The budget holds CPU time, which other work on a shared
    machine does not inflate; wall time is shown beside it. A case is stopped at --timeout seconds, and its address space is capped at
    --memory-cap MiB (RLIMIT_AS) so a runaway case cannot take the machine with it.
  * A case is within budget when it takes at most BUDGET_SECONDS of CPU and BUDGET_MIB and exits with
    one of the codes it is allowed (0, 1 or 2: an early positioned error is a fine outcome; a
    kill, a timeout or a crash is not). The budget is the one docs/security.md states.
  * --scale multiplies every count (default 1: the sizes of the issue's findings; 2 or more
    comes closer to the 5 MiB map limit and takes longer).

Run:  python bench/adversarial.py [--scale N] [--timeout SECONDS] [--only NAME ...] [--list]
Exit status: 0 when every case is within budget, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPED = ROOT / "seeds" / "countering-external-threats.txt"
BUDGET_SECONDS = 10.0
BUDGET_MIB = 512.0
ONE_MB = 1_000_000


def console_script() -> str:
    """The `argmap` script beside this Python, not whatever PATH finds first."""
    beside = Path(sys.executable).parent / "argmap"
    return str(beside) if beside.exists() else (shutil.which("argmap") or "argmap")


ARGMAP = console_script()


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


# --- what makes a quote costly: taken from the source itself ------------------------------------


def commonest_letter(text: str) -> str:
    return Counter(c for c in text.lower() if c.isalpha()).most_common(1)[0][0]


def commonest_word(text: str) -> str:
    return Counter(w for w in text.split() if w.isalpha()).most_common(1)[0][0]


def commonest_pair(text: str) -> str:
    words = text.split()
    return " ".join(Counter(itertools.pairwise(words)).most_common(1)[0][0])


def head(claims: list[str], source: str = "../seeds/source.txt", extra: list[str] | None = None) -> str:
    lines = [
        "argmap: 1",
        "sources:",
        "  - id: s",
        f"    path: {source}",
        *(extra or []),
        "claims:",
        "  - id: T1",
        "    kind: thesis",
        "    text: The thesis.",
        "    implicit: true",
    ]
    return "\n".join(lines + claims) + "\n"


# --- the cases ----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    what: str
    source: str  # "oped" or "1mb"
    build: Callable[[str, int], str]  # (source text, scale) -> map text
    command: tuple[str, ...] = ("check",)


def repeated_quotes(text: str, scale: int) -> str:
    letter = commonest_letter(text)
    entries = [f"      - {yaml_str(letter)}" for _ in range(10_000 * scale)]
    return head(["  - id: E1", "    kind: evidence", "    text: x", "    supports: T1", "    quotes:", *entries])


def repeated_quotes_1mb_map(text: str, scale: int) -> str:
    return repeated_quotes(text, 10 * scale)


def repeated_exclusions(text: str, scale: int) -> str:
    letter = commonest_letter(text)
    excluded = ["    exclude:"] + [f"      - {{quote: {yaml_str(letter)}, reason: r}}" for _ in range(10_000 * scale)]
    return head([], extra=excluded)


def elided_quotes(text: str, scale: int) -> str:
    letter = commonest_letter(text)
    claims = []
    for n in range(2_000 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(letter + ' ... ' + letter)}",
            "    supports: T1",
        ]
    return head(claims)


def elided_long_chains(text: str, scale: int) -> str:
    word = commonest_word(text)
    chain = " ... ".join([word] * 50)  # fifty pieces, each everywhere
    claims = []
    for n in range(200 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(chain)}",
            "    supports: T1",
        ]
    return head(claims)


def ambiguous_claims(text: str, scale: int) -> str:
    letter = commonest_letter(text)
    claims = []
    for n in range(1_000 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(letter)}",
            "    supports: T1",
        ]
    return head(claims)


def distinct_ambiguous_claims(text: str, scale: int) -> str:
    words = [w for w, _ in Counter(w for w in text.split() if w.isalpha()).most_common(3_000 * scale)]
    claims = []
    for n, word in enumerate(words):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(word)}",
            "    supports: T1",
        ]
    return head(claims)


def long_prefix(text: str, scale: int) -> str:
    pair = commonest_pair(text)
    prefix = (text[: 80_000 * scale]).replace("\n", " ")
    claims = [
        "  - id: P1",
        "    kind: premise",
        "    text: x",
        "    supports: T1",
        "    quote:",
        f"      exact: {yaml_str(pair)}",
        f"      prefix: {yaml_str(prefix)}",
    ]
    return head(claims)


def many_prefixed(text: str, scale: int) -> str:
    pair = commonest_pair(text)
    prefix = text[:2_000].replace("\n", " ")
    claims = []
    for n in range(300 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            "    supports: T1",
            "    quote:",
            f"      exact: {yaml_str(pair)}",
            f"      suffix: {yaml_str(prefix)}",
        ]
    return head(claims)


def ambiguous_exclusions(text: str, scale: int) -> str:
    word = commonest_word(text)
    excluded = ["    exclude:"] + [f"      - {{quote: {yaml_str(word)}, reason: r}}" for _ in range(3_000 * scale)]
    return head([], extra=excluded)


def missing_quotes(text: str, scale: int) -> str:
    # Distinct sentences not in the source, built from its own words: every one costs a
    # closest-passage search unless the map's budget stops it.
    words = text.split()
    claims = []
    for n in range(2_000 * scale):
        sentence = " ".join(words[(n * 7 + k * 13) % len(words)] for k in range(12))
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(sentence + ' zq')}",
            "    supports: T1",
        ]
    return head(claims)


def crossed_groups(text: str, scale: int) -> str:
    size = 1_500 * scale
    groups = ["groups:", "  a: A", "  b: B"]
    claims = []
    for n in range(size):
        claims += [
            f"  - id: A{n}",
            "    kind: premise",
            "    text: x",
            "    implicit: true",
            "    group: a",
            f"    supports: B{n}",
        ]
        claims += [
            f"  - id: B{n}",
            "    kind: premise",
            "    text: x",
            "    implicit: true",
            "    group: b",
            f"    supports: {'A' + str(n + 1) if n + 1 < size else 'T1'}",
        ]
    return with_groups(groups, claims)


def many_groups(text: str, scale: int) -> str:
    count = 2_000 * scale
    groups = ["groups:"] + [f"  g{n}: G{n}" for n in range(count)]
    claims = []
    for n in range(count):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            "    implicit: true",
            f"    group: g{n}",
            f"    supports: {'P' + str(n + 1) if n + 1 < count else 'T1'}",
        ]
    return with_groups(groups, claims)


def with_groups(groups: list[str], claims: list[str]) -> str:
    return (
        "\n".join(
            [
                "argmap: 1",
                "sources:",
                "  - id: s",
                "    path: ../seeds/source.txt",
                *groups,
                "claims:",
                "  - id: T1",
                "    kind: thesis",
                "    text: The thesis.",
                "    implicit: true",
                *claims,
            ]
        )
        + "\n"
    )


def long_word(text: str, scale: int) -> str:
    return head(
        [
            "  - id: P1",
            "    kind: premise",
            f"    text: {'w' * 200_000 * scale}",
            "    implicit: true",
            "    supports: T1",
        ]
    )


def long_words(text: str, scale: int) -> str:
    claims = []
    for n in range(200 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            f"    text: {'w' * 5_000}",
            f"    note: {'n ' * 9_000}",
            "    implicit: true",
            "    supports: T1",
        ]
    return head(claims)


def flow_list(text: str, scale: int) -> str:
    count = (4_900_000 * scale) // 3
    return head(
        [
            "  - id: a",
            "    kind: premise",
            "    text: x",
            "    implicit: true",
            "    supports: [" + ", ".join(["a"] * count) + "]",
        ]
    )


def folded_at_the_limit(text: str, scale: int) -> str:
    # A quote that matches only after normalisation (straight for curly quote marks, case):
    # the whole source is normalised and indexed once, and every other quote searched in it.
    words = text.split()
    claims = []
    for n in range(1_000 * scale):
        sentence = " ".join(words[(n * 11) % (len(words) - 12) :][:10]).upper()
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            f"    quote: {yaml_str(sentence)}",
            "    supports: T1",
        ]
    return head(claims)


def one_source_many_times(text: str, scale: int) -> str:
    sources = []
    for n in range(200 * scale):
        sources += [f"  - id: s{n}", "    path: ../seeds/source.txt"]
    return (
        "\n".join(
            [
                "argmap: 1",
                "sources:",
                *sources,
                "claims:",
                "  - id: T1",
                "    kind: thesis",
                "    text: The thesis.",
                "    implicit: true",
            ]
        )
        + "\n"
    )


def long_chain(text: str, scale: int) -> str:
    claims = []
    for n in range(10_000 * scale):
        claims += [
            f"  - id: P{n}",
            "    kind: premise",
            "    text: x",
            "    implicit: true",
            f"    supports: {'P' + str(n + 1) if n + 1 < 10_000 * scale else 'T1'}",
        ]
    return head(claims)


CASES = [
    Case("repeated-quotes", "10,000 `quotes:` entries of the commonest letter (a 100 KB map)", "oped", repeated_quotes),
    Case("repeated-quotes-1mb-map", "the same at 100,000 entries (a 1 MB map)", "oped", repeated_quotes_1mb_map),
    Case("repeated-exclusions", "10,000 exclusions of the commonest letter", "oped", repeated_exclusions),
    Case("elided", "2,000 quotes `L ... L` of the commonest letter L, 1 MB source", "1mb", elided_quotes),
    Case(
        "elided-chains",
        "200 quotes of 50 elided pieces, each the commonest word, 1 MB source",
        "1mb",
        elided_long_chains,
    ),
    Case("ambiguous-claims", "1,000 claims quoting the commonest letter, 1 MB source", "1mb", ambiguous_claims),
    Case("distinct-ambiguous", "a claim for each distinct word of a 1 MB source", "1mb", distinct_ambiguous_claims),
    Case("long-prefix", "an ambiguous quote with an 80 KB prefix, 1 MB source", "1mb", long_prefix),
    Case("many-prefixed", "300 ambiguous quotes with a 2 KB suffix each, 1 MB source", "1mb", many_prefixed),
    Case("ambiguous-exclusions", "3,000 exclusions of the commonest word, 1 MB source", "1mb", ambiguous_exclusions),
    Case("missing-quotes", "2,000 distinct quotes not in a 1 MB source", "1mb", missing_quotes),
    Case(
        "crossed-groups",
        "render: two groups of 1,500 claims, each supporting one in the other",
        "oped",
        crossed_groups,
        ("render", "--format", "dot", "-o", "out.dot"),
    ),
    Case(
        "many-groups",
        "render: 2,000 groups of one claim each, in a chain",
        "oped",
        many_groups,
        ("render", "--format", "dot", "-o", "out.dot"),
    ),
    Case(
        "long-word",
        "render: one 200,000-character word in `text:`",
        "oped",
        long_word,
        ("render", "--format", "dot", "-o", "out.dot"),
    ),
    Case(
        "long-texts",
        "render: 200 claims with 5,000-character words and 18,000-character notes",
        "oped",
        long_words,
        ("render", "--format", "dot", "-o", "out.dot"),
    ),
    Case(
        "folded-20mb",
        "1,000 quotes in capitals (found only after normalising) in a 20 MB source",
        "20mb",
        folded_at_the_limit,
    ),
    Case("same-source-200", "200 sources naming one 20 MB file", "20mb", one_source_many_times),
    Case("flow-list", "a 4.9 MB flow list `supports: [a, a, ...]`", "oped", flow_list),
    Case(
        "long-chain",
        "render: a chain of 10,000 supports",
        "oped",
        long_chain,
        ("render", "--format", "dot", "-o", "out.dot"),
    ),
]


# --- running ------------------------------------------------------------------------------------


def big_source(oped: str, size: int = ONE_MB) -> str:
    return (oped * (size // len(oped) + 1))[:size].rsplit(" ", 1)[0] + "\n"


def run(command: list[str], cwd: Path, timeout: float, cap_mib: int) -> tuple[float, float, float, int | None]:
    """Wall seconds, CPU seconds, peak RSS in MiB, exit code (None: stopped at the timeout)."""

    def limit() -> None:
        cap = cap_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)  # noqa: PLW1509 - only setrlimit, before exec
    assert child.stderr is not None
    os.set_blocking(child.stderr.fileno(), False)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.stderr.close()
            cpu = usage.ru_utime + usage.ru_stime
            return time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if time.perf_counter() - start > timeout:
            child.kill()
            _, _, usage = os.wait4(child.pid, 0)
            child.stderr.close()
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, None
        with contextlib.suppress(BlockingIOError, TypeError):
            child.stderr.read()  # drain, so a chatty child cannot block on a full pipe
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="stop a case after this many seconds")
    parser.add_argument("--memory-cap", type=int, default=3072, help="address-space cap per case, MiB")
    parser.add_argument("--only", nargs="*", default=None, help="run only these cases")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args()
    if args.list:
        for case in CASES:
            print(f"{case.name:24} {case.what}")
        return 0
    print(__doc__.split("Run:")[0].rstrip())
    print(
        f"\nargmap: {ARGMAP}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs; scale {args.scale}; "
        f"budget {BUDGET_SECONDS:g} s and {BUDGET_MIB:g} MiB per case; timeout {args.timeout:g} s; "
        f"cap {args.memory_cap} MiB\n"
    )
    oped = OPED.read_text(encoding="utf-8")
    sources = {"oped": oped, "1mb": big_source(oped), "20mb": big_source(oped, 20 * ONE_MB)}
    print(f"{'case':24} {'map':>9} {'CPU s':>7} {'wall s':>7} {'MiB':>7} {'exit':>4}  verdict")
    over = 0
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="argmap-adversarial-") as folder:
            project = Path(folder)
            (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
            (project / "seeds").mkdir()
            (project / "arguments").mkdir()
            source = sources[case.source]
            (project / "seeds" / "source.txt").write_text(source, encoding="utf-8")  # under 20 MiB
            map_text = case.build(source, args.scale)
            map_file = project / "arguments" / "map.yaml"
            map_file.write_text(map_text, encoding="utf-8")
            command = [ARGMAP, *case.command, str(map_file)]
            wall, cpu, mib, code = run(command, project, args.timeout, args.memory_cap)
        within = code in (0, 1, 2) and cpu <= BUDGET_SECONDS and mib <= BUDGET_MIB
        over += not within
        shown = f">{args.timeout:g}" if code is None else f"{wall:.2f}"
        verdict = (
            "within budget"
            if within
            else ("OVER BUDGET" + (" (stopped)" if code is None else " (killed)" if code < 0 else ""))
        )
        print(
            f"{case.name:24} {len(map_text.encode()) / 1024:7.0f}KB {cpu:7.2f} {shown:>7} {mib:7.0f} "
            f"{'-' if code is None else code:>4}  {verdict}",
            flush=True,
        )
    print(f"\n{over} case(s) over budget" if over else "\nevery case within budget")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
