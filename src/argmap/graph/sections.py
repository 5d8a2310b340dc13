"""How a deck divides a map: its sections, in the map's order.

A map with groups is divided by them. A map without groups is divided by the thesis's
direct reasons: each reason with everything that argues for or against it. A claim that
is in no group (a student's added objection, say) goes with the claim it answers, so an
overlay's additions appear on the slides of the groups they argue with. What is left
(claims that lead nowhere) forms a last section, "Other claims".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.anchor.resolve import Link, ResolvedMap

OTHER = "_other"


@dataclass(frozen=True)
class Section:
    id: str  # a group id, or the id of the thesis's reason it is built around, or OTHER
    label: str
    claims: tuple[str, ...]  # in the map's order; never the thesis unless it is the only place for it


def thesis_of(resolved: ResolvedMap) -> str | None:
    return next((c.id for c in resolved.claims.values() if c.kind == "thesis"), None)


def targets(resolved: ResolvedMap, link: Link) -> tuple[str, ...]:
    """The claims a link argues about: its target, or for an undercut the claim of the link it hits."""
    if link.type == "undercut":
        hit = resolved.link_by_name(link.target)
        return (hit.target,) if hit is not None and hit.target in resolved.claims else ()
    return (link.target,) if link.target in resolved.claims else ()


def _answers(resolved: ResolvedMap) -> dict[str, list[str]]:
    """claim -> the claims it supports, attacks or undercuts, in the map's order."""
    onward: dict[str, list[str]] = {}
    for link in resolved.links:
        for source in link.sources:
            for target in targets(resolved, link):
                if source != target and target not in onward.setdefault(source, []):
                    onward[source].append(target)
    return onward


def _reasons(resolved: ResolvedMap) -> dict[str, list[str]]:
    """claim -> the claims that support, attack or undercut it."""
    below: dict[str, list[str]] = {}
    for source, answered in _answers(resolved).items():
        for target in answered:
            below.setdefault(target, []).append(source)
    return below


def sections(resolved: ResolvedMap) -> list[Section]:
    thesis = thesis_of(resolved)
    home: dict[str, str] = {}  # claim -> section id
    labels: dict[str, str] = {}
    groups = resolved.model.groups
    if groups:
        for entry in resolved.claims.values():
            # a student's added claim goes where the claim it answers is (below), not to a group of its own
            if entry.group in groups and entry.id != thesis and entry.added_by is None:
                home[entry.id] = entry.group
        labels = {gid: group.label for gid, group in groups.items()}
    elif thesis is not None:
        below = _reasons(resolved)
        for reason in below.get(thesis, []):
            if reason in home:
                continue
            home[reason] = reason
            labels[reason] = f"{reason}: {resolved.claims[reason].text}"
            for claim in _descendants(below, reason, {thesis}):
                home.setdefault(claim, reason)
    _attach_loose(resolved, home, thesis)
    for entry in resolved.claims.values():
        if entry.id not in home and entry.id != thesis:
            home[entry.id] = entry.group if entry.group in groups and entry.group is not None else OTHER
    order = list(labels)
    found: list[Section] = []
    for section_id in [*order, OTHER]:
        members = tuple(c for c in resolved.claims if home.get(c) == section_id)
        if members:
            found.append(Section(section_id, labels.get(section_id, "Other claims"), members))
    return found


def _descendants(below: dict[str, list[str]], start: str, stop: set[str]) -> list[str]:
    seen: list[str] = []
    todo = [start]
    while todo:
        current = todo.pop(0)
        for reason in below.get(current, []):
            if reason not in seen and reason not in stop and reason != start:
                seen.append(reason)
                todo.append(reason)
    return seen


def _attach_loose(resolved: ResolvedMap, home: dict[str, str], thesis: str | None) -> None:
    """A claim in no section joins the section of the first claim it answers (transitively)."""
    onward = _answers(resolved)
    changed = True
    while changed:
        changed = False
        for claim in resolved.claims:
            if claim in home or claim == thesis:
                continue
            placed = next((home[t] for t in onward.get(claim, []) if t in home), None)
            if placed is not None:
                home[claim] = placed
                changed = True


def reading_blocks(resolved: ResolvedMap, claims: Iterable[str]) -> list[list[str]]:
    """The section's claims top-down, one block per claim the section argues toward: that claim,
    then its reasons depth first, so a slice of a block keeps a claim with the reasons under it."""
    members = list(claims)
    inside = set(members)
    below = _reasons(resolved)
    onward = _answers(resolved)
    tops = [c for c in members if not any(t in inside for t in onward.get(c, []))]
    blocks: list[list[str]] = []
    seen: set[str] = set()
    for top in tops:
        ordered: list[str] = []  # depth first, iteratively: a long chain of reasons must not exhaust the stack
        stack = [top]
        while stack:
            claim = stack.pop()
            if claim in seen:
                continue
            seen.add(claim)
            ordered.append(claim)
            stack.extend(reversed([r for r in below.get(claim, []) if r in inside and r not in seen]))
        if ordered:
            blocks.append(ordered)
    rest = [c for c in members if c not in seen]  # a cycle inside the section
    return [*blocks, rest] if rest else blocks
