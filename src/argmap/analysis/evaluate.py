"""What the argument comes to: every claim and relation labelled IN, OUT or UNDECIDED.

A resolved map becomes a `Framework` (`argmap.analysis.grounded`): each claim is an
argument, each relation a node of its own, attacks attack claims and undercuts attack
the relation they deny. Its grounded labelling is then read back in the map's terms:

* each claim's *support*: carried (a support into it is IN, so all its linked premises
  are IN and nothing undercuts it), undecided (none IN, one UNDECIDED), lost (none
  IN or UNDECIDED), or absent (nothing supports it);
* the thesis's *verdict* (docs/evaluation.md, "The verdict"): defeated when it is OUT,
  undecided when it is UNDECIDED or it is IN with its support undecided, standing when
  it is IN and carried, standing without support when it is IN and its support is lost
  or absent;
* the *unanswered objections*: claims of the other side (the opponent's, a student's)
  that are IN and whose attack on the author's case is IN, with what each one defeats.

The map enters only through `framework_of`; the rest works on the framework and labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from argmap.analysis.grounded import Framework, Label, Labelling, Relation, grounded
from argmap.anchor.resolve import Link, ResolvedMap
from argmap.check.sides import SUPPORTING
from argmap.check.sides import ClaimSide as Side
from argmap.check.sides import sides as claim_sides

Support = Literal["carried", "undecided", "lost", "absent"]
Verdict = Literal["standing", "standing without support", "defeated", "undecided"]
VERDICTS: tuple[str, ...] = ("standing", "standing without support", "defeated", "undecided")
_ARROW = re.compile(r"\s*->\s*")


@dataclass(frozen=True)
class RelationInfo:
    key: str  # the framework's id: `#N`, N the link's place in the map
    name: str  # how people name it: its `id:`, else `FROM -> TO`
    type: str
    sources: tuple[str, ...]
    target: str  # a claim id, or the name of the relation an undercut denies
    target_key: str | None  # the framework id of the target (None: names nothing known)


@dataclass(frozen=True)
class Unanswered:
    claim: str
    defeats: tuple[str, ...]  # claims and relation names it puts OUT


@dataclass
class Evaluation:
    claims: dict[str, str]  # id -> kind, in map order
    texts: dict[str, str]  # id -> the analyst's paraphrase
    added_by: dict[str, str]  # id -> who added it, for the claims not in the source
    sides: dict[str, Side]
    relations: list[RelationInfo]
    labelling: Labelling
    support: dict[str, Support]
    carried_by: dict[str, tuple[str, ...]]  # claim -> names of the IN supports into it
    thesis: str | None
    verdict: Verdict | None
    unanswered: list[Unanswered]
    rejected: tuple[str, ...]

    def label(self, node: str) -> Label:
        """The label of a claim id or a relation key."""
        return self.labelling[node]

    def relation(self, key: str) -> RelationInfo:
        return self._by_key[key]

    def find(self, name: str) -> str | None:
        """A claim id or relation key from what a user types: an id, a relation's id or `FROM -> TO`."""
        name = name.strip()
        if name in self.claims:
            return name
        spaced = _spaced(name)
        for info in self.relations:
            if name == info.name or spaced == _link_name(info.sources, info.target):
                return info.key
        return None

    def name(self, node: str) -> str:
        return self._by_key[node].name if node in self._by_key else node

    def __post_init__(self) -> None:
        self._by_key = {info.key: info for info in self.relations}


def _spaced(name: str) -> str:
    """A link's name with one space each side of its arrows (`E1->P1` is `E1 -> P1`); a claim id has none."""
    return _ARROW.sub(" -> ", name) if "->" in name else name


def _link_name(sources: Iterable[str], target: str) -> str:
    return f"{'+'.join(sources)} -> {_spaced(target)}"


