"""`argmap diff`: what changed between two maps — claims, relations, sources, groups.

`compare(old, new)` takes two `ResolvedMap`s and returns a `MapDiff`: claims matched
by id, relations by name (`FROM -> TO`), sources and groups by id. Writers turn it
into text (`format_text`, for people and CI logs), JSON (`format_json`, documented
in docs/diff.md, ``"argmap_diff": 1``) and a diagram of the new map with the changes
marked (`diff_graph`, a post-processed `argmap.graph.build.Graph`).

Decisions (docs/diff.md says the same for users):

* A claim is *changed* when any of kind, text, quotes, voice, basis, implicit,
  added_by, group or note differ. Quotes compare as a list of (source, exact words,
  resolved span): a quote that now points elsewhere in the source is a change even
  when its words are the same. A claim's relations are not claim fields: they are
  compared as relations.
* Relations are matched by name (`FROM -> TO`, co-premises joined by `+`). When the
  same name has another type (a support became an attack), the relation is *changed*
  (field `type`), not removed and added: the student kept the link and changed its
  meaning. A relation's `id` and `note` are compared too; where it is written (on the
  claim or under `relations:`) is not.
* Sources compare their metadata, the file they resolve to and its content (sha256),
  and their excluded passages; the `path` text alone may differ between two map files
  in different folders that name the same file.

Everything is in map order (added and changed in the new map's order, removed in the
old map's), so the same two maps give the same bytes in every format.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.writers.export_json import export_dict

DIFF_VERSION = 1
CLAIM_FIELDS: tuple[str, ...] = ("kind", "text", "quotes", "voice", "basis", "implicit", "added_by", "group", "note")
RELATION_FIELDS: tuple[str, ...] = ("type", "id", "note")
SOURCE_FIELDS: tuple[str, ...] = (
    "path",
    "title",
    "author",
    "role",
    "date",
    "section",
    "url",
    "publisher",
    "content",
    "excluded",
)
GROUP_FIELDS: tuple[str, ...] = ("label", "note")
MAP_FIELDS: tuple[str, ...] = ("title", "description")
_VERBS = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Changed:
    key: str  # claim id, relation name, source id, group id
    changes: tuple[FieldChange, ...]
    entry: dict[str, Any]  # the new map's entry (export form)


@dataclass
class Section:
    """Added, removed and changed entries of one kind (claims, relations, sources, groups)."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed)}


@dataclass
class MapDiff:
    old_file: str
    new_file: str
    map_changes: tuple[FieldChange, ...] = ()
    claims: Section = field(default_factory=Section)
    relations: Section = field(default_factory=Section)
    sources: Section = field(default_factory=Section)
    groups: Section = field(default_factory=Section)
    # For the diagram: which links of each map are added/changed/removed (by position in `links`).
    new_link_status: dict[int, str] = field(default_factory=dict)
    old_link_status: dict[int, str] = field(default_factory=dict)
    old_relation_types: dict[int, str] = field(default_factory=dict)  # new link index -> old type, when changed
    link_matches: dict[int, int] = field(default_factory=dict)  # old link index -> new link index

    @property
    def same(self) -> bool:
        return not (self.map_changes or self.claims or self.relations or self.sources or self.groups)


# --- comparing -------------------------------------------------------------------------------------


def compare(old: ResolvedMap, new: ResolvedMap) -> MapDiff:
    old_doc, new_doc = export_dict(old), export_dict(new)
    result = MapDiff(old.file, new.file)
    result.map_changes = tuple(FieldChange(k, old_doc[k], new_doc[k]) for k in MAP_FIELDS if old_doc[k] != new_doc[k])
    result.claims = _by_key(_claims(old_doc), _claims(new_doc), CLAIM_FIELDS, "id")
    result.sources = _by_key(_sources(old, old_doc), _sources(new, new_doc), SOURCE_FIELDS, "id")
    result.groups = _by_key(new_entries=_groups(new_doc), old_entries=_groups(old_doc), fields=GROUP_FIELDS, key="id")
    _relations(old, new, old_doc, new_doc, result)
    return result


