"""Stage 2, resolve: sources read, every quote located in its source, relations made links.

The result, `ResolvedMap`, is what the structure checks, the graph and the
exports all read. Quote problems (AM2xx) are found here; nothing here judges the
argument's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.anchor.find import MAX_CANDIDATES, MAX_SELECTOR_CHARS, Match, SourceText, find_quote
from argmap.anchor.sources import DEFAULT_MAX_SOURCE_BYTES, LoadedSource, Shelf, read_source
from argmap.format.model import ArgumentMap, Claim, Quote
from argmap.format.problems import Position, Problem, Severity, problem
from argmap.format.vocabulary import RELATIONS
from argmap.load.overlay import Composed, Locator
from argmap.load.yaml_map import PathKey

LinkType = str  # a relation type of the vocabulary (argmap.format.vocabulary.RELATIONS)
# The keys a claim writes its relations with, and the type each gives.
CLAIM_RELATION_KEYS: tuple[tuple[str, LinkType], ...] = tuple((r.field, r.name) for r in RELATIONS)
_ARROW = re.compile(r"\s*->\s*")

# Closest-passage searches per map. Past this many quotes that are not found, a map most
# likely names the wrong source, and a suggestion each would make it far slower to check
# than a map whose quotes are found; the rest are reported without one.
MAX_SUGGESTIONS = 100


_QuoteKey = tuple[str, str, str | None, str | None, int | None, bool]


@dataclass
class _Budget:
    """Closest-passage searches a map may still spend (one map, one resolve), and the quotes
    already searched: a map that repeats a quote pays for it once."""

    left: int = MAX_SUGGESTIONS
    searched: dict[_QuoteKey, Match] = field(default_factory=dict)


@dataclass
class ResolvedQuote:
    """One quote of a claim (or an exclusion) and where it was found, if it was."""

    quote: Quote
    source_id: str
    path: PathKey  # where the quote is in the map file
    match: Match | None  # None when its source could not be read

    @property
    def found(self) -> bool:
        return self.match is not None and self.match.status in ("exact", "normalised")


@dataclass
class Link:
    """A support, example, attack or undercut from one or more claims to a claim or a link."""

    type: LinkType
    sources: tuple[str, ...]  # several: linked co-premises
    target: str  # a claim id, or (undercut) a link name or relation id
    path: PathKey  # where the relation is written
    id: str | None = None
    written_on_claim: bool = True

    @property
    def name(self) -> str:
        """How an undercut addresses this link: `E1 -> P1`, `P2+P3 -> T1`, `C1 -> P1 -> T1`
        (an undercut's target is itself a link name, written with any spacing round the arrows)."""
        return f"{'+'.join(self.sources)} -> {_ARROW.sub(' -> ', self.target)}"


@dataclass
class ResolvedMap:
    file: str  # the map named by the user, as shown in messages
    map_path: Path
    root: Path
    model: ArgumentMap
    locator: Locator  # where each part of the (possibly combined) map is written
    sources: dict[str, LoadedSource]
    quotes: dict[str, list[ResolvedQuote]]  # by claim id (first claim of an id only)
    exclusions: dict[str, list[ResolvedQuote]]  # by source id
    links: list[Link]
    claim_paths: dict[str, PathKey] = field(default_factory=dict)  # id -> ('claims', i)
    bases: tuple[Path, ...] = ()  # the maps an overlay extends
    # Indexes over the (immutable) model and links, built once: rules look things up per
    # claim and per link, and a scan each time made maps of thousands of claims quadratic.
    claims: dict[str, Claim] = field(init=False, repr=False)
    outgoing: dict[str, list[Link]] = field(init=False, repr=False)
    _link_names: dict[str, Link] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Claims by id; of two claims with one id the first counts (AM302 reports the second).
        self.claims = {}
        for claim in self.model.claims:
            self.claims.setdefault(claim.id, claim)
        self.outgoing = {}
        self._link_names = {}
        for link in self.links:
            for source in dict.fromkeys(link.sources):
                self.outgoing.setdefault(source, []).append(link)
            # Every link can be undercut, undercuts too ("of course …, but" answers an undercut).
            if link.id is not None:
                self._link_names.setdefault(link.id, link)
            self._link_names.setdefault(link.name, link)

    @property
    def inputs(self) -> dict[Path, str]:
        """Every file this map was read from, with what it is to the map: no output may replace one."""
        found = {self.map_path: "the map"}
        found.update(dict.fromkeys(self.bases, "a base map it extends"))
        found.update({loaded.file: "a source it quotes" for loaded in self.sources.values()})
        return found

    def at(self, path: PathKey) -> Position:
        return self.locator.locate(path)[1]

    def locate(self, path: PathKey) -> tuple[str, Position]:
        return self.locator.locate(path)

    def problem(
        self, path: PathKey, code: str, message: str, hint: str | None = None, severity: Severity = Severity.ERROR
    ) -> Problem:
        """A problem at `path`, in whichever file (map or base) that part was written."""
        file, at = self.locator.locate(path)
        return problem(file, at, code, message, hint, severity)

    def link_by_name(self, name: str) -> Link | None:
        """A link by relation id, or by `FROM -> TO` (spaces around the arrow optional)."""
        name = name.strip()
        return self._link_names.get(name) or self._link_names.get(_ARROW.sub(" -> ", name))


def resolve(
    composed: Composed,
    file: str,
    map_path: Path,
    root: Path,
    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES,
) -> tuple[ResolvedMap, list[Problem]]:
    problems: list[Problem] = []
    model, locator = composed.model, composed.locator
    source_maps = composed.source_maps or [map_path] * len(model.sources)
    sources = _read_sources(model, locator, source_maps, root, max_source_bytes, problems)
    resolved = ResolvedMap(file, map_path, root, model, locator, sources, {}, {}, _links(model), bases=composed.bases)
    default_source = model.sources[0].id if model.sources else ""
    budget = _Budget()
    for index, claim in enumerate(model.claims):
        resolved.claim_paths.setdefault(claim.id, ("claims", index))
        if claim.id in resolved.quotes:
            continue  # a duplicate id: AM302 reports it
        quotes = []
        for q_index, quote in enumerate(claim.quotes):
            path: PathKey = ("claims", index, "quotes" if locator.has(("claims", index, "quotes")) else "quote")
            if len(claim.quotes) > 1 or locator.has((*path, 0)):
                path = (*path, q_index)
            source_id = quote.source or claim.source or default_source
            quotes.append(_anchor(resolved, quote, source_id, path, problems, budget))
        resolved.quotes[claim.id] = quotes
    for s_index, source in enumerate(model.sources):
        for e_index, exclusion in enumerate(source.exclude):
            path = ("sources", s_index, "exclude", e_index, "quote")
            entry = _anchor(resolved, exclusion.quote, exclusion.quote.source or source.id, path, problems, budget)
            resolved.exclusions.setdefault(source.id, []).append(entry)
    return resolved, problems


def _read_sources(
    model: ArgumentMap,
    locator: Locator,
    source_maps: list[Path],
    root: Path,
    max_bytes: int,
    problems: list[Problem],
) -> dict[str, LoadedSource]:
    sources: dict[str, LoadedSource] = {}
    shelf = Shelf(max_bytes)
    for index, (source, map_file) in enumerate(zip(model.sources, source_maps, strict=False)):
        if source.id in sources:
            file, at = locator.locate(("sources", index, "id"))
            problems.append(
                problem(
                    file,
                    at,
                    "AM211",
                    f"two sources have the id `{source.id}`",
                    "give each source its own id; quotes name sources by id",
                )
            )
            continue
        loaded, found = read_source(
            source,
            map_file,
            root,
            at=locator.locate(("sources", index, "path"))[1],
            pin_at=locator.locate(("sources", index, "sha256"))[1],
            max_bytes=max_bytes,
            shelf=shelf,
        )
        sources[source.id] = loaded
        problems.extend(found)
    return sources


def _anchor(
    resolved: ResolvedMap, quote: Quote, source_id: str, path: PathKey, problems: list[Problem], budget: _Budget
) -> ResolvedQuote:
    file, at = resolved.locate((*path, "exact") if resolved.locator.has((*path, "exact")) else path)
    loaded = resolved.sources.get(source_id)
    if loaded is None:
        known = ", ".join(f"`{s}`" for s in resolved.sources) or "none"
        problems.append(
            problem(
                file,
                at,
                "AM205",
                f"the quote names source `{source_id}`, which the map does not declare",
                f"sources declared in this map: {known}",
            )
        )
        return ResolvedQuote(quote, source_id, path, None)
    if loaded.text is None:
        return ResolvedQuote(quote, source_id, path, None)  # the source's own problem is reported once
    too_long = _long_selector(resolved, quote, path)
    if too_long is not None:
        problems.append(too_long)
        return ResolvedQuote(quote, source_id, path, None)
    suggest = budget.left > 0
    key = (source_id, quote.exact, quote.prefix, quote.suffix, quote.occurrence, suggest)
    match = budget.searched.get(key)
    if match is None:
        match = find_quote(
            loaded.text,
            quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            occurrence=quote.occurrence,
            suggest=suggest,
        )
        budget.searched[key] = match
        if match.status == "not_found" and suggest:
            budget.left -= 1
    found = _quote_problem(file, at, quote, source_id, loaded.text, match, searched=suggest)
    if found is not None:
        problems.append(found)
    return ResolvedQuote(quote, source_id, path, match)


def _long_selector(resolved: ResolvedMap, quote: Quote, path: PathKey) -> Problem | None:
    """A prefix or suffix too long to compare: refused before any search, at its own line."""
    for name, value in (("prefix", quote.prefix), ("suffix", quote.suffix)):
        if value is not None and len(value) > MAX_SELECTOR_CHARS:
            return resolved.problem(
                (*path, name),
                "AM212",
                f"the quote's `{name}:` is {len(value):,} characters long; argmap compares at most "
                f"{MAX_SELECTOR_CHARS:,}",
                f"a {name} needs only the few words just {'before' if name == 'prefix' else 'after'} the quote",
            )
    return None


def _quote_problem(
    file: str, at: Position, quote: Quote, source_id: str, text: SourceText, match: Match, searched: bool = True
) -> Problem | None:
    def where(start: int) -> str:
        line, column = text.line_col(start)
        return f"{line}:{column}"

    if match.status == "exact":
        return None
    if match.status == "normalised":
        span = match.span
        assert span is not None
        exact = " ... ".join(text.text[s.start : s.end] for s in match.spans)
        return problem(
            file,
            at,
            "AM207",
            f"the quote matches source `{source_id}` at {where(span.start)} only after ignoring "
            f"{_differences(quote.exact, exact)}",
            f"paste the source's exact text: {_yaml_string(exact)}",
            Severity.WARNING,
        )
    if match.capped:
        places = ", ".join(where(c.start) for c in match.candidates[:8])
        return problem(
            file,
            at,
            "AM208",
            f"the quote occurs more than {MAX_CANDIDATES:,} times in source `{source_id}` (at {places} and more)",
            "quote more of the author's words: a passage this common cannot be picked by prefix, suffix or occurrence",
        )
    if match.status in ("ambiguous", "selector_miss"):
        places = ", ".join(where(c.start) for c in match.candidates[:8])
        more = f" and {len(match.candidates) - 8} more" if len(match.candidates) > 8 else ""
        if match.status == "ambiguous":
            return problem(
                file,
                at,
                "AM208",
                f"the quote occurs {len(match.candidates)} times in source `{source_id}` (at {places}{more})",
                "make it longer until it is unique, or pick one with `occurrence: N`, `prefix:` or `suffix:`",
            )
        return problem(
            file,
            at,
            "AM209",
            f"the quote occurs {len(match.candidates)} times in source `{source_id}` (at {places}{more}), "
            f"but {_selector_words(quote)} picks none of them",
            "check prefix/suffix against the source's words just before/after the quote, "
            "or use `occurrence:` from 1 to " + str(len(match.candidates)),
        )
    suggestion = match.suggestion
    if suggestion is None and not searched:
        return problem(
            file,
            at,
            "AM206",
            f"the quote is not in source `{source_id}` (no closest passage searched: more than "
            f"{MAX_SUGGESTIONS} quotes of this map are not found)",
            "so many missing quotes usually mean the source is the wrong text: check its `path:`",
        )
    if suggestion is None:
        return problem(
            file,
            at,
            "AM206",
            f"the quote is not in source `{source_id}`, and no passage of it is close",
            "quote the author's exact words, copied from the source; "
            "if this is your own point, put it in `text:` and mark the claim `added_by:` (or `implicit: true`)",
        )
    lead = "did you mean" if suggestion.score >= 90 else "the closest passage is"
    return problem(
        file,
        at,
        "AM206",
        f"the quote is not in source `{source_id}`; {lead} the passage at {where(suggestion.span.start)}: "
        f"{_yaml_string(suggestion.text)}",
        f"change: {suggestion.diff}",
    )


def _selector_words(quote: Quote) -> str:
    chosen = [
        f"{name} {value!r}"
        for name, value in (("prefix", quote.prefix), ("suffix", quote.suffix), ("occurrence", quote.occurrence))
        if value is not None
    ]
    return " with ".join(chosen) or "the selector"


_KINDS_OF_DIFFERENCE = (
    (("\u2018", "\u2019", "\u201c", "\u201d", "'", '"'), "curly quote marks"),
    (("\u00a0",), "no-break spaces"),
    (("\u2013", "\u2014", "\u2012", "\u2010", "\u2011", "\u2212"), "dashes"),
    (("\n", "\r", "\t"), "line breaks"),
)


def _differences(typed: str, exact: str) -> str:
    """Name what normalisation had to ignore, so the student learns what to look for."""
    found = [label for chars, label in _KINDS_OF_DIFFERENCE if any((c in exact) != (c in typed) for c in chars)]
    if _plain(typed) != _plain(exact) and _plain(typed).lower() == _plain(exact).lower():
        found.append("case")
    return ", ".join(found) or "spacing"


def _plain(text: str) -> str:
    for chars, _ in _KINDS_OF_DIFFERENCE:
        for char in chars:
            text = text.replace(char, " " if char.isspace() else "'")
    return " ".join(text.split())


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string a student can paste as is."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    escaped = escaped.replace("\u00a0", "\\u00a0")  # invisible on screen; spelled out so it survives the paste
    return f'"{escaped}"'


def _links(model: ArgumentMap) -> list[Link]:
    links: list[Link] = []
    for index, claim in enumerate(model.claims):
        for key, type_ in CLAIM_RELATION_KEYS:
            targets: list[str] = getattr(claim, key)
            for t_index, target in enumerate(targets):
                path: PathKey = ("claims", index, key, t_index) if len(targets) > 1 else ("claims", index, key)
                links.append(Link(type_, (claim.id,), target.strip(), path))
    for index, relation in enumerate(model.relations):
        links.append(
            Link(
                relation.type,
                tuple(relation.from_),
                relation.to.strip(),
                ("relations", index),
                relation.id,
                written_on_claim=False,
            )
        )
    return links
