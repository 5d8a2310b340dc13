"""What several rules ask of the links: which claims a link reaches, and who attacks whom."""

from __future__ import annotations

from argmap.anchor.resolve import Link, ResolvedMap


def undercut_chain(resolved: ResolvedMap, link: Link) -> list[Link]:
    """The links an undercut denies, nearest first, down to a support, example or attack.

    Empty when the chain breaks (an unknown link: AM313) or goes round (AM319).
    """
    chain: list[Link] = []
    seen = {id(link)}
    here = link
    while here.type == "undercut":
        hit = resolved.link_by_name(here.target)
        if hit is None or id(hit) in seen:
            return []
        chain.append(hit)
        seen.add(id(hit))
        here = hit
    return chain


def undercut_ends(resolved: ResolvedMap) -> dict[int, Link | None]:
    """For every undercut (by `id()`), the support, example or attack its chain ends at; None
    when the chain breaks or goes round. One pass over all chains: maps may nest deeply."""
    ends: dict[int, Link | None] = {}
    for link in resolved.links:
        if link.type != "undercut" or id(link) in ends:
            continue
        path: list[Link] = []
        on_path: set[int] = set()
        here: Link | None = link
        end: Link | None = None
        while here is not None:
            if id(here) in ends:
                end = ends[id(here)]
                break
            if here.type != "undercut":
                end = here
                break
            if id(here) in on_path:
                break  # a circle: nothing on it reaches a claim
            path.append(here)
            on_path.add(id(here))
            here = resolved.link_by_name(here.target)
        for member in path:
            ends[id(member)] = end
    return ends


def target_claim(resolved: ResolvedMap, link: Link, ends: dict[int, Link | None] | None = None) -> str | None:
    """The claim a link finally bears on: its target, or for an undercut (of undercuts) the
    target of the support, example or attack at the end of the chain. Pass `ends`
    (`undercut_ends`) when asking for many links."""
    if link.type != "undercut":
        return link.target if link.target in resolved.claims else None
    if ends is None:
        chain = undercut_chain(resolved, link)
        bottom = chain[-1] if chain else None
    else:
        bottom = ends.get(id(link))
    return bottom.target if bottom is not None and bottom.target in resolved.claims else None


def on_duplicate(resolved: ResolvedMap, link: Link) -> bool:
    """A link written on a second claim with a taken id (AM302): it is not the first claim's."""
    return link.written_on_claim and link.path[:2] != resolved.claim_paths.get(link.sources[0], link.path[:2])


def outgoing(resolved: ResolvedMap, claim_id: str) -> list[Link]:
    return resolved.outgoing.get(claim_id, [])


def attacked_claims(resolved: ResolvedMap, claim_id: str) -> list[str]:
    """Claims this claim argues against: attacked directly, or whose link it undercuts."""
    found = []
    for link in outgoing(resolved, claim_id):
        if link.type == "attack" and link.target in resolved.claims:
            found.append(link.target)
        elif link.type == "undercut":
            undercut = resolved.link_by_name(link.target)
            if undercut is not None:
                found.extend(s for s in undercut.sources if s in resolved.claims)
    return found
