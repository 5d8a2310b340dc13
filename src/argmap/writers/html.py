"""`argmap html`: one self-contained page with the diagram beside the source text.

Everything is in the one file: the diagram as inline SVG (drawn by Graphviz, checked by
`check_svg`), the stylesheet, the script, and the claims as JSON. Nothing is fetched: a
Content-Security-Policy allows no network at all, and only the page's own script (named by
its hash), so even a mistake in escaping could not run a map's text.

Escaping. Text from a map or a source reaches the page by one of three ways, each escaped for
where it goes: `html.escape` for HTML text and attributes, ElementTree for the SVG, and
`json.dumps` with `<`, `>` and `&` written as `\\u` escapes inside the JSON script element.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from xml.etree import ElementTree

from argmap.anchor.resolve import ResolvedMap
from argmap.format.problems import Problem
from argmap.graph.build import build_graph
from argmap.graph.elements import GraphOptions
from argmap.graph.sections import sections, thesis_of
from argmap.graph.style import NODE_STYLES
from argmap.writers.graphviz import render
from argmap.writers.html_source import source_html

_SVG_NS = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", _SVG_NS)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")

# The thesis box is dark blue with white text; its passages take a light tint of the same blue.
MARK_FILL = {**{kind: style["fillcolor"] for kind, style in NODE_STYLES.items()}, "thesis": "#CFE3F1"}
MARK_LINE = {kind: style["color"] if kind != "thesis" else style["fillcolor"] for kind, style in NODE_STYLES.items()}


ZOOM = (
    '<div class="zoom">Zoom: <button type="button" data-zoom="0">fit</button> '
    '<button type="button" data-zoom="0.75">75 %</button> <button type="button" data-zoom="1">100 %</button></div>'
)


@dataclass(frozen=True)
class ClaimLabel:
    """A label shown on a claim's node and in its details (argmap evaluate: IN, OUT, UNDECIDED)."""

    label: str
    explanation: str


def _asset(name: str) -> str:
    return resources.files("argmap.writers").joinpath("html_assets", name).read_text(encoding="utf-8")


