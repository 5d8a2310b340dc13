"""The visual grammar of argument diagrams, as data: how each kind of claim and link looks.

One dict per kind in Graphviz's attribute vocabulary; writers read these tables and
nothing else decides a colour or a shape.
"""

from __future__ import annotations

from argmap.format.vocabulary import kind_names, relation_names

# --- the visual grammar, as data ---------------------------------------------------------------

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Fills are light tints of the same hues, so black text stays readable on them.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
_C = OKABE_ITO

# Tinted fill = the author's own words; white fill = not in the source (implicit, added).
THESIS: dict[str, str] = {
    "shape": "box",
    "style": "rounded,filled,bold",
    "fillcolor": _C["blue"],
    "color": _C["black"],
    "penwidth": "3",
    "fontcolor": "#FFFFFF",
    "fontsize": "16",
    "margin": "0.25,0.12",
}
PREMISE: dict[str, str] = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#D4EAF7",
    "color": _C["blue"],
    "penwidth": "1.5",
}
EVIDENCE: dict[str, str] = {
    "shape": "note",
    "style": "filled",
    "fillcolor": "#CCEBE1",
    "color": _C["bluish_green"],
    "penwidth": "1.5",
}
OBJECTION: dict[str, str] = {
    "shape": "box",
    "style": "filled,diagonals",
    "fillcolor": "#F6D5BF",
    "color": _C["vermillion"],
    "penwidth": "2",
}
REBUTTAL: dict[str, str] = {
    "shape": "cds",
    "style": "filled",
    "fillcolor": "#FBF5C4",
    "color": _C["orange"],
    "penwidth": "2.5",
}
CONCESSION: dict[str, str] = {
    "shape": "tab",
    "style": "filled",
    "fillcolor": "#F2DCE9",
    "color": _C["reddish_purple"],
    "penwidth": "2",
}
# A kind the vocabulary gains before it has a look of its own: a plain grey box, so the diagram
# still draws it (tests/test_vocabulary.py fails until the kind is given its own style here).
OTHER_KIND: dict[str, str] = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#EDEDED",
    "color": "#555555",
    "penwidth": "1.5",
}
KIND_STYLES: dict[str, dict[str, str]] = {
    "thesis": THESIS,
    "premise": PREMISE,
    "evidence": EVIDENCE,
    "objection": OBJECTION,
    "rebuttal": REBUTTAL,
    "concession": CONCESSION,
}
# Every kind of the vocabulary, in its order.
NODE_STYLES: dict[str, dict[str, str]] = {kind: KIND_STYLES.get(kind, OTHER_KIND) for kind in kind_names()}
# Applied on top of a kind's style. The opponent's reasons wear the objection's colours: they
# are part of the case the author argues against.
OPPONENT_REASON: dict[str, str] = {"fillcolor": OBJECTION["fillcolor"], "color": _C["vermillion"]}
IMPLICIT: dict[str, str] = {"fillcolor": "#FFFFFF", "style": "rounded,filled,dashed", "penwidth": "2"}
ADDED: dict[str, str] = {"fillcolor": "#FFFFFF", "peripheries": "2", "penwidth": "1.5"}
JUNCTION: dict[str, str] = {
    "shape": "point",
    "width": "0.11",
    "height": "0.11",
    "color": _C["black"],
    "fillcolor": _C["black"],
    "style": "filled",
}

SUPPORT: dict[str, str] = {"color": _C["bluish_green"], "style": "solid", "penwidth": "2", "arrowhead": "normal"}
EXAMPLE: dict[str, str] = {"color": _C["bluish_green"], "style": "solid", "penwidth": "2", "arrowhead": "onormal"}
ATTACK: dict[str, str] = {"color": _C["vermillion"], "style": "dashed", "penwidth": "2.5", "arrowhead": "tee"}
UNDERCUT: dict[str, str] = {"color": _C["reddish_purple"], "style": "dotted", "penwidth": "3", "arrowhead": "odiamond"}
OTHER_RELATION: dict[str, str] = {"color": "#555555", "style": "solid", "penwidth": "2", "arrowhead": "vee"}
RELATION_STYLES: dict[str, dict[str, str]] = {
    "support": SUPPORT,
    "example": EXAMPLE,
    "attack": ATTACK,
    "undercut": UNDERCUT,
}
# Every relation type of the vocabulary, in its order (a new one drawn plainly until styled above).
EDGE_STYLES: dict[str, dict[str, str]] = {name: RELATION_STYLES.get(name, OTHER_RELATION) for name in relation_names()}
FEED: dict[str, str] = {"arrowhead": "none"}  # a co-premise into its junction: the arrow comes after

# Reasons (not positions): drawn in the colours of the side whose claim they support.
REASON_KINDS: tuple[str, ...] = ("premise", "evidence")

# `render --evaluate`: marks that read in greyscale (words, grey and strike-through, a dotted border),
# applied on top of a kind's style; the label's words come first in each box.
EVAL_NODE_MARKS: dict[str, dict[str, str]] = {
    "in": {},
    "out": {"fillcolor": "#F2F2F2", "color": "#9A9A9A", "fontcolor": "#6E6E6E", "penwidth": "1"},
    "undecided": {"penwidth": "2.5", "style": "rounded,filled,dotted"},
}
EVAL_EDGE_MARKS: dict[str, dict[str, str]] = {
    "in": {},
    "out": {"color": "#A8A8A8", "penwidth": "1.2", "label": "✗", "fontcolor": "#444444", "fontsize": "14"},
    "undecided": {"label": "?", "fontcolor": "#444444", "fontsize": "14"},
}