def framework_of(resolved: ResolvedMap) -> tuple[Framework, list[RelationInfo]]:
    """The map as a framework: its claims, and its links as relations keyed `#1`, `#2`…"""
    links = resolved.links
    keys = [f"#{index + 1}" for index in range(len(links))]
    named: dict[str, str] = {}  # relation name -> key; the first link of a name counts
    for link, key in zip(links, keys, strict=True):
        for name in _names(link):
            named.setdefault(name, key)
    infos: list[RelationInfo] = []
    relations: list[Relation] = []
    for link, key in zip(links, keys, strict=True):
        target = named.get(_spaced(link.target.strip())) if link.type == "undercut" else link.target
        if target is not None and link.type != "undercut" and target not in resolved.claims:
            target = None
        infos.append(RelationInfo(key, link.id or link.name, link.type, link.sources, link.target, target))
        # A relation naming nothing known (AM301, AM313) is labelled OUT: it cannot act.
        relations.append(
            Relation(
                key,
                link.sources,
                target if target is not None else "",
                defeats=link.type not in SUPPORTING,
            )
        )
    return Framework(tuple(resolved.claims), tuple(relations)), infos


def _names(link: Link) -> list[str]:
    names = [_link_name(link.sources, link.target)]
    if link.id is not None:
        names.insert(0, link.id)
    return names


def evaluate(resolved: ResolvedMap, rejected: Iterable[str] = ()) -> Evaluation:
    framework, infos = framework_of(resolved)
    rejected = tuple(dict.fromkeys(r for r in rejected if r in resolved.claims))
    labelling = grounded(framework, rejected)
    kinds: dict[str, str] = {claim_id: claim.kind for claim_id, claim in resolved.claims.items()}
    sides = dict(claim_sides(resolved))
    support, carried_by = _support(kinds, infos, labelling)
    thesis = next((c for c, kind in kinds.items() if kind == "thesis"), None)
    verdict = _verdict(labelling[thesis], support[thesis]) if thesis is not None else None
    unanswered = _unanswered(kinds, sides, infos, labelling)
    texts = {claim_id: claim.text for claim_id, claim in resolved.claims.items()}
    added_by = {claim_id: claim.added_by for claim_id, claim in resolved.claims.items() if claim.added_by is not None}
    return Evaluation(
        kinds, texts, added_by, sides, infos, labelling, support, carried_by, thesis, verdict, unanswered, rejected
    )


def _support(
    kinds: dict[str, str], infos: list[RelationInfo], labelling: Labelling
) -> tuple[dict[str, Support], dict[str, tuple[str, ...]]]:
    into: dict[str, list[RelationInfo]] = {}
    for info in infos:
        if info.type in SUPPORTING and info.target_key is not None:
            into.setdefault(info.target_key, []).append(info)
    support: dict[str, Support] = {}
    carried_by: dict[str, tuple[str, ...]] = {}
    for claim_id in kinds:
        labels = [labelling[info.key] for info in into.get(claim_id, [])]
        carried_by[claim_id] = tuple(i.name for i in into.get(claim_id, []) if labelling[i.key] is Label.IN)
        if not labels:
            support[claim_id] = "absent"
        elif Label.IN in labels:
            support[claim_id] = "carried"
        elif Label.UNDECIDED in labels:
            support[claim_id] = "undecided"
        else:
            support[claim_id] = "lost"
    return support, carried_by


def _verdict(label: Label, support: Support) -> Verdict:
    if label is Label.OUT:
        return "defeated"
    if label is Label.UNDECIDED or support == "undecided":
        return "undecided"
    return "standing" if support == "carried" else "standing without support"


def _unanswered(
    kinds: dict[str, str], sides: dict[str, Side], infos: list[RelationInfo], labelling: Labelling
) -> list[Unanswered]:
    """Other-side claims that are IN and whose attack or undercut on the author's case is IN."""
    by_key = {info.key: info for info in infos}

    def authors(node: str) -> bool:
        if node in kinds:
            return sides[node] == "author"
        info = by_key.get(node)
        return info is not None and all(sides.get(s) == "author" for s in info.sources)

    defeats: dict[str, list[str]] = {}
    for info in infos:
        if info.type in SUPPORTING or info.target_key is None or labelling[info.key] is not Label.IN:
            continue
        if not authors(info.target_key):
            continue
        for source in info.sources:
            if sides.get(source) != "author" and labelling[source] is Label.IN:
                hit = info.target_key
                defeats.setdefault(source, []).append(by_key[hit].name if hit in by_key else hit)
    return [Unanswered(c, tuple(dict.fromkeys(defeats[c]))) for c in kinds if c in defeats]