def _claims(document: dict[str, Any]) -> list[dict[str, Any]]:
    claims = []
    for claim in document["claims"]:
        entry = {key: claim.get(key) for key in ("id", *CLAIM_FIELDS) if key != "quotes"}
        entry["line"] = claim["line"]
        entry["quotes"] = [_quote(q) for q in claim["quotes"]]
        claims.append(entry)
    return claims


def _quote(quote: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": quote["source"],
        "exact": quote["exact"],
        "status": quote["status"],
        "start": quote["start"],
        "end": quote["end"],
        "line": quote["line"],
        "column": quote["column"],
        "text": quote["text"],
    }


def _comparable(key: str, value: Any) -> Any:
    """What counts for equality: a quote's words and span, not its line/column (they follow from the span)."""
    if key == "quotes":
        return [(q["source"], q["exact"], q["status"], q["start"], q["end"]) for q in value]
    if key == "content":
        return value["sha256"] if value is not None else None
    return value


def _sources(resolved: ResolvedMap, document: dict[str, Any]) -> list[dict[str, Any]]:
    entries = []
    for source in document["sources"]:
        loaded = resolved.sources.get(source["id"])
        entry = {key: source.get(key) for key in ("id", *SOURCE_FIELDS) if key not in ("content", "excluded")}
        entry["content"] = {"sha256": source.get("sha256"), "characters": source.get("characters")}
        entry["excluded"] = [{"exact": e["exact"], "reason": e["reason"]} for e in source.get("excluded", [])]
        entry["_file"] = str(loaded.file.resolve()) if loaded is not None else None
        entries.append(entry)
    return entries


def _groups(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": g["id"], "label": g["label"], "note": g.get("note")} for g in document["groups"]]


def _by_key(
    old_entries: list[dict[str, Any]], new_entries: list[dict[str, Any]], fields: tuple[str, ...], key: str
) -> Section:
    section = Section()
    old_by: dict[str, dict[str, Any]] = {}
    for entry in old_entries:
        old_by.setdefault(entry[key], entry)
    new_keys = {entry[key] for entry in new_entries}
    seen: set[str] = set()
    for entry in new_entries:
        if entry[key] in seen:
            continue
        seen.add(entry[key])
        before = old_by.get(entry[key])
        if before is None:
            section.added.append(_public(entry))
            continue
        changes = []
        for name in fields:
            if name == "path" and before.get("_file") is not None and before.get("_file") == entry.get("_file"):
                continue  # the same file, named from another folder
            if _comparable(name, before.get(name)) != _comparable(name, entry.get(name)):
                changes.append(FieldChange(name, before.get(name), entry.get(name)))
        if changes:
            section.changed.append(Changed(entry[key], tuple(changes), _public(entry)))
    section.removed = [_public(e) for k, e in old_by.items() if k not in new_keys]
    return section


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if not k.startswith("_")}


def _link_entry(resolved: ResolvedMap, link: Link) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": link.name,
        "type": link.type,
        "from": list(link.sources),
        "to": link.target,
        "id": link.id,
        "note": _relation_note(resolved, link),
    }
    return entry


def _relation_note(resolved: ResolvedMap, link: Link) -> str | None:
    if link.written_on_claim or len(link.path) < 2:
        return None
    index = link.path[1]
    relations = resolved.model.relations
    return relations[index].note if isinstance(index, int) and 0 <= index < len(relations) else None


