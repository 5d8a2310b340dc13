"""`argmap export`: the fully resolved map as JSON, for other tools.

The document is stable (``"argmap_export": 1``; documented in docs/export.md):
keys never change meaning, new keys may be added. Order follows the map file,
so the same map always gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from argmap.anchor.resolve import Link, ResolvedMap, ResolvedQuote
from argmap.check.sides import sides

EXPORT_VERSION = 1


def quote_dict(resolved: ResolvedMap, entry: ResolvedQuote) -> dict[str, Any]:
    quote = entry.quote
    result: dict[str, Any] = {
        "source": entry.source_id,
        "exact": quote.exact,
        "status": entry.match.status if entry.match is not None else "source_unavailable",
    }
    for key in ("prefix", "suffix", "occurrence"):
        if getattr(quote, key) is not None:
            result[key] = getattr(quote, key)
    loaded = resolved.sources.get(entry.source_id)
    span = entry.match.span if entry.match is not None else None
    if span is None or loaded is None or loaded.text is None:
        result.update(start=None, end=None, line=None, column=None, end_line=None, end_column=None, text=None)
        return result
    text = loaded.text
    line, column = text.line_col(span.start)
    end_line, end_column = text.line_col(span.end)
    result.update(
        start=span.start,
        end=span.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text.text[span.start : span.end],
    )
    if entry.match is not None and len(entry.match.spans) > 1:
        result["pieces"] = [
            {"start": s.start, "end": s.end, "text": text.text[s.start : s.end]} for s in entry.match.spans
        ]
    return result


def _note(resolved: ResolvedMap, link: Link) -> str | None:
    """The note of a relation written out in `relations:` (a claim's `supports:` has none)."""
    index = link.path[1] if not link.written_on_claim else None
    return resolved.model.relations[index].note if isinstance(index, int) else None


def export_dict(resolved: ResolvedMap) -> dict[str, Any]:
    model = resolved.model
    sources = []
    for source in model.sources:
        loaded = resolved.sources.get(source.id)
        entry = _written(source, skip="exclude")
        entry["sha256"] = loaded.sha256 if loaded is not None else None
        entry["characters"] = len(loaded.text.text) if loaded is not None and loaded.text is not None else None
        entry["excluded"] = [
            {**quote_dict(resolved, q), "reason": exclusion.reason}
            for q, exclusion in zip(resolved.exclusions.get(source.id, []), source.exclude, strict=False)
        ]
        sources.append(entry)
    claims = []
    side = sides(resolved)
    for index, claim in enumerate(model.claims):
        if resolved.claim_paths.get(claim.id) != ("claims", index):
            continue  # a second claim with a taken id is not part of the argument
        item: dict[str, Any] = {
            "id": claim.id,
            "kind": claim.kind,
            "side": side[claim.id],
            "text": claim.text,
            "line": resolved.at((*resolved.claim_paths[claim.id], "id")).line,
        }
        for key in ("voice", "basis", "group", "note", "added_by"):
            value = getattr(claim, key)
            if value is not None:
                item[key] = value
        item["implicit"] = claim.implicit
        item["quotes"] = [quote_dict(resolved, q) for q in resolved.quotes.get(claim.id, [])]
        claims.append(item)
    relations = []
    for link in resolved.links:
        relation: dict[str, Any] = {"name": link.name, "type": link.type, "from": list(link.sources), "to": link.target}
        if link.id is not None:
            relation["id"] = link.id
        note = _note(resolved, link)
        if note is not None:
            relation["note"] = note
        if link.type == "undercut":
            target = resolved.link_by_name(link.target)
            relation["to_link"] = target.name if target is not None else None
        relations.append(relation)
    return {
        "argmap_export": EXPORT_VERSION,
        "map": resolved.file,
        "title": model.title,
        "description": model.description,
        "shape": model.shape,
        "sources": sources,
        "groups": [{"id": gid, **_written(group)} for gid, group in model.groups.items()],
        "claims": claims,
        "relations": relations,
    }


def export_json(resolved: ResolvedMap) -> str:
    return json.dumps(export_dict(resolved), indent=2, ensure_ascii=False) + "\n"


def _written(record: Any, skip: str = "") -> dict[str, Any]:
    """A record's fields that hold a value, in the format's order."""
    return {
        f.name: getattr(record, f.name)
        for f in fields(record)
        if f.name != skip and getattr(record, f.name) is not None
    }
