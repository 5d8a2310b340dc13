"""Grounded semantics for frameworks whose attacks may themselves be attacked.

A framework has *claims* (Dung's arguments) and *relations* from one or more claims
to a claim or to another relation. A relation that ``defeats`` (an attack, an
undercut) attacks its target; a support does not, but it is labelled all the same,
because an undercut can deny it and a claim's support depends on it.

The labelling is Caminada's grounded labelling of the flattened framework in which
every relation is an argument too (as in AFRA, Baroni et al. 2011): a relation is
attacked by the relations that attack one of its source claims and by those that
target it directly. Written claim by claim, the conditions are:

* a claim is IN when every relation attacking it is OUT, OUT when one is IN;
* a relation is IN when all its source claims are IN and every relation attacking
  it is OUT; OUT when one source claim is OUT or one relation attacking it is IN;
* whatever is neither is UNDECIDED.

They are solved by propagation from the unattacked nodes, each node and each edge
visited a bounded number of times: linear in the size of the framework.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Label(str, Enum):
    IN = "IN"
    OUT = "OUT"
    UNDECIDED = "UNDECIDED"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Relation:
    """From `sources` (claims, together) to `target` (a claim or a relation id)."""

    id: str
    sources: tuple[str, ...]
    target: str
    defeats: bool  # attacks and undercuts defeat their target; supports do not


@dataclass(frozen=True)
class Framework:
    """Claims and relations, ids unique across both. Relations naming unknown ids are ignored."""

    claims: tuple[str, ...]
    relations: tuple[Relation, ...]

    def __post_init__(self) -> None:
        ids = set(self.claims)
        if len(ids) != len(self.claims):
            raise ValueError("claim ids must be unique")
        for relation in self.relations:
            if relation.id in ids:
                raise ValueError(f"id `{relation.id}` is used twice")
            ids.add(relation.id)


@dataclass
class Labelling:
    """Labels of every claim and relation, and for each OUT node the attacker that first made it so."""

    labels: dict[str, Label]
    # node -> the relation whose IN label made it OUT, or (for a relation) its OUT source claim
    out_because: dict[str, str] = field(default_factory=dict)
    attackers: dict[str, list[str]] = field(default_factory=dict)  # node -> relations that attack it
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)  # relation -> its source claims

    def __getitem__(self, node: str) -> Label:
        return self.labels[node]


def _usable(framework: Framework) -> list[Relation]:
    """Relations whose sources are claims and whose target is a known node."""
    claims = set(framework.claims)
    nodes = claims | {r.id for r in framework.relations}
    return [r for r in framework.relations if r.sources and all(s in claims for s in r.sources) and r.target in nodes]


@dataclass
class _Index:
    """Who attacks each node, which relations each claim feeds, each relation's sources and target."""

    attackers: dict[str, list[str]]
    feeds: dict[str, list[str]]  # claim -> relations it is a source of
    sources: dict[str, tuple[str, ...]]
    target: dict[str, str]  # a defeating relation -> the node it defeats


def _index(framework: Framework) -> _Index:
    index = _Index(
        attackers={**{node: [] for node in framework.claims}, **{r.id: [] for r in framework.relations}},
        feeds={c: [] for c in framework.claims},
        sources={},
        target={},
    )
    for relation in _usable(framework):
        distinct = relation.sources if len(relation.sources) == 1 else tuple(dict.fromkeys(relation.sources))
        index.sources[relation.id] = distinct
        for source in distinct:
            index.feeds[source].append(relation.id)
        if relation.defeats:
            index.attackers[relation.target].append(relation.id)
            index.target[relation.id] = relation.target
    return index


class _Labeller:
    """Caminada's labelling by propagation: a node is IN once nothing keeps it out, OUT once an
    IN node defeats it (or a source of its relation is OUT); each node is settled once."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        # What still keeps a node from IN: attackers not yet OUT, and (a relation) sources not yet IN.
        self.waiting = {node: len(found) for node, found in index.attackers.items()}
        for relation_id, distinct in index.sources.items():
            self.waiting[relation_id] += len(distinct)
        self.labels: dict[str, Label] = {}
        self.out_because: dict[str, str] = {}
        self.queue: deque[str] = deque()

    def settle(self, node: str, label: Label, because: str | None = None) -> None:
        if node in self.labels:
            return
        self.labels[node] = label
        if because is not None:
            self.out_because[node] = because
        self.queue.append(node)

    def release(self, node: str) -> None:
        """One thing fewer keeps `node` from IN."""
        self.waiting[node] -= 1
        if self.waiting[node] == 0:
            self.settle(node, Label.IN)

    def run(self) -> None:
        for node, count in self.waiting.items():
            if count == 0:
                self.settle(node, Label.IN)
        while self.queue:
            node = self.queue.popleft()
            hit = self.index.target.get(node)
            if self.labels[node] is Label.IN:
                if hit is not None:
                    self.settle(hit, Label.OUT, node)
                for relation_id in self.index.feeds.get(node, ()):
                    self.release(relation_id)
            else:
                if hit is not None:
                    self.release(hit)
                for relation_id in self.index.feeds.get(node, ()):
                    self.settle(relation_id, Label.OUT, node)


def grounded(framework: Framework, rejected: Iterable[str] = ()) -> Labelling:
    """The grounded labelling; claims in `rejected` are taken as withdrawn (OUT, nothing can reinstate them)."""
    index = _index(framework)
    labeller = _Labeller(index)
    for node in rejected:
        if node in index.attackers:
            labeller.settle(node, Label.OUT, node)  # its own withdrawal is the reason
    for node in {r.id for r in framework.relations} - index.sources.keys():
        labeller.settle(node, Label.OUT, node)  # names something that is not there: it cannot act
    labeller.run()
    labels = labeller.labels
    for node in index.attackers:
        labels.setdefault(node, Label.UNDECIDED)
    return Labelling(labels, labeller.out_because, index.attackers, index.sources)