def _json_for_script(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_page(
    resolved: ResolvedMap,
    problems: Sequence[Problem] = (),
    labels: Mapping[str, ClaimLabel] | None = None,
    timeout: float = 30.0,
) -> bytes:
    """The page; `labels` (from an evaluation) go on the nodes and into each claim's details."""
    labels = labels or {}
    svg, width = _diagram(resolved, labels, timeout)
    script = _asset("page.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
    title = resolved.model.title or (resolved.model.sources[0].title if resolved.model.sources else None) or "Map"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="argmap">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_asset('page.css')}{_kind_css()}</style>",
        "</head>",
        "<body>",
        f'<header class="page"><h1>{escape(title)}</h1>{_byline(resolved)}</header>',
        '<div class="layout">',
        _navigation(resolved, problems),
        '<section id="diagram" aria-label="Argument diagram">',
        ZOOM,
        svg.replace("<svg ", f'<svg data-width="{width:.0f}" ', 1),
        "</section>",
        _sources(resolved),
        "</div>",
        f'<script type="application/json" id="argmap-claims">{_json_for_script(_claims(resolved, labels))}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def _kind_css() -> str:
    return "".join(
        f"mark.kind-{kind} {{ background: {MARK_FILL[kind]}; border-bottom-color: {MARK_LINE[kind]}; }}\n"
        for kind in NODE_STYLES
    )


def _byline(resolved: ResolvedMap) -> str:
    sources = resolved.model.sources
    if not sources:
        return ""
    source = sources[0]
    words = [f"“{source.title}”" if source.title else "", f"by {source.author}" if source.author else ""]
    extra = ", ".join(x for x in (source.publisher, source.section, source.date) if x)
    line = " ".join(w for w in words if w) + (f" ({extra})" if extra else "")
    return f"<p>{escape(line)}</p>" if line else ""


def _diagram(resolved: ResolvedMap, labels: Mapping[str, ClaimLabel], timeout: float) -> tuple[str, float]:
    graph = build_graph(resolved, GraphOptions(title=False))
    root = ElementTree.fromstring(render(graph, "svg", timeout=timeout))
    width = float(root.attrib.get("viewBox", "0 0 0 0").split()[2])
    root.attrib.pop("height", None)
    root.set("width", f"{width:.0f}")
    root.set("role", "img")
    root.set("aria-label", "Argument diagram: click a claim to see its words in the text")
    for g in root.iter(f"{{{_SVG_NS}}}g"):
        element_id = g.attrib.get("id", "")
        if "node" in g.attrib.get("class", "").split() and element_id.startswith("claim-"):
            claim_id = element_id[len("claim-") :]
            claim = resolved.claims.get(claim_id)
            g.set("data-claim", claim_id)
            g.set("tabindex", "0")
            g.set("role", "button")
            kind = claim.kind if claim else "claim"
            text = claim.text if claim else ""
            g.set("aria-label", f"{claim_id}, {kind}: {text}")
            if claim_id in labels:
                g.set("data-evaluation", labels[claim_id].label)
    svg = ElementTree.tostring(root, encoding="unicode")
    return svg, width


def _navigation(resolved: ResolvedMap, problems: Sequence[Problem]) -> str:
    out = ['<nav class="toc" aria-label="Groups and problems">', "<h2>Groups</h2>", "<ol>"]
    groups = resolved.model.groups
    if groups:  # the diagram's boxes, each linked
        for group_id, group in groups.items():
            members = sum(1 for c in resolved.claims.values() if c.group == group_id and c.kind != "thesis")
            if members:
                link = f'<a href="#group-{escape(group_id)}" data-group="{escape(group_id)}">{escape(group.label)}</a>'
                out.append(f'<li>{link} <span class="count">({members})</span></li>')
    else:  # no groups: the thesis's reasons, each linked to its claim
        for section in sections(resolved):
            first = section.claims[0]
            link = f'<a href="#claim-{escape(first)}" data-goto="{escape(first)}">{escape(section.label)}</a>'
            out.append(f'<li>{link} <span class="count">({len(section.claims)})</span></li>')
    out.append("</ol>")
    thesis = thesis_of(resolved)
    if thesis is not None:
        out.append(
            f'<p>Thesis: <a href="#claim-{escape(thesis)}" data-goto="{escape(thesis)}">{escape(thesis)}</a></p>'
        )
    out += _problems(resolved, problems)
    out.append('<div id="details" aria-live="polite"><p class="muted">Click a claim or a passage.</p></div>')
    out.append(_key())
    out.append("</nav>")
    return "\n".join(out)


def _problems(resolved: ResolvedMap, problems: Sequence[Problem]) -> list[str]:
    if not problems:
        return ["<h2>Problems</h2>", '<p class="muted">argmap check found none.</p>']
    starts: list[tuple[str, int, str]] = []  # (file, line, claim): where each claim is written
    for claim_id, path in resolved.claim_paths.items():
        file, position = resolved.locator.locate(path)
        starts.append((file, position.line, claim_id))
    starts.sort()
    out = [f"<h2>Problems ({len(problems)})</h2>", '<ul class="problems">']
    for found in problems:
        owner = max((s for s in starts if s[0] == found.file and s[1] <= found.line), default=None, key=lambda s: s[1])
        where = f"{found.file}:{found.line}:{found.column}"
        text = (
            f"<code>{escape(where)}</code> {escape(str(found.severity))} {escape(found.code)}: {escape(found.message)}"
        )
        if owner is not None:
            text = f'<a href="#claim-{escape(owner[2])}" data-goto="{escape(owner[2])}">{escape(owner[2])}</a> · {text}'
        out.append(f'<li class="{escape(str(found.severity))}">{text}</li>')
    out.append("</ul>")
    return out


def _key() -> str:
    kinds = " ".join(f'<mark class="quote kind-{k}">{k}</mark>' for k in NODE_STYLES)
    return f'<p class="key">Quotes: {kinds}<br><span class="uncovered">shaded</span>: no claim quotes it</p>'


def _sources(resolved: ResolvedMap) -> str:
    sources = resolved.model.sources
    out = ['<section id="text" aria-label="Source text">']
    if len(sources) > 1:
        out.append('<div role="tablist" aria-label="Sources">')
        for source in sources:
            name = source.title or source.id
            out.append(
                f'<button type="button" role="tab" id="tab-{escape(source.id)}" aria-controls="source-{escape(source.id)}"'
                f' aria-selected="false">{escape(name)}</button>'
            )
        out.append("</div>")
    for source in sources:
        heading = source.title or source.id
        byline = ", ".join(x for x in (source.author, source.date) if x)
        out.append(f'<article class="source" id="source-{escape(source.id)}" data-source="{escape(source.id)}">')
        out.append(f"<h2>{escape(heading)}" + (f" — {escape(byline)}" if byline else "") + "</h2>")
        out.append(f'<div class="source-text">{source_html(resolved, source.id)}</div>')
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _claims(resolved: ResolvedMap, labels: Mapping[str, ClaimLabel]) -> dict[str, dict[str, object]]:
    groups = resolved.model.groups
    found: dict[str, dict[str, object]] = {}
    for claim_id, claim in resolved.claims.items():
        entry: dict[str, object] = {
            "kind": claim.kind,
            "text": claim.text,
            "group": groups[claim.group].label if claim.group in groups and claim.group else None,
            "quoted": any(q.found for q in resolved.quotes.get(claim_id, [])),
        }
        if claim_id in labels:
            entry["evaluation"] = {"label": labels[claim_id].label, "explanation": labels[claim_id].explanation}
        found[claim_id] = entry
    return found
