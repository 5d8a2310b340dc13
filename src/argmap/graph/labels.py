"""What a claim's box says: its header (id, kind, basis, side), its text or quote lines, its tooltip;
and the diagram's title lines."""

from __future__ import annotations

from argmap.anchor.resolve import ResolvedMap, ResolvedQuote
from argmap.check.sides import ClaimSide
from argmap.format.model import Claim
from argmap.graph.elements import (
    BOX_LINES,
    QUOTE_SHORT,
    QUOTE_SHORT_EVIDENCE,
    TITLE_LINES,
    TOOLTIP_MAX,
    WRAP,
    WRAP_THESIS,
    WRAP_TITLE,
    LabelMode,
    Line,
    Node,
    Role,
    Run,
)
from argmap.graph.style import ADDED, IMPLICIT, NODE_STYLES, OPPONENT_REASON, REASON_KINDS
from argmap.graph.text import clean, fit, shorten, wrap


def claim_node(resolved: ResolvedMap, claim: Claim, side: ClaimSide, mode: LabelMode) -> Node:
    attrs = dict(NODE_STYLES[claim.kind])
    classes = ["claim", claim.kind, side]
    if side == "opponent" and claim.kind in REASON_KINDS:
        attrs.update(OPPONENT_REASON)
    if claim.implicit:
        attrs.update(IMPLICIT)
        classes.append("implicit")
    if claim.added_by is not None:
        attrs.update(ADDED)
        classes.append("added")
    if claim.voice is not None:
        classes.append("voiced")
    lines = _claim_lines(claim, side, [q.quote.exact for q in resolved.quotes.get(claim.id, [])], mode)
    return Node(
        claim.id,
        claim.kind,
        lines,
        _claim_tooltip(resolved, claim.id, side),
        attrs,
        tuple(classes),
        claim=claim.id,
        group=group_of(resolved, claim.id),
    )


def _kind_header(claim: Claim, side: ClaimSide) -> str:
    """`ADDED OBJECTION`, `OPPONENT'S PREMISE`, `EVIDENCE · STATISTIC`, `CONCESSION · GRANTED`."""
    kind = ("added " if claim.added_by is not None else "") + ("implicit " if claim.implicit else "") + claim.kind
    if side == "opponent" and claim.kind in REASON_KINDS:
        kind = f"opponent's {kind}"
    if claim.basis is not None:
        kind += f" · {claim.basis}"
    if claim.kind == "concession":
        kind += " · granted"
    return kind.upper()


def _claim_lines(claim: Claim, side: ClaimSide, quotes: list[str], mode: LabelMode) -> tuple[Line, ...]:
    """Header (id, side, kind, basis), then voice, paraphrase and/or shortened quotes, then "added by"."""
    width = WRAP_THESIS if claim.kind == "thesis" else WRAP

    def block(text: str, role: Role) -> list[Line]:
        return [(Run(piece, role),) for piece in wrap(clean(text), width)]

    lines: list[Line] = [(Run(claim.id, "id"), Run(_kind_header(claim, side), "kind"))]
    if mode == "id":
        return tuple(lines)
    if claim.voice is not None:
        lines += block(f"voice: {claim.voice}", "voice")
    if mode in ("text", "both") or not quotes:
        lines += block(claim.text, "text")
    if mode in ("quote", "both"):
        limit = QUOTE_SHORT_EVIDENCE if mode == "both" and claim.kind == "evidence" else QUOTE_SHORT
        for exact in quotes:
            lines += block(shorten(f"“{exact}”", limit), "quote")
    if claim.added_by is not None:
        lines += block(f"added by {claim.added_by}", "added")
    if len(lines) > BOX_LINES:  # the tooltip holds the rest
        lines = [*lines[: BOX_LINES - 1], (Run("…", "text"),)]
    return tuple(lines)


def _claim_tooltip(resolved: ResolvedMap, claim_id: str, side: ClaimSide) -> str:
    claim = resolved.claims[claim_id]
    kind = ("implicit " if claim.implicit else "") + claim.kind + (f" ({claim.basis})" if claim.basis else "")
    owner = {"author": "the author's", "opponent": "the opponent's", "student": "a student's"}[side]
    granted = ", granted by the author" if claim.kind == "concession" else ""
    parts = [f"{claim.id} · {kind} · {owner}{granted}", claim.text]
    if claim.voice is not None:
        parts.append(f"voice: {claim.voice}")
    if claim.added_by is not None:
        parts.append(f"added by {claim.added_by} (not in the source)")
    for entry in resolved.quotes.get(claim_id, []):
        parts.append(f"“{entry.quote.exact}” — {quote_place(resolved, entry)}")
    if claim.note:
        parts.append(f"note: {claim.note}")
    return fit(clean("\n".join(parts)), TOOLTIP_MAX)


def quote_place(resolved: ResolvedMap, entry: ResolvedQuote) -> str:
    """Where a quote is in its source: `source line:col`, or why it has no place."""
    loaded = resolved.sources.get(entry.source_id)
    span = entry.match.span if entry.match is not None else None
    if span is None or loaded is None or loaded.text is None:
        status = entry.match.status.replace("_", " ") if entry.match is not None else "source unavailable"
        return f"{entry.source_id}: {status}"
    line, column = loaded.text.line_col(span.start)
    return f"{entry.source_id} {line}:{column}"


def title_lines(resolved: ResolvedMap) -> tuple[Line, ...]:
    model = resolved.model
    lines: list[Line] = []
    if model.title:
        lines += [(Run(t, "title"),) for t in wrap(clean(model.title), WRAP_TITLE)]
    for source in model.sources:
        words = []
        if source.title:
            words.append(f"“{source.title}”")
        if source.author:
            words.append(f"by {source.author}")
        byline = " ".join(words)
        extra = ", ".join(x for x in (source.publisher, source.section, source.date) if x)
        if extra:
            byline = f"{byline} ({extra})" if byline else extra
        if byline:
            lines += [(Run(t, "subtitle"),) for t in wrap(clean(byline), WRAP_TITLE)]
    return tuple(lines[:TITLE_LINES])


def group_of(resolved: ResolvedMap, claim_id: str) -> str | None:
    """The cluster a claim is drawn in; the thesis stands above all groups, on its own."""
    claim = resolved.claims.get(claim_id)
    if claim is None or claim.kind == "thesis" or claim.group not in resolved.model.groups:
        return None
    return claim.group