def _relations(
    old: ResolvedMap, new: ResolvedMap, old_doc: dict[str, Any], new_doc: dict[str, Any], result: MapDiff
) -> None:
    """Match links by name; of several with one name, same types pair first, then in order."""
    section = Section()
    old_by_name: dict[str, list[int]] = {}
    for index, link in enumerate(old.links):
        old_by_name.setdefault(link.name, []).append(index)
    matched: dict[int, int] = {}  # new index -> old index
    used: set[int] = set()
    for index, link in enumerate(new.links):  # first pass: same name and type
        for candidate in old_by_name.get(link.name, []):
            if candidate not in used and old.links[candidate].type == link.type:
                matched[index] = candidate
                used.add(candidate)
                break
    for index, link in enumerate(new.links):  # second pass: same name, another type
        if index in matched:
            continue
        for candidate in old_by_name.get(link.name, []):
            if candidate not in used:
                matched[index] = candidate
                used.add(candidate)
                break
    result.link_matches = {old_index: new_index for new_index, old_index in matched.items()}
    for index, link in enumerate(new.links):
        entry = _link_entry(new, link)
        if index not in matched:
            section.added.append(entry)
            result.new_link_status[index] = "added"
            continue
        before = _link_entry(old, old.links[matched[index]])
        changes = tuple(FieldChange(f, before[f], entry[f]) for f in RELATION_FIELDS if before[f] != entry[f])
        if changes:
            section.changed.append(Changed(link.name, changes, entry))
            result.new_link_status[index] = "changed"
            if before["type"] != entry["type"]:
                result.old_relation_types[index] = before["type"]
    for index, link in enumerate(old.links):
        if index not in used:
            section.removed.append(_link_entry(old, link))
            result.old_link_status[index] = "removed"
    result.relations = section


# --- text ------------------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A string in double quotes, with quotes, backslashes and line breaks escaped: one line, unambiguous."""
    return json.dumps(text, ensure_ascii=False)


