"""`argmap diff`: what changed between two maps — claims, relations, sources, groups.

`compare(old, new)` takes two `ResolvedMap`s and returns a `MapDiff`: claims matched
by id, relations by name (`FROM -> TO`), sources and groups by id. `argmap.analysis.diff_format`
turns it into text (`format_text`, for people and CI logs) and JSON (`format_json`, documented
in docs/diff.md, ``"argmap_diff": 1``); `diff_marks` hands what changed, as plain data, to
`argmap.graph.diff.diff_graph`, which draws the new map with the changes marked.

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

from dataclasses import dataclass, field
from typing import Any

from argmap.anchor.resolve import Link, ResolvedMap
from argmap.graph.diff import DiffMarks
from argmap.writers.export_json import export_dict

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
    matched = _match_links(old.links, new.links)  # new index -> old index
    result.link_matches = {old_index: new_index for new_index, old_index in matched.items()}
    section = Section()
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
    kept = set(matched.values())
    for index, link in enumerate(old.links):
        if index not in kept:
            section.removed.append(_link_entry(old, link))
            result.old_link_status[index] = "removed"
    result.relations = section


def _match_links(old_links: list[Link], new_links: list[Link]) -> dict[int, int]:
    """New link index -> old link index, by name: first a link of the same type (the earliest not
    yet taken), then, for the links left, the earliest of another type."""
    waiting: dict[tuple[str, str], list[int]] = {}  # (name, type) -> old indexes not yet matched, reversed
    for index in reversed(range(len(old_links))):
        waiting.setdefault((old_links[index].name, old_links[index].type), []).append(index)
    matched: dict[int, int] = {}
    for index, link in enumerate(new_links):  # first pass: same name and type
        candidates = waiting.get((link.name, link.type))
        if candidates:
            matched[index] = candidates.pop()
    left: dict[str, list[int]] = {}  # name -> old indexes still unmatched, in map order
    for index in sorted(i for candidates in waiting.values() for i in candidates):
        left.setdefault(old_links[index].name, []).append(index)
    taken = dict.fromkeys(left, 0)  # name -> how many of `left` are used
    for index, link in enumerate(new_links):  # second pass: same name, another type
        if index in matched or link.name not in left or taken[link.name] >= len(left[link.name]):
            continue
        matched[index] = left[link.name][taken[link.name]]
        taken[link.name] += 1
    return matched


def diff_marks(diff: MapDiff) -> DiffMarks:
    """What the diagram of the diff (`argmap.graph.diff.diff_graph`) marks."""
    return DiffMarks(
        caption=f"Changes from {diff.old_file} to {diff.new_file}: {summary(diff)}",
        added_claims=frozenset(c["id"] for c in diff.claims.added),
        changed_claims={c.key: tuple(f.field for f in c.changes) for c in diff.claims.changed},
        removed_claims=tuple(c["id"] for c in diff.claims.removed),
        new_link_status=diff.new_link_status,
        old_link_status=diff.old_link_status,
        old_relation_types=diff.old_relation_types,
        link_matches=diff.link_matches,
    )


# --- the summary line ------------------------------------------------------------------------------


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
