"""What several rules ask of the links: which claims a link reaches, and who attacks whom."""

from __future__ import annotations

from argmap.anchor.resolve import Link, ResolvedMap


def target_claim(resolved: ResolvedMap, link: Link) -> str | None:
    """The claim a link finally bears on: its target, or for an undercut the undercut link's target."""
    if link.type != "undercut":
        return link.target if link.target in resolved.claims else None
    undercut = resolved.link_by_name(link.target)
    if undercut is None:
        return None
    return undercut.target if undercut.target in resolved.claims else None


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
