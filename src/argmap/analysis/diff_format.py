"""`argmap diff` as text and JSON: a `MapDiff` (`argmap.analysis.diff.compare`) written out.

`format_text` gives grouped `+`/`-`/`~` lines and the summary line, for people and CI logs;
`diff_dict` / `format_json` the document described in docs/diff.md (``"argmap_diff": 1``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from argmap.analysis.diff import MapDiff, Section, summary

DIFF_VERSION = 1
_VERBS = {"support": "supports", "example": "exemplifies", "attack": "attacks", "undercut": "undercuts"}


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


def _by_source(relations: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each claim's relations (those it is a source of), in order: a claim line looks its own up."""
    found: dict[str, list[dict[str, Any]]] = {}
    for relation in relations:
        for source in dict.fromkeys(relation["from"]):
            found.setdefault(source, []).append(relation)
    return found


def _claim_line(mark: str, claim: dict[str, Any], relations: Mapping[str, list[dict[str, Any]]]) -> str:
    kind = ("implicit " if claim.get("implicit") else "") + str(claim["kind"])
    if claim.get("basis"):
        kind += f" · {claim['basis']}"
    extra = []
    if claim.get("added_by"):
        extra.append(f"added by {claim['added_by']}")
    if claim.get("voice"):
        extra.append(f"voice: {claim['voice']}")
    words = f"{mark} {claim['id']} {kind}" + (f" ({'; '.join(extra)})" if extra else "") + f": {_q(claim['text'])}"
    links = [f"{_VERBS[r['type']]} {r['to']}" for r in relations.get(claim["id"], [])]
    if links:
        words += " " + ", ".join(links)
    return words


def _relation_line(mark: str, relation: dict[str, Any]) -> str:
    named = f" ({relation['id']})" if relation.get("id") else ""
    return f"{mark} {relation['name']} {relation['type']}{named}"


def format_text(diff: MapDiff) -> str:
    out = [f"--- {diff.old_file}", f"+++ {diff.new_file}"]
    if diff.map_changes:
        out.append("map:")
        out += [f"~ {c.field}: {_value(c.field, c.old)} -> {_value(c.field, c.new)}" for c in diff.map_changes]
    if diff.claims:
        out.append("claims:")
        added, removed = _by_source(diff.relations.added), _by_source(diff.relations.removed)
        out += [_claim_line("+", c, added) for c in diff.claims.added]
        out += [_claim_line("-", c, removed) for c in diff.claims.removed]
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