def _value(name: str, value: Any) -> str:
    if value is None:
        return "(none)"
    if name == "quotes":
        return " + ".join(_quote_text(q) for q in value) if value else "(no quote)"
    if name == "excluded":
        return " + ".join(_q(e["exact"]) for e in value) if value else "(none)"
    if name == "content":
        return (
            f"sha256 {str(value['sha256'])[:12]}…, {value['characters']} characters"
            if value.get("sha256")
            else "(unreadable)"
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in ("text", "note", "title", "description", "label", "added_by", "voice"):
        return _q(str(value))
    return str(value)


def _quote_text(quote: dict[str, Any]) -> str:
    if quote["start"] is None:
        return f"{_q(quote['exact'])} ({quote['source']}: {quote['status'].replace('_', ' ')})"
    return f"{_q(quote['exact'])} ({quote['source']} {quote['line']}:{quote['column']})"


def _claim_line(mark: str, claim: dict[str, Any], relations: Iterable[dict[str, Any]]) -> str:
    kind = ("implicit " if claim.get("implicit") else "") + str(claim["kind"])
    if claim.get("basis"):
        kind += f" · {claim['basis']}"
    extra = []
    if claim.get("added_by"):
        extra.append(f"added by {claim['added_by']}")
    if claim.get("voice"):
        extra.append(f"voice: {claim['voice']}")
    words = f"{mark} {claim['id']} {kind}" + (f" ({'; '.join(extra)})" if extra else "") + f": {_q(claim['text'])}"
    links = [f"{_VERBS[r['type']]} {r['to']}" for r in relations if claim["id"] in r["from"]]
    if links:
        words += " " + ", ".join(links)
    return words


def _relation_line(mark: str, relation: dict[str, Any]) -> str:
    named = f" ({relation['id']})" if relation.get("id") else ""
    return f"{mark} {relation['name']} {relation['type']}{named}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(diff: MapDiff) -> str:
    """`2 claims added, 1 changed, 0 removed; 3 relations added, 0 changed, 1 removed` (+ sources, groups)."""
    if diff.same:
        return "no differences"
    parts = []
    for name, section, always in (
        ("claim", diff.claims, True),
        ("relation", diff.relations, True),
        ("source", diff.sources, False),
        ("group", diff.groups, False),
    ):
        if always or section:
            counts = section.counts()
            parts.append(
                f"{_plural(counts['added'], name)} added, {counts['changed']} changed, {counts['removed']} removed"
            )
    if diff.map_changes:
        parts.append("map " + ", ".join(c.field for c in diff.map_changes) + " changed")
    return "; ".join(parts)


def format_text(diff: MapDiff) -> str:
    out = [f"--- {diff.old_file}", f"+++ {diff.new_file}"]
    if diff.map_changes:
        out.append("map:")
        out += [f"~ {c.field}: {_value(c.field, c.old)} -> {_value(c.field, c.new)}" for c in diff.map_changes]
    if diff.claims:
        out.append("claims:")
        out += [_claim_line("+", c, diff.relations.added) for c in diff.claims.added]
        out += [_claim_line("-", c, diff.relations.removed) for c in diff.claims.removed]
        for changed in diff.claims.changed:
            out += [
                f"~ {changed.key} {c.field}: {_value(c.field, c.old)} -> {_value(c.field, c.new)}"
                for c in changed.changes
            ]
    if diff.relations:
        out.append("relations:")
        out += [_relation_line("+", r) for r in diff.relations.added]
        out += [_relation_line("-", r) for r in diff.relations.removed]
        for changed in diff.relations.changed:
            out += [
                f"~ {changed.key} {c.field}: {_value(c.field, c.old)} -> {_value(c.field, c.new)}"
                for c in changed.changes
            ]
    for title, section in (("sources", diff.sources), ("groups", diff.groups)):
        if not section:
            continue
        out.append(f"{title}:")
        out += [
            f"+ {e['id']}" + (f": {_q(e['label'])}" if "label" in e else f" {e.get('path')}") for e in section.added
        ]
        out += [
            f"- {e['id']}" + (f": {_q(e['label'])}" if "label" in e else f" {e.get('path')}") for e in section.removed
        ]
        for changed in section.changed:
            out += [
                f"~ {changed.key} {c.field}: {_value(c.field, c.old)} -> {_value(c.field, c.new)}"
                for c in changed.changes
            ]
    out.append(summary(diff))
    return "\n".join(out) + "\n"


# --- JSON ------------------------------------------------------------------------------------------


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "added": section.added,
        "removed": section.removed,
        "changed": [
            {"key": c.key, "fields": {f.field: {"old": f.old, "new": f.new} for f in c.changes}, "entry": c.entry}
            for c in section.changed
        ],
    }


def diff_dict(diff: MapDiff) -> dict[str, Any]:
    return {
        "argmap_diff": DIFF_VERSION,
        "old": diff.old_file,
        "new": diff.new_file,
        "same": diff.same,
        "summary": {
            "claims": diff.claims.counts(),
            "relations": diff.relations.counts(),
            "sources": diff.sources.counts(),
            "groups": diff.groups.counts(),
            "text": summary(diff),
        },
        "map": {c.field: {"old": c.old, "new": c.new} for c in diff.map_changes},
        "claims": _section_dict(diff.claims),
        "relations": _section_dict(diff.relations),
        "sources": _section_dict(diff.sources),
        "groups": _section_dict(diff.groups),
    }


def format_json(diff: MapDiff) -> str:
    return json.dumps(diff_dict(diff), indent=2, ensure_ascii=False) + "\n"


# --- the diagram -----------------------------------------------------------------------------------

