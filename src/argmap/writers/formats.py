"""`argmap export --format`: the resolved map in each export format (argmap.format.vocabulary.EXPORT_FORMATS)."""

from __future__ import annotations

from argmap.anchor.resolve import ResolvedMap
from argmap.writers.export_json import export_dict, export_json


def export_text(resolved: ResolvedMap, fmt: str) -> str:
    """The document `argmap export --format FMT` writes."""
    if fmt == "json":
        return export_json(resolved)
    document = export_dict(resolved)
    if fmt == "argdown":
        from argmap.writers.argdown import to_argdown

        return to_argdown(document)
    from argmap.writers import aif

    if fmt == "aif":
        return aif.to_json(aif.aif_dict(document))
    # OVA shows one text: the map's first source, the one quotes name by default
    first = resolved.model.sources[0].id if resolved.model.sources else None
    loaded = resolved.sources.get(first) if first is not None else None
    text = loaded.text.text if loaded is not None and loaded.text is not None else None
    return aif.to_json(aif.ova_dict(document, text))
