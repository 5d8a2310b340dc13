"""The diagram's legend: one compact table naming only what the drawing uses.

A Graphviz HTML-like table in a single node, not sample shapes laid out in ranks: a small
swatch in each kind's fill and border colour (dashed for implicit, a double border for a
student's addition) and, for relations, a short line of glyphs in the relation's colour
and dash. Three entries to a row. The words are argmap's own, so nothing needs escaping;
`html_text` is used anyway, as for every label.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.graph.style import ADDED, EDGE_STYLES, IMPLICIT, NODE_STYLES

COLUMNS = 3
FONT_SIZE = "11"
# What each entry says. Kinds are named as the map names them.
WORDS: dict[str, str] = {
    "thesis": "thesis — the main claim",
    "premise": "premise — a reason",
    "evidence": "evidence — facts offered",
    "objection": "objection — argued against",
    "rebuttal": "rebuttal — reply to an objection",
    "concession": "concession — a point granted",
    "implicit": "implicit — unstated (dashed)",
    "added": "added by a student",
    "support": "supports",
    "attack": "attacks",
    "undercut": "undercuts the link",
    "linked": "support only together",
}
# Relations drawn as glyphs: the line's dash and its arrowhead, in the relation's colour.
GLYPHS: dict[str, str] = {
    "support": "———▶",
    "attack": "- - - ⊣",
    "undercut": "· · · · ◇",
    "linked": "—●—▶",
}


def _swatch(item: str) -> str:
    if item in NODE_STYLES:
        style = NODE_STYLES[item]
        return f'<TD BGCOLOR="{style["fillcolor"]}" COLOR="{style["color"]}" BORDER="2" WIDTH="24" HEIGHT="13"></TD>'
    if item == "implicit":
        return f'<TD BGCOLOR="{IMPLICIT["fillcolor"]}" COLOR="#0072B2" BORDER="2" STYLE="dashed" WIDTH="24" HEIGHT="13"></TD>'
    if item == "added":
        inner = '<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" CELLPADDING="0"><TR><TD WIDTH="16" HEIGHT="5"></TD></TR></TABLE>'
        return f'<TD BGCOLOR="{ADDED["fillcolor"]}">{inner}</TD>'
    colour = EDGE_STYLES["support" if item == "linked" else item]["color"]
    return f'<TD><FONT COLOR="{colour}"><B>{GLYPHS[item]}</B></FONT></TD>'


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