# Drawn on top of a claim's own look (argmap.graph.build.NODE_STYLES): the kind stays readable from the
# header; the border and a first line say what changed. Colours outside the kinds' palette.
DIFF_ADDED: dict[str, str] = {"color": "#1A9641", "penwidth": "5"}
DIFF_CHANGED: dict[str, str] = {"color": "#F28E2B", "penwidth": "5"}
DIFF_REMOVED: dict[str, str] = {"color": "#9A9A9A", "fontcolor": "#8A8A8A", "fillcolor": "#F4F4F4", "penwidth": "1.5"}
DIFF_EDGE_ADDED: dict[str, str] = {"penwidth": "5"}
DIFF_EDGE_CHANGED: dict[str, str] = {"penwidth": "5", "color": "#F28E2B"}
DIFF_EDGE_REMOVED: dict[str, str] = {"color": "#9A9A9A", "style": "dashed", "penwidth": "1.5"}
CLASSES = {"added": "diff-added", "changed": "diff-changed", "removed": "diff-removed"}


def diff_graph(diff: MapDiff, old: ResolvedMap, new: ResolvedMap) -> Any:
    """The new map's diagram with added claims and links in thick green, changed in orange, and
    the removed ones from the old map drawn in dashed grey; classes `diff-added`, `diff-changed`,
    `diff-removed` on their SVG elements. Returns an `argmap.graph.build.Graph`."""
    from argmap.graph.build import WRAP_TITLE, Edge, Graph, Line, Node, Run, build_graph
    from argmap.graph.text import wrap

    new_graph = build_graph(new)
    old_graph = build_graph(old)
    changed_claims = {c.key: c for c in diff.claims.changed}
    added_claims = {c["id"] for c in diff.claims.added}
    removed_claims = [c["id"] for c in diff.claims.removed]

    def marked(node: Node, status: str, note: str, style: dict[str, str]) -> Node:
        attrs = {**node.attrs, **style}
        if status == "removed":
            attrs["style"] = ",".join(s for s in (*attrs.get("style", "").split(","), "dashed") if s and s != "bold")
            attrs.pop("peripheries", None)
        header: Line = (Run(note, "added"),)
        return dataclasses.replace(
            node,
            attrs=attrs,
            lines=(header, *node.lines),
            tooltip=f"{note}\n{node.tooltip}",
            classes=(*node.classes, CLASSES[status]),
        )

    nodes: list[Node] = []
    for node in new_graph.nodes:
        if node.claim in added_claims:
            node = marked(node, "added", "+ ADDED", DIFF_ADDED)
        elif node.claim in changed_claims:
            fields = ", ".join(c.field for c in changed_claims[node.claim].changes)
            node = marked(node, "changed", f"~ CHANGED: {fields}", DIFF_CHANGED)
        nodes.append(node)
    present = {n.id for n in nodes}
    clusters = {c.id: c for c in new_graph.clusters}
    for claim_id in removed_claims:
        old_node = old_graph.node(claim_id)
        if old_node is None:
            continue
        group = old_node.group if old_node.group in clusters else None
        node = dataclasses.replace(marked(old_node, "removed", "− REMOVED", DIFF_REMOVED), group=group)
        nodes.append(node)
        present.add(node.id)
        if group is not None:
            clusters[group] = dataclasses.replace(clusters[group], nodes=(*clusters[group].nodes, node.id))

    edges: list[Edge] = []
    for edge in new_graph.edges:
        index = _edge_link(new, edge.tail, edge.head, edge.type)
        status = new_link_status(diff, index)
        if status == "added":
            edge = dataclasses.replace(
                edge,
                attrs={**edge.attrs, **DIFF_EDGE_ADDED},
                tooltip=f"+ ADDED\n{edge.tooltip}",
                classes=(*edge.classes, CLASSES[status]),
            )
        elif status == "changed":
            was = diff.old_relation_types.get(index) if index is not None else None
            note = f"~ CHANGED (was {was})" if was else "~ CHANGED"
            edge = dataclasses.replace(
                edge,
                attrs={**edge.attrs, **DIFF_EDGE_CHANGED},
                tooltip=f"{note}\n{edge.tooltip}",
                classes=(*edge.classes, CLASSES[status]),
            )
        edges.append(edge)
    # Removed links, from the old map's drawing: their junctions get their own names.
    renamed = {n.id: f"_jr{n.id[2:]}" for n in old_graph.nodes if n.kind == "junction"}
    for edge in old_graph.edges:
        index = _edge_link(old, edge.tail, edge.head, edge.type)
        if index is None or diff.old_link_status.get(index) != "removed":
            continue
        tail, head = (
            _kept_junction(diff, old, new, end, present) or renamed.get(end, end) for end in (edge.tail, edge.head)
        )
        for end, original in ((tail, edge.tail), (head, edge.head)):
            if end not in present and original in renamed:
                junction = old_graph.node(original)
                if junction is not None:
                    group = junction.group if junction.group in clusters else None
                    nodes.append(
                        dataclasses.replace(
                            junction,
                            id=end,
                            group=group,
                            attrs={**junction.attrs, "color": "#9A9A9A", "fillcolor": "#9A9A9A"},
                            classes=(*junction.classes, CLASSES["removed"]),
                        )
                    )
                    present.add(end)
                    if group is not None:
                        clusters[group] = dataclasses.replace(clusters[group], nodes=(*clusters[group].nodes, end))
        if tail not in present or head not in present:
            continue
        edges.append(
            dataclasses.replace(
                edge,
                id=f"removed-{edge.id}",
                tail=tail,
                head=head,
                attrs={**edge.attrs, **DIFF_EDGE_REMOVED},
                tooltip=f"− REMOVED\n{edge.tooltip}",
                classes=(*edge.classes, CLASSES["removed"]),
            )
        )
    caption = f"Changes from {diff.old_file} to {diff.new_file}: {summary(diff)}"
    title: tuple[Line, ...] = (
        *new_graph.title,
        *((Run(piece, "caption"),) for piece in wrap(caption, WRAP_TITLE)),
        (Run("thick green border: added · thick orange: changed · dashed grey: removed", "caption"),),
    )
    return Graph(
        title=title,
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=tuple(clusters.values()),
        direction=new_graph.direction,
        legend=new_graph.legend,
        thesis=new_graph.thesis,
    )


