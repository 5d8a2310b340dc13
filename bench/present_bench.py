"""Measure `argmap slides` and `argmap html` on the op-ed map: time, Graphviz runs, output size.

Method: in one process (imports and the map's check paid once, outside the timings), for the
flagship map `arguments/countering-external-threats.yaml`:

* **deck**: `writers.slides.deck` (every slide's diagram drawn by `dot`, each legibility attempt a
  `dot` run), best of 3; the number of `dot` runs it made and the slides it produced;
* **pdf**: the deck's pages through `rsvg-convert` into one PDF, best of 3, and its size;
* **html**: `writers.html.html_page` (one `dot` run and the marked source), best of 3, and its size.

Timings depend on the machine and its load; the counts do not. Run: `python bench/present_bench.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from argmap.check.pipeline import check_map
from argmap.writers import graphviz, slides
from argmap.writers.html import html_page
from argmap.writers.slide_page import convert

MAP = Path(__file__).resolve().parent.parent / "arguments" / "countering-external-threats.yaml"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    result = check_map(MAP)
    assert result.resolved is not None
    resolved = result.resolved
    calls = {"dot": 0}
    original = slides.run_dot

    def counting(source: str, fmt: str, timeout: float = graphviz.DEFAULT_TIMEOUT) -> bytes:
        calls["dot"] += 1
        return original(source, fmt, timeout)

    slides.run_dot = counting
    made = slides.deck(resolved)
    runs = calls["dot"]
    slides.run_dot = original
    deck_s = best_of(3, lambda: slides.deck(resolved))
    pages = [s.svg for s in made]
    pdf_s = best_of(3, lambda: convert(pages, "pdf"))
    pdf = convert(pages, "pdf")[0]
    html_s = best_of(3, lambda: html_page(resolved, result.problems))
    page = html_page(resolved, result.problems)
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    print(f"deck   {deck_s * 1000:8.0f} ms   {len(made)} slides, {runs} dot runs")
    print(f"pdf    {pdf_s * 1000:8.0f} ms   {len(pdf) / 1024:.0f} KiB")
    print(f"html   {html_s * 1000:8.0f} ms   {len(page) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
