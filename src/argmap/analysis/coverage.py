"""`argmap coverage`: how much of a source the map's quotes cover, by sentence and by paragraph.

What counts: the source text minus the passages the map excludes (`exclude:`
under a source: page furniture, captions…). That text is cut into paragraphs
(at blank lines) and sentences (at `.`, `!` or `?`, plus any closing quote,
followed by a space and a capital, a digit or an opening quote — but not after
abbreviations such as `U.S.` or `Dec.`). A sentence is *covered* when some
quote's span overlaps one of its non-space characters; a paragraph is
*represented* when one of its sentences is covered.

A minimum (`--min`) holds the map's first source — the article being mapped —
to the threshold; other sources (a student's outside evidence) are reported,
not held to it: a map quotes only what it needs of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.anchor.find import Span
from argmap.anchor.resolve import ResolvedMap

_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u4e00-\u9fff])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "col",
        "lt",
        "sen",
        "rep",
        "gov",
    ]
)
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # U.S., U.K., e.g.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\r\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+")


@dataclass(frozen=True)
class Sentence:
    span: Span
    line: int
    text: str
    covered: bool


@dataclass
class Paragraph:
    line: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(s.covered for s in self.sentences)


@dataclass
class Excluded:
    line: int
    text: str
    reason: str


@dataclass
class SourceCoverage:
    source_id: str
    path: str
    paragraphs: list[Paragraph]
    excluded: list[Excluded]
    quoted_characters: int
    counted_characters: int

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def sentence_percent(self) -> float:
        return _percent(sum(s.covered for s in self.sentences), len(self.sentences))

    @property
    def paragraph_percent(self) -> float:
        return _percent(sum(p.covered > 0 for p in self.paragraphs), len(self.paragraphs))

    @property
    def character_percent(self) -> float:
        return _percent(self.quoted_characters, self.counted_characters)


def _percent(part: int, whole: int) -> float:
    return 100.0 if whole == 0 else round(100.0 * part / whole, 1)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _is_sentence_end(text: str, boundary: int) -> bool:
    """False after an abbreviation (`Dec.`, `U.S.`): the period belongs to the word."""
    word = text[max(0, text.rfind(" ", 0, boundary) + 1) : boundary + 1]
    if _INITIALS.search(word):
        return False
    return word.rstrip(".").lower() not in _ABBREVIATIONS


_NEWLINE = re.compile(r"\n")
_HEADING_LINE = 50  # a shorter line without closing punctuation is a heading, byline or menu


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of text[start:end], whitespace trimmed.

    A line break inside a paragraph is a space (hard-wrapped prose), except after
    a short line with no closing punctuation whose next line does not carry on in
    lower case: that line (a heading, a byline, a menu) stands alone.
    """
    spans: list[Span] = []
    cursor = start  # where the prose not yet split begins
    line_start = start
    for newline in [m.start() for m in _NEWLINE.finditer(text, start, end)] + [end]:
        line = _trim(text, line_start, newline)
        if _is_heading(text, line) and not _continues(text, newline, end):
            spans.extend(_split_prose(text, cursor, line.start))
            spans.append(line)
            cursor = newline
        line_start = newline + 1
    spans.extend(_split_prose(text, cursor, end))
    return [s for s in spans if s.end > s.start]


def _continues(text: str, newline: int, end: int) -> bool:
    """Does the next line carry on the sentence (it starts in lower case)?"""
    following = text[newline + 1 : min(end, newline + 80)].lstrip()
    return bool(following) and following[0].islower()


def _is_heading(text: str, line: Span) -> bool:
    length = line.end - line.start
    return 0 < length < _HEADING_LINE and text[line.end - 1] not in '.!?,;:"\u201d\u2019)'


def _split_prose(text: str, start: int, end: int) -> list[Span]:
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if not _is_sentence_end(text, match.start()):
            continue
        stop = match.end()
        spans.append(_trim(text, cursor, stop))
        cursor = stop
    spans.append(_trim(text, cursor, end))
    return [s for s in spans if s.end > s.start]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _paragraph_spans(text: str) -> list[Span]:
    spans = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append(_trim(text, cursor, match.start()))
        cursor = match.end()
    spans.append(_trim(text, cursor, len(text)))
    return [s for s in spans if s.end > s.start]


def _without(span: Span, excluded: list[Span]) -> list[Span]:
    """The parts of `span` not inside any excluded span."""
    parts = []
    cursor = span.start
    for cut in excluded:
        if cut.end <= cursor or cut.start >= span.end:
            continue
        if cut.start > cursor:
            parts.append(Span(cursor, cut.start))
        cursor = max(cursor, cut.end)
    if cursor < span.end:
        parts.append(Span(cursor, span.end))
    return parts


