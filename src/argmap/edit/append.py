"""Where a new claim goes in a map's text, and how it is written there.

The claim is appended to `claims:` in the list's own style: a block list gets a block item
indented like the items before it (or a flow mapping, if the last item is one), a flow list
gets one more flow item, and `claims: []` becomes a block list. Comments indented under the
last claim stay with it; blank lines and comments that close the list stay after the new claim.
"""

from __future__ import annotations

from typing import Any

from argmap.edit.locate import Layout, Spot, scan
from argmap.edit.scalars import ADD_STYLES, render_scalar
from argmap.edit.session import EditError, newline_of


def append_claim(text: str, fields: dict[str, Any], give_back: bool = True) -> tuple[str, int, str]:
    """The text with the claim appended to `claims:`, where it went, and the text inserted.

    `give_back`: blank lines after the last claim stay after the new one (False: they are
    part of the last claim's value, and the new claim follows them)."""
    layout = scan(text)
    claims = layout.values.get(("claims",))
    if claims is None or claims.kind != "seq":
        raise EditError("the map has no `claims:` list to add to")
    newline = newline_of(text)
    if claims.style == "flow" and not claims.items and not claims.in_flow:
        return _open_empty_flow(text, layout, claims, fields, newline)
    if claims.style == "flow" or not claims.items:
        return _append_flow(text, layout, claims, fields)
    last = layout.values[claims.items[-1]]
    dash = _dash_column(text, last.start)
    key_spot = layout.keys.get(("claims",))
    offset = max(0, dash - key_spot.column) if key_spot is not None else 2
    if last.kind == "map" and last.style == "flow":
        item = " " * dash + "- " + _flow_mapping(fields, text[last.start + 1 : last.start + 2] == " ") + newline
    else:
        key_column = last.column if last.kind == "map" else dash + 2
        item = _block_mapping(fields, dash, key_column, offset, newline)
    at = _end_of_item(text, last, dash, give_back)
    if _blank_line_before(text, last.start) and len(claims.items) > 1:
        item = newline + item
    if at == len(text) and text and not text.endswith("\n"):
        item = newline + item[: -len(newline)]  # the file had no final line break: add none
    return text[:at] + item + text[at:], at, item


def _open_empty_flow(
    text: str, layout: Layout, claims: Spot, fields: dict[str, Any], newline: str
) -> tuple[str, int, str]:
    """`claims: []` (as a scaffold writes it) becomes a block list holding the claim: a student's
    next edits then read like every other map, not as one ever-longer line."""
    key = layout.keys.get(("claims",))
    dash = (key.column if key is not None else 0) + 2
    item = _block_mapping(fields, dash, dash + 2, 2, newline)
    before, after = text[: claims.start].rstrip(" "), text[claims.end :]
    emptied = before + after  # `claims:` with its `[]` gone; a comment after it stays on its line
    line_end = after.find("\n")
    at = len(before) + (line_end + 1 if line_end != -1 else len(after))
    if line_end == -1:
        item = newline + item[: -len(newline)]
    return emptied[:at] + item + emptied[at:], at, item


def _dash_column(text: str, start: int) -> int:
    i = start - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    if i >= 0 and text[i] == "-":
        return i - (text.rfind("\n", 0, i) + 1)
    raise EditError("cannot tell how the claims are indented")  # pragma: no cover - a block item follows a dash


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _end_of_item(text: str, last: Spot, dash: int, give_back: bool = True) -> int:
    """Where the next item goes: after the last item's last line and the comments indented under it.

    Comments indented deeper than the list's dash belong to the last claim and stay with it;
    comments at the dash's column or further left (and blank lines) close the list and stay
    after the new claim.
    """
    end = last.end
    if end > 0 and text[end - 1] == "\n":  # a block scalar ends at the start of the next line
        at = end
        while give_back and at > 0 and text[at - 1] in "\r\n" and _line_blank(text, _line_start(text, at - 1), at):
            at = _line_start(text, at - 1)  # give back trailing blank lines
    else:
        newline_at = text.find("\n", end)
        at = len(text) if newline_at == -1 else newline_at + 1
    while at < len(text):
        newline_at = text.find("\n", at)
        line_end = len(text) if newline_at == -1 else newline_at + 1
        line = text[at:line_end]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > dash:
            at = line_end
            continue
        break
    return at


def _line_blank(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _blank_line_before(text: str, item_start: int) -> bool:
    """Is the last claim set apart by a blank line (above the comments that head it)?"""
    at = _line_start(text, item_start)
    while at > 0:
        previous = _line_start(text, at - 1)
        line = text[previous:at].strip()
        if not line:
            return True
        if not line.startswith("#"):
            return False
        at = previous
    return False


def _block_mapping(fields: dict[str, Any], dash: int, key_column: int, offset: int, newline: str) -> str:
    lines = []
    for index, (key, value) in enumerate(fields.items()):
        lead = " " * dash + "-" + " " * (key_column - dash - 1) if index == 0 else " " * key_column
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for entry in value:
                lines.append(" " * (key_column + offset) + "- " + render_scalar(entry, ADD_STYLES))
        else:
            lines.append(f"{lead}{key}: {render_scalar(value, ADD_STYLES)}")
    return newline.join(lines) + newline


def _flow_mapping(fields: dict[str, Any], padded: bool) -> str:
    parts = []
    for key, value in fields.items():
        if isinstance(value, list):
            rendered = "[" + ", ".join(render_scalar(v, ADD_STYLES, True) for v in value) + "]"
        else:
            rendered = render_scalar(value, ADD_STYLES, True)
        parts.append(f"{key}: {rendered}")
    inner = ", ".join(parts)
    return "{ " + inner + " }" if padded else "{" + inner + "}"


def _append_flow(text: str, layout: Layout, claims: Spot, fields: dict[str, Any]) -> tuple[str, int, str]:
    mapping = _flow_mapping(fields, False)
    if claims.style != "flow":
        raise EditError("the `claims:` list is empty in a form argmap cannot extend")  # pragma: no cover
    if claims.items:
        at = layout.values[claims.items[-1]].end
        inserted = ", " + mapping
    else:
        at = text.rfind("]", claims.start, claims.end)
        inserted = mapping
    return text[:at] + inserted + text[at:], at, inserted
