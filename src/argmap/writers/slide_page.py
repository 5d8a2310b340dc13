"""One 16:9 slide as SVG, and a deck of them as PDF or PNG.

A page is 1280 × 720 user units (pixels on a 1280-px projector): a header with the slide's
title, the diagram that Graphviz drew scaled into the body, and a footer with a small legend
and the slide number. Text from a map reaches the page only as ElementTree text or attribute
values, which ElementTree escapes; the diagram was checked by `check_svg` before.

PDF and PNG come from librsvg's `rsvg-convert` (a system program, like Graphviz's `dot`): it
turns several SVG pages into one PDF, and SOURCE_DATE_EPOCH pins the PDF's creation date so
the same deck gives the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from argmap.graph.style import EDGE_STYLES, NODE_STYLES
from argmap.graph.text import wrap
from argmap.writers.dot import FONT
from argmap.writers.graphviz import RenderError

WIDTH, HEIGHT = 1280, 720
MARGIN = 36
HEADER = 92  # the body starts here
FOOTER = 44  # and ends this far above the bottom
BODY = (MARGIN, HEADER, WIDTH - 2 * MARGIN, HEIGHT - HEADER - FOOTER)  # x, y, width, height
TITLE_SIZE = 32
SUBTITLE_SIZE = 18
FOOTER_SIZE = 13
INK = "#1A1A1A"
MUTED = "#555555"
RULE = "#0072B2"

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
ElementTree.register_namespace("", _SVG_NS)
ElementTree.register_namespace("xlink", _XLINK_NS)

MISSING_RSVG = (
    "librsvg's `rsvg-convert` is not installed (or not on PATH); argmap needs it to make {fmt} slides.\n"
    "  Install it: `sudo apt-get install librsvg2-bin` (Debian/Ubuntu), `brew install librsvg` (macOS).\n"
    "  `--format svg` writes the slides without it."
)


@dataclass(frozen=True)
class Diagram:
    """Graphviz's SVG of a slide's diagram and its natural size in points."""

    svg: bytes
    width: float
    height: float


def diagram(svg: bytes) -> Diagram:
    root = ElementTree.fromstring(svg)
    box = [float(v) for v in root.attrib.get("viewBox", "0 0 1 1").split()]
    return Diagram(svg, max(box[2], 1.0), max(box[3], 1.0))


def fit_scale(drawn: Diagram) -> float:
    """How much the diagram must be scaled to fill the body (it is centred; never above 1.6)."""
    _, _, width, height = BODY
    return min(width / drawn.width, height / drawn.height, 1.6)


def _el(tag: str, attrs: dict[str, str], text: str | None = None) -> ElementTree.Element:
    element = ElementTree.Element(f"{{{_SVG_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    fill: str = INK,
    anchor: str = "start",
    cls: str = "",
) -> ElementTree.Element:
    attrs = {
        "x": f"{x:g}",
        "y": f"{y:g}",
        "font-family": FONT,
        "font-size": f"{size:g}",
        "fill": fill,
        "text-anchor": anchor,
    }
    if bold:
        attrs["font-weight"] = "bold"
    if cls:
        attrs["class"] = cls
    return _el("text", attrs, text)


def _page(kind: str) -> ElementTree.Element:
    root = _el(
        "svg",
        {"width": f"{WIDTH}", "height": f"{HEIGHT}", "viewBox": f"0 0 {WIDTH} {HEIGHT}", "class": f"slide {kind}"},
    )
    root.append(_el("rect", {"x": "0", "y": "0", "width": f"{WIDTH}", "height": f"{HEIGHT}", "fill": "#FFFFFF"}))
    return root


def _chars(width: float, size: float) -> int:
    """About how many characters of Helvetica at `size` fit in `width` (average glyph ~0.52 em)."""
    return max(8, int(width / (size * 0.52)))


def slide_page(
    kind: str, title: str, subtitle: str, drawn: Diagram, footer: str, number: str, legend: Sequence[str]
) -> bytes:
    page = _page(kind)
    title_lines = wrap(title, _chars(WIDTH - 2 * MARGIN - 330, TITLE_SIZE))
    shown = title_lines[0] + (" …" if len(title_lines) > 1 else "")
    page.append(_text(MARGIN, 54, shown, TITLE_SIZE, bold=True, cls="slide-title"))
    page.append(_text(WIDTH - MARGIN, 52, subtitle, SUBTITLE_SIZE, fill=MUTED, anchor="end", cls="slide-subtitle"))
    page.append(
        _el("rect", {"x": f"{MARGIN}", "y": "70", "width": f"{WIDTH - 2 * MARGIN}", "height": "3", "fill": RULE})
    )
    scale = fit_scale(drawn)
    x0, y0, width, height = BODY
    x = x0 + (width - drawn.width * scale) / 2
    y = y0 + (height - drawn.height * scale) / 2
    body = _el("g", {"class": "diagram", "transform": f"translate({x:.2f} {y:.2f}) scale({scale:.4f})"})
    source = ElementTree.fromstring(drawn.svg)
    for child in source:
        if child.tag != f"{{{_SVG_NS}}}title":
            body.append(child)
    page.append(body)
    _footer(page, footer, number, legend)
    return _bytes(page)


def _footer(page: ElementTree.Element, footer: str, number: str, legend: Sequence[str]) -> None:
    base = HEIGHT - 16
    page.append(_text(MARGIN, base, footer, FOOTER_SIZE, fill=MUTED, cls="slide-footer"))
    page.append(_text(WIDTH - MARGIN, base, number, FOOTER_SIZE, fill=MUTED, anchor="end", cls="slide-number"))
    x = WIDTH / 2 - 70 * len(legend) / 2  # each legend item takes about 140 units; centred
    group = _el("g", {"class": "legend"})
    for item in legend:
        x += _legend_item(group, x, base, item)
    page.append(group)


def _legend_item(group: ElementTree.Element, x: float, base: float, item: str) -> float:
    if item in NODE_STYLES:
        style = NODE_STYLES[item]
        group.append(
            _el(
                "rect",
                {
                    "x": f"{x:g}",
                    "y": f"{base - 11:g}",
                    "width": "18",
                    "height": "13",
                    "rx": "2",
                    "fill": style["fillcolor"],
                    "stroke": style["color"],
                    "stroke-width": "1.5",
                },
            )
        )
    elif item in EDGE_STYLES:
        style = EDGE_STYLES[item]
        dash = {"dashed": "6 3", "dotted": "2 3"}.get(style["style"], "none")
        group.append(
            _el(
                "line",
                {
                    "x1": f"{x:g}",
                    "y1": f"{base - 5:g}",
                    "x2": f"{x + 18:g}",
                    "y2": f"{base - 5:g}",
                    "stroke": style["color"],
                    "stroke-width": "2.5",
                    "stroke-dasharray": dash,
                },
            )
        )
    else:  # a marker with no swatch of its own: implicit, added
        dash = "4 2" if item == "implicit" else "none"
        group.append(
            _el(
                "rect",
                {
                    "x": f"{x:g}",
                    "y": f"{base - 11:g}",
                    "width": "18",
                    "height": "13",
                    "rx": "2",
                    "fill": "#FFFFFF",
                    "stroke": INK,
                    "stroke-width": "1.2",
                    "stroke-dasharray": dash,
                },
            )
        )
    label = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}.get(item, item)
    group.append(_text(x + 23, base, label, FOOTER_SIZE, fill=INK))
    return 23 + len(label) * FOOTER_SIZE * 0.55 + 18


def title_page(title: str, bylines: Sequence[tuple[str, float]], thesis: str | None, summary: str) -> bytes:
    page = _page("title-slide")
    y = 210.0
    for line in wrap(title, _chars(WIDTH - 2 * MARGIN, 44))[:3]:
        page.append(_text(WIDTH / 2, y, line, 44, bold=True, anchor="middle", cls="slide-title"))
        y += 54
    page.append(
        _el("rect", {"x": f"{WIDTH / 2 - 120:g}", "y": f"{y - 24:g}", "width": "240", "height": "4", "fill": RULE})
    )
    y += 26
    for text, size in bylines:
        for line in wrap(text, _chars(WIDTH - 2 * MARGIN, size))[:2]:
            page.append(_text(WIDTH / 2, y, line, size, fill=MUTED, anchor="middle", cls="byline"))
            y += size * 1.4
    if thesis:
        y += 24
        page.append(_text(WIDTH / 2, y, "Thesis", 18, bold=True, fill=RULE, anchor="middle"))
        y += 34
        for line in wrap(thesis, _chars(WIDTH - 6 * MARGIN, 24))[:4]:
            page.append(_text(WIDTH / 2, y, line, 24, anchor="middle", cls="thesis"))
            y += 32
    page.append(_text(WIDTH / 2, HEIGHT - 40, summary, 16, fill=MUTED, anchor="middle", cls="slide-footer"))
    return _bytes(page)


def _bytes(page: ElementTree.Element) -> bytes:
    written: bytes = ElementTree.tostring(page, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def convert(pages: Sequence[bytes], fmt: str, timeout: float = 60.0) -> list[bytes]:
    """The pages as one PDF (a list of one) or as one PNG each (1920 × 1080)."""
    with tempfile.TemporaryDirectory(prefix="argmap-slides-") as folder:
        names: list[str] = []
        for index, page in enumerate(pages, 1):
            written = Path(folder) / f"{index:03d}.svg"
            written.write_bytes(page)
            names.append(str(written))
        if fmt == "pdf":
            target = Path(folder) / "deck.pdf"
            _rsvg(["-f", "pdf", "-o", str(target), *names], fmt, timeout)
            return [target.read_bytes()]
        found = []
        for name in names:
            picture = Path(name).with_suffix(".png")
            _rsvg(["-f", "png", "-w", "1920", "-h", "1080", "-o", str(picture), name], fmt, timeout)
            found.append(picture.read_bytes())
        return found


def _rsvg(arguments: list[str], fmt: str, timeout: float) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    try:
        done = subprocess.run(
            ["rsvg-convert", *arguments], capture_output=True, timeout=timeout, check=False, env=environment
        )
    except FileNotFoundError:
        raise RenderError(MISSING_RSVG.format(fmt=fmt.upper())) from None
    except subprocess.TimeoutExpired:
        raise RenderError(f"`rsvg-convert` did not finish the {fmt.upper()} within {timeout:g} s") from None
    except OSError as error:
        raise RenderError(f"cannot run `rsvg-convert`: {error.strerror or error}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"`rsvg-convert` failed to make {fmt.upper()}: {'; '.join(said[-3:]) or 'no message'}")
