"""A source's text as HTML: every quote marked in its claim's kind colour, uncovered sentences shaded.

The text is cut at every place where something starts or ends (a quote's span, an uncovered
sentence, an excluded passage); each piece is escaped and wrapped in what covers it. Where
quotes overlap, their marks nest, innermost last, so each claim's passage is whole. Every
mark carries `data-claim` (the contract the page's script and its tests rely on) and
`data-quote` (one value per quote, `CLAIM.N`); the first mark of a quote takes the keyboard
focus (`tabindex`), so Tab walks quote by quote, not piece by piece. Line breaks are kept
as they are and shown by CSS (`white-space: pre-wrap`), so offsets and lines stay true.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from argmap.analysis.coverage import source_coverage
from argmap.anchor.resolve import ResolvedMap


@dataclass(frozen=True)
class Passage:
    claim: str
    kind: str
    quote: str  # CLAIM.N: which of the claim's quotes
    start: int
    end: int
    label: str  # for the mark's tooltip: id, kind and paraphrase


def passages(resolved: ResolvedMap, source_id: str) -> list[Passage]:
    found = []
    for claim_id, quotes in resolved.quotes.items():
        claim = resolved.claims.get(claim_id)
        if claim is None:
            continue
        for index, entry in enumerate(quotes):
            if entry.source_id != source_id or not entry.found or entry.match is None:
                continue
            label = f"{claim_id} · {claim.kind}: {claim.text}"
            for span in entry.match.spans:
                if span.end > span.start:
                    found.append(Passage(claim_id, claim.kind, f"{claim_id}.{index + 1}", span.start, span.end, label))
    return sorted(found, key=lambda p: (p.start, -p.end, p.claim))


def source_html(resolved: ResolvedMap, source_id: str) -> str:
    loaded = resolved.sources.get(source_id)
    if loaded is None or loaded.text is None:
        return '<p class="unavailable">This source could not be read; run <code>argmap check</code>.</p>'
    text = loaded.text.text
    marks = passages(resolved, source_id)
    coverage = source_coverage(resolved, source_id)
    uncovered = [s.span for s in coverage.sentences if not s.covered] if coverage else []
    excluded = [
        span
        for entry in resolved.exclusions.get(source_id, [])
        if entry.found and entry.match is not None
        for span in entry.match.spans
    ]
    # A sweep over the cut points: what opens or closes at each, kept as running state.
    opens: dict[int, list[Passage]] = {}
    for mark in marks:
        opens.setdefault(mark.start, []).append(mark)
    shading: dict[int, list[tuple[str, int]]] = {}  # position -> (what, +1 opens / -1 closes)
    for what, spans in (("uncovered", uncovered), ("excluded", excluded)):
        for span in spans:
            shading.setdefault(span.start, []).append((what, 1))
            shading.setdefault(span.end, []).append((what, -1))
    points = sorted({0, len(text), *opens, *(m.end for m in marks), *shading})
    active: list[Passage] = []
    depth = {"uncovered": 0, "excluded": 0}
    out: list[str] = []
    opened: set[str] = set()
    for start, end in itertools.pairwise(points):
        active = [m for m in active if m.end > start] + opens.get(start, [])
        for what, step in shading.get(start, []):
            depth[what] += step
        piece = escape(text[start:end], quote=False)
        for mark in reversed(active):
            first = mark.quote not in opened
            opened.add(mark.quote)
            piece = _mark(mark, piece, first)
        if depth["excluded"] > 0:
            piece = f'<span class="excluded" title="left out of the coverage count">{piece}</span>'
        elif not active and depth["uncovered"] > 0:
            piece = f'<span class="uncovered" title="no claim quotes this sentence">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _mark(mark: Passage, inner: str, first: bool) -> str:
    focus = ' tabindex="0" role="button"' if first else ""
    return (
        f'<mark class="quote kind-{escape(mark.kind)}" data-claim="{escape(mark.claim)}" '
        f'data-quote="{escape(mark.quote)}" title="{escape(mark.label)}"{focus}>{inner}</mark>'
    )