def _kept_junction(diff: MapDiff, old: ResolvedMap, new: ResolvedMap, end: str, present: set[str]) -> str | None:
    """Where a removed undercut ends when the link it hit is still in the new map: that link's junction,
    or (drawn without one now) the claim the link points at."""
    index = _junction_index(end, len(old.links)) if end.startswith("_j") else None
    if index is None or index not in diff.link_matches:
        return None
    kept = diff.link_matches[index]
    junction = f"_j{kept + 1}"
    return junction if junction in present else new.links[kept].target


def new_link_status(diff: MapDiff, index: int | None) -> str | None:
    return diff.new_link_status.get(index) if index is not None else None


def _edge_link(resolved: ResolvedMap, tail: str, head: str, type_: str) -> int | None:
    """Which link of the map (its index in `resolved.links`) a drawn edge belongs to.

    `argmap.graph.build` names a junction `_jN` after link N-1; an edge into a junction is a
    co-premise feed (same type) or an undercut of that link; an edge out of one is the link's arrow."""
    links = resolved.links
    if tail.startswith("_j"):
        return _junction_index(tail, len(links))
    if head.startswith("_j"):
        hit = _junction_index(head, len(links))
        if hit is None:
            return None
        if type_ == "undercut" and links[hit].type != "undercut":
            for index, link in enumerate(links):
                if (
                    link.type == "undercut"
                    and tail in link.sources
                    and resolved.link_by_name(link.target) is links[hit]
                ):
                    return index
            return None
        return hit
    for index, link in enumerate(links):
        if link.type == type_ and tail in link.sources and link.target == head:
            return index
    return None


def _junction_index(name: str, count: int) -> int | None:
    digits = name[2:]
    if not digits.isdigit():
        return None
    index = int(digits) - 1
    return index if 0 <= index < count else None
