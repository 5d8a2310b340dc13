"""What several rules ask of the links: which claims a link reaches, and who attacks whom."""

from __future__ import annotations

from argmap.resolve import Link, ResolvedMap


def undercut_chain(resolved: ResolvedMap, link: Link) -> list[Link]:
    """The links an undercut denies, nearest first, down to a support, example or attack.

    Empty when the chain breaks (an unknown link: AM313) or goes round (AM319).
    """
    chain: list[Link] = []
    here = link
    while here.type == "undercut":
        hit = resolved.link_by_name(here.target)
        if hit is None or hit is link or any(hit is seen for seen in chain):
            return []
        chain.append(hit)
        here = hit
    return chain


def target_claim(resolved: ResolvedMap, link: Link) -> str | None:
    """The claim a link finally bears on: its target, or for an undercut (of undercuts) the
    target of the support, example or attack at the end of the chain."""
    if link.type != "undercut":
        return link.target if link.target in resolved.claims else None
    chain = undercut_chain(resolved, link)
    if not chain:
        return None
    return chain[-1].target if chain[-1].target in resolved.claims else None


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
