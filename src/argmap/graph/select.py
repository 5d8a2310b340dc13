"""Which claims a view shows: `--focus` (a neighbourhood), `--group` (groups and their way to the
thesis, with the additions that answer them), `--hide` (kinds and markers), checked against the
map with a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.graph.elements import DIRECTIONS, HIDEABLE, LABEL_MODES, GraphOptions


class SelectionError(ValueError):
    """A --focus, --group or --hide names something the map does not have; the message says what it has."""


def check_selection(resolved: ResolvedMap, options: GraphOptions) -> None:
    claims = resolved.claims
    for claim_id in options.focus:
        if claim_id not in claims:
            raise SelectionError(
                f"--focus: the map has no claim `{claim_id}`{did_you_mean(claim_id, claims)}; "
                f"its claims are {_listing(claims)}"
            )
    groups = resolved.model.groups
    labels = {group.label.casefold(): gid for gid, group in groups.items()}
    for group in options.groups:
        if group not in groups:
            hint = (
                f" (`{labels[group.casefold()]}` is the id of the group labelled so)"
                if group.casefold() in labels
                else did_you_mean(group, groups)
            )
            raise SelectionError(f"--group: the map has no group `{group}`{hint}; its groups are {_listing(groups)}")
    for kind in options.hide:
        if kind not in HIDEABLE:
            raise SelectionError(f"--hide: `{kind}` is not a kind; use one of {_listing(HIDEABLE)}")
    if options.labels not in LABEL_MODES:
        raise SelectionError(f"--labels: `{options.labels}` is not one of {_listing(LABEL_MODES)}")
    if options.direction not in DIRECTIONS:
        raise SelectionError(f"--direction: `{options.direction}` is not one of {_listing(DIRECTIONS)}")
    if options.depth < 0:
        raise SelectionError("--depth: must be 0 or more")


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = [k for k in known if k.casefold() == name.casefold()]  # a case slip first: it is what was meant
    if not close:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _listing(names: Iterable[str], limit: int = 40) -> str:
    names = list(names)
    shown = ", ".join(names[:limit]) + (f" … ({len(names)} in all)" if len(names) > limit else "")
    return shown or "(none)"


def _members(resolved: ResolvedMap, link: Link) -> set[str]:
    """The claims a link joins: its sources and target; for an undercut, those of the link it hits too."""
    found = set(link.sources)
    if link.type == "undercut":
        hit = resolved.link_by_name(link.target)
        if hit is not None:
            found |= set(hit.sources) | {hit.target}
    else:
        found.add(link.target)
    return found & set(resolved.claims)


def select_claims(resolved: ResolvedMap, links: list[Link], options: GraphOptions) -> set[str]:
    """The claims to draw: all, or the focus neighbourhood and/or the groups with their way to the thesis."""
    claims = resolved.claims
    if options.focus or options.groups:
        chosen: set[str] = set()
        if options.focus:
            chosen |= _neighbourhood(resolved, links, options.focus, options.depth)
        if options.groups:
            chosen |= _groups_to_thesis(resolved, links, options.groups)
        chosen = _complete_linked(resolved, links, chosen)
        if options.groups:
            chosen = _complete_linked(resolved, links, chosen | _answering_additions(resolved, links, chosen))
    else:
        chosen = set(claims)
    hidden = set(options.hide)
    return {c for c in chosen if not _hidden(resolved, c, hidden)}


def _hidden(resolved: ResolvedMap, claim_id: str, hidden: set[str]) -> bool:
    claim = resolved.claims[claim_id]
    return (
        claim.kind in hidden
        or ("implicit" in hidden and claim.implicit)
        or ("added" in hidden and claim.added_by is not None)
    )


def _neighbourhood(resolved: ResolvedMap, links: list[Link], focus: tuple[str, ...], depth: int) -> set[str]:
    """Claims at most `depth` links from a focus claim (a link joins all its members at distance 1)."""
    around: dict[str, set[str]] = {}
    for link in links:
        members = _members(resolved, link)
        for member in members:
            around.setdefault(member, set()).update(members - {member})
    reached = set(focus)
    frontier = set(focus)
    for _ in range(depth):
        frontier = {n for c in frontier for n in around.get(c, ())} - reached
        reached |= frontier
    return reached


def _groups_to_thesis(resolved: ResolvedMap, links: list[Link], groups: tuple[str, ...]) -> set[str]:
    """The groups' claims, plus every claim they lead to (following supports/attacks) up to the thesis."""
    claims = resolved.claims
    chosen = {c for c, claim in claims.items() if claim.group in groups}
    onward: dict[str, set[str]] = {}
    for link in links:
        if link.type == "undercut":
            hit = resolved.link_by_name(link.target)
            ahead = (set(hit.sources) | {hit.target}) if hit is not None else set()
        else:
            ahead = {link.target}
        for source in link.sources:
            onward.setdefault(source, set()).update(ahead & set(claims))
    frontier = set(chosen)
    while frontier:
        frontier = {n for c in frontier for n in onward.get(c, ())} - chosen
        chosen |= frontier
    return chosen


def _answering_additions(resolved: ResolvedMap, links: list[Link], chosen: set[str]) -> set[str]:
    """A student's added claims that argue with a chosen claim, and the added claims that argue with
    those (their evidence, their replies): a group view shows what the overlay says to the group."""
    onward: dict[str, set[str]] = {}
    for link in links:
        for source in link.sources:
            onward.setdefault(source, set()).update(_members(resolved, link) - set(link.sources))
    added = {c for c, claim in resolved.claims.items() if claim.added_by is not None and c not in chosen}
    found: set[str] = set()
    changed = True
    while changed:
        reached = {c for c in added - found if onward.get(c, set()) & (chosen | found)}
        changed = bool(reached)
        found |= reached
    return found


def _complete_linked(resolved: ResolvedMap, links: list[Link], chosen: set[str]) -> set[str]:
    """Linked co-premises stay together: a drawn linked relation brings all its premises."""
    chosen = set(chosen)
    claims = resolved.claims
    changed = True
    while changed:
        changed = False
        for link in links:
            if (
                link.type != "undercut"
                and len(link.sources) > 1
                and link.target in chosen
                and any(s in chosen for s in link.sources)
                and not (set(link.sources) & claims.keys()) <= chosen
            ):
                chosen |= set(link.sources) & claims.keys()
                changed = True
    return chosen