def source_coverage(resolved: ResolvedMap, source_id: str) -> SourceCoverage | None:
    loaded = resolved.sources.get(source_id)
    if loaded is None or loaded.text is None:
        return None
    text = loaded.text.text
    quoted = _merge(
        [
            span
            for quotes in resolved.quotes.values()
            for q in quotes
            if q.source_id == source_id and q.found and q.match is not None
            for span in q.match.spans
        ]
    )
    exclusions = [e for e in resolved.exclusions.get(source_id, []) if e.found and e.match is not None]
    cut = _merge([span for e in exclusions if e.match is not None for span in e.match.spans])
    reasons = {
        id(e.quote): x.reason
        for e, x in zip(resolved.exclusions.get(source_id, []), loaded.source.exclude, strict=False)
    }
    mask = bytearray(len(text))  # 1 where a quote covers the character
    for span in quoted:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    paragraphs = []
    counted = quoted_chars = 0
    for para in _paragraph_spans(text):
        paragraph = Paragraph(loaded.text.line_col(para.start)[0])
        for piece in _without(para, cut):
            for span in split_sentences(text, piece.start, piece.end):
                chars = [i for i in range(span.start, span.end) if not text[i].isspace()]
                if not chars:
                    continue
                covered_chars = sum(mask[i] for i in chars)
                counted += len(chars)
                quoted_chars += covered_chars
                paragraph.sentences.append(
                    Sentence(span, loaded.text.line_col(span.start)[0], text[span.start : span.end], covered_chars > 0)
                )
        if paragraph.sentences:
            paragraphs.append(paragraph)
    excluded = []
    for entry in exclusions:
        where = entry.match.span if entry.match is not None else None
        if where is not None:
            excluded.append(
                Excluded(
                    loaded.text.line_col(where.start)[0],
                    text[where.start : where.end],
                    reasons.get(id(entry.quote), ""),
                )
            )
    return SourceCoverage(
        source_id, loaded.source.path, paragraphs, sorted(excluded, key=lambda e: e.line), quoted_chars, counted
    )


def below(coverages: list[SourceCoverage], minimum: float | None) -> bool:
    """Is the article (the first source) covered less than the minimum?"""
    return minimum is not None and bool(coverages) and coverages[0].sentence_percent < minimum


def map_coverage(resolved: ResolvedMap) -> list[SourceCoverage]:
    found = [source_coverage(resolved, s.id) for s in resolved.model.sources]
    return [c for c in found if c is not None]


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_text(file: str, coverages: list[SourceCoverage], minimum: float | None) -> str:
    lines = []
    for cov in coverages:
        sentences = cov.sentences
        lines.append(f"{file}: source `{cov.source_id}` ({cov.path})")
        lines.append(
            f"  sentences   {sum(s.covered for s in sentences):>4} of {len(sentences):<4} covered     "
            f"{cov.sentence_percent:5.1f} %"
        )
        lines.append(
            f"  paragraphs  {sum(p.covered > 0 for p in cov.paragraphs):>4} of {len(cov.paragraphs):<4} "
            f"represented {cov.paragraph_percent:5.1f} %"
        )
        lines.append(f"  characters  {cov.character_percent:5.1f} % of the counted text is quoted")
        lines.append("  by paragraph:")
        for para in cov.paragraphs:
            first = _shorten(para.sentences[0].text, 60)
            lines.append(f"    line {para.line:>4}: {para.covered}/{len(para.sentences)} sentences  {first}")
        uncovered = [s for s in sentences if not s.covered]
        lines.append(f"  uncovered sentences: {len(uncovered) or 'none'}")
        for sentence in uncovered:
            lines.append(f"    line {sentence.line:>4}: {_shorten(sentence.text)}")
        lines.append(f"  left out of the count ({len(cov.excluded)} passages):")
        for entry in cov.excluded:
            lines.append(f"    line {entry.line:>4}: {_shorten(entry.text, 50)!r} — {entry.reason}")
    if minimum is not None and coverages:
        held = coverages[0]
        verdict = "ok" if held.sentence_percent >= minimum else "below the minimum"
        also = f" of source `{held.source_id}`" if len(coverages) > 1 else ""
        lines.append(f"sentence coverage{also} {held.sentence_percent:.1f} % (minimum {minimum:g} %): {verdict}")
    return "\n".join(lines) + "\n"


def coverage_dict(file: str, coverages: list[SourceCoverage], minimum: float | None) -> dict[str, Any]:
    return {
        "map": file,
        "minimum": minimum,
        "sources": [
            {
                "source": c.source_id,
                "path": c.path,
                "sentences": {
                    "covered": sum(s.covered for s in c.sentences),
                    "total": len(c.sentences),
                    "percent": c.sentence_percent,
                },
                "paragraphs": {
                    "represented": sum(p.covered > 0 for p in c.paragraphs),
                    "total": len(c.paragraphs),
                    "percent": c.paragraph_percent,
                },
                "characters": {
                    "quoted": c.quoted_characters,
                    "total": c.counted_characters,
                    "percent": c.character_percent,
                },
                "by_paragraph": [
                    {"line": p.line, "covered": p.covered, "sentences": len(p.sentences)} for p in c.paragraphs
                ],
                "uncovered": [
                    {"line": s.line, "start": s.span.start, "end": s.span.end, "text": s.text}
                    for s in c.sentences
                    if not s.covered
                ],
                "excluded": [{"line": e.line, "text": e.text, "reason": e.reason} for e in c.excluded],
            }
            for c in coverages
        ],
    }
