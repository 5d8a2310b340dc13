"""The diagram's legend: one compact table naming only what the drawing uses.

A Graphviz HTML-like table in a single node, not sample shapes laid out in ranks: a small
swatch in each kind's fill and border colour (dashed for implicit, a double border for a
student's addition) and, for relations, a short line of glyphs in the relation's colour
and dash. Three entries to a row. The words are argmap's own, so nothing needs escaping;
`html_text` is used anyway, as for every label.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.format.vocabulary import KINDS, RELATIONS
from argmap.graph.style import (
    ADDED,
    EDGE_STYLES,
    EVAL_EDGE_MARKS,
    EVAL_NODE_MARKS,
    IMPLICIT,
    NODE_STYLES,
    OPPONENT_REASON,
)

COLUMNS = 3
FONT_SIZE = "11"
# What each entry says. Kinds are named as the map names them.
WORDS: dict[str, str] = {
    **{kind.name: f"{kind.name} — {kind.legend}" for kind in KINDS},
    "opponent-premise": "a reason the opponent gives",
    "opponent-evidence": "facts the opponent offers",
    "implicit": "implicit — unstated (dashed)",
    "added": "added by a student",
    **{relation.name: relation.legend for relation in RELATIONS},
    **{f"linked-{relation.name}": relation.linked for relation in RELATIONS},
    # `render --evaluate` (docs/evaluation.md)
    "in": "IN ✓ stands: every attack on it is answered",
    "out": "OUT ✗ defeated (grey, text struck through)",
    "undecided": "UNDECIDED ? not settled (dotted border)",
    "defeated": "✗ a relation that no longer counts",
}
# Relations drawn as glyphs: the line's dash and its arrowhead, in the relation's colour.
GLYPHS: dict[str, str] = {
    "support": "———▶",
    "example": "———▷",
    "attack": "- - - ⊣",
    "undercut": "· · · · ◇",
}
LINKED_GLYPHS: dict[str, str] = {
    "support": "—●—▶",
    "example": "—●—▷",
    "attack": "-●- ⊣",
    "undercut": "·●· ◇",
}


def _swatch(item: str) -> str:
    if item.startswith("opponent-"):
        style = {**NODE_STYLES[item.removeprefix("opponent-")], **OPPONENT_REASON}
        return f'<TD BGCOLOR="{style["fillcolor"]}" COLOR="{style["color"]}" BORDER="2" WIDTH="24" HEIGHT="13"></TD>'
    if item in EVAL_NODE_MARKS:
        style = {**NODE_STYLES["premise"], **EVAL_NODE_MARKS[item]}
        dashed = ' STYLE="dotted"' if "dotted" in style.get("style", "") else ""
        return f'<TD BGCOLOR="{style["fillcolor"]}" COLOR="{style["color"]}" BORDER="2"{dashed} WIDTH="24" HEIGHT="13"></TD>'
    if item == "defeated":
        return f'<TD><FONT COLOR="{EVAL_EDGE_MARKS["out"]["color"]}"><B>——✗—▶</B></FONT></TD>'
    if item in NODE_STYLES:
        style = NODE_STYLES[item]
        return f'<TD BGCOLOR="{style["fillcolor"]}" COLOR="{style["color"]}" BORDER="2" WIDTH="24" HEIGHT="13"></TD>'
    if item == "implicit":
        return f'<TD BGCOLOR="{IMPLICIT["fillcolor"]}" COLOR="#0072B2" BORDER="2" STYLE="dashed" WIDTH="24" HEIGHT="13"></TD>'
    if item == "added":
        inner = '<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" CELLPADDING="0"><TR><TD WIDTH="16" HEIGHT="5"></TD></TR></TABLE>'
        return f'<TD BGCOLOR="{ADDED["fillcolor"]}">{inner}</TD>'
    relation = item.removeprefix("linked-")
    glyphs = (LINKED_GLYPHS if item.startswith("linked-") else GLYPHS).get(relation, "——›")
    return f'<TD><FONT COLOR="{EDGE_STYLES[relation]["color"]}"><B>{glyphs}</B></FONT></TD>'


def legend_label(items: Sequence[str]) -> str:
    """The legend as an HTML-like label (with its angle brackets), or "" when there is nothing to explain."""
    entries = [item for item in items if item in WORDS]
    if not entries:
        return ""
    rows = []
    for start in range(0, len(entries), COLUMNS):
        cells = "".join(
            f'{_swatch(item)}<TD ALIGN="LEFT">{WORDS[item]}</TD>' for item in entries[start : start + COLUMNS]
        )
        rows.append(f"<TR>{cells}</TR>")
    span = 2 * min(COLUMNS, len(entries))
    head = f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><B>Legend</B></TD></TR>'
    return (
        f'<<TABLE BORDER="1" STYLE="rounded" COLOR="#9A9A9A" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">'
        f'<TR><TD><FONT POINT-SIZE="{FONT_SIZE}"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
        f"{head}{''.join(rows)}</TABLE></FONT></TD></TR></TABLE>>"
    )
