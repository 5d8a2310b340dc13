"""`argmap html`: one self-contained page, every quote marked, everything from a map escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import FLAGSHIP, MINIMAL_MAP
from tests.html_pages import HOSTILE_SOURCE, HOSTILE_TEXT, hostile_map

from argmap.check.pipeline import check_map
from argmap.writers.html import ClaimLabel, html_page

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


class Page(HTMLParser):
    """Every start tag with its attributes, the text in <mark>s by quote, and the scripts' text."""

    def __init__(self, page: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: dict[str, str] = {}
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._script: dict[str, str | None] | None = None
        self.feed(page.decode("utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "mark" and found.get("data-quote"):
            self._open.append(str(found["data-quote"]))
        elif tag == "mark":
            self._open.append("")
        if tag == "script":
            self._script = found

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
            return
        self.text.append(data)
        for quote in dict.fromkeys(q for q in self._open if q):
            self.marks[quote] = self.marks.get(quote, "") + data


def flagship_page() -> tuple[bytes, Page]:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    page = html_page(result.resolved, result.problems)
    return page, Page(page)


@needs_dot
def test_every_found_quote_is_marked_with_exactly_its_words() -> None:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    parsed = Page(html_page(result.resolved))
    text = result.resolved.sources["oped"].text
    assert text is not None
    expected = {}
    for claim_id, quotes in result.resolved.quotes.items():
        for index, entry in enumerate(quotes):
            if entry.found and entry.match is not None and entry.source_id == "oped":
                expected[f"{claim_id}.{index + 1}"] = "".join(text.text[s.start : s.end] for s in entry.match.spans)
    assert parsed.marks == expected


@needs_dot
def test_every_claim_has_one_node_and_marks_carry_kind_colours() -> None:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    _, parsed = flagship_page()
    nodes = [a["data-claim"] for tag, a in parsed.tags if tag == "g" and a.get("data-claim")]
    assert sorted(nodes) == sorted(result.resolved.claims)
    for tag, attrs in parsed.tags:
        if tag == "mark" and attrs.get("data-claim"):
            claim = result.resolved.claims[str(attrs["data-claim"])]
            assert f"kind-{claim.kind}" in str(attrs["class"]).split()
    focusable = [a for tag, a in parsed.tags if tag == "g" and a.get("data-claim") and a.get("tabindex") == "0"]
    assert len(focusable) == len(nodes)


@needs_dot
def test_the_page_needs_nothing_from_outside() -> None:
    page, parsed = flagship_page()
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        for key in ("src", "href", "xlink:href", "action"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, key, value)
    assert b"http://" not in page.replace(b"http://www.w3.org/", b"") and b"https://" not in page
    policy = next(a["content"] for tag, a in parsed.tags if tag == "meta" and a.get("http-equiv"))
    assert policy is not None and "default-src 'none'" in policy
    (script,) = [text for attrs, text in parsed.scripts if attrs.get("type") is None]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy


@needs_dot
def test_the_page_lists_groups_and_is_deterministic() -> None:
    page, parsed = flagship_page()
    assert page == flagship_page()[0]
    groups = [a["data-group"] for tag, a in parsed.tags if tag == "a" and a.get("data-group")]
    assert groups == ["coord", "ties", "shared", "russia", "china", "nato"]
    uncovered = [a for tag, a in parsed.tags if tag == "span" and a.get("class") == "uncovered" and a.get("title")]
    assert uncovered == []  # the op-ed is fully covered
    claims = json.loads(next(t for a, t in parsed.scripts if a.get("type") == "application/json"))
    assert claims["T1"]["kind"] == "thesis" and claims["E1"]["group"] == "Bilateral ties"


@needs_dot
def test_problems_are_listed_and_linked_to_their_claims(project: Path) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP.replace("spoke highly of the current", "spoke warmly of the current"))
    result = check_map(path)
    assert result.resolved is not None and result.problems
    parsed = Page(html_page(result.resolved, result.problems))
    links = [a["data-goto"] for tag, a in parsed.tags if tag == "a" and a.get("data-goto")]
    assert "P1" in links
    assert any("AM206" in t for t in parsed.text)
    uncovered = [a for tag, a in parsed.tags if tag == "span" and a.get("class") == "uncovered" and a.get("title")]
    assert uncovered  # most of the op-ed is not quoted by this small map


@needs_dot
def test_several_sources_get_tabs_and_labels_reach_nodes_and_details(project: Path) -> None:
    (project / "seeds" / "other.txt").write_text("NATO said China poses systemic challenges.\n")
    path = project / "arguments" / "map.yaml"
    path.write_text(
        MINIMAL_MAP.replace(
            "    path: ../seeds/oped.txt\n", "    path: ../seeds/oped.txt\n  - id: nato\n    path: ../seeds/other.txt\n"
        )
        + "  - id: E1\n    kind: evidence\n    text: NATO said so.\n    quote:\n      exact: China poses systemic challenges\n"
        "      source: nato\n    attacks: P1\n"
    )
    result = check_map(path)
    assert result.resolved is not None
    parsed = Page(html_page(result.resolved, labels={"P1": ClaimLabel("OUT", "attacked by E1, which stands")}))
    tabs = [a["aria-controls"] for tag, a in parsed.tags if a.get("role") == "tab"]
    assert tabs == ["source-oped", "source-nato"]
    assert parsed.marks["E1.1"] == "China poses systemic challenges"
    (node,) = [a for tag, a in parsed.tags if tag == "g" and a.get("data-claim") == "P1"]
    assert node["data-evaluation"] == "OUT"
    claims = json.loads(next(t for a, t in parsed.scripts if a.get("type") == "application/json"))
    assert claims["P1"]["evaluation"] == {"label": "OUT", "explanation": "attacked by E1, which stands"}


@needs_dot
def test_a_hostile_map_is_shown_as_text(project: Path) -> None:
    result = check_map(hostile_map(project))
    assert result.resolved is not None
    page = html_page(result.resolved, result.problems)
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"img", "iframe", "b"}, tags
    assert [a for a, _ in parsed.scripts] == [{"type": "application/json", "id": "argmap-claims"}, {}]
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    shown = "".join(parsed.text)
    assert HOSTILE_TEXT in shown and "</script><script>window.__argmapRan=2</script>" in shown
    assert "<b onmouseover=alert(1)>bold</b>" in shown
    assert HOSTILE_SOURCE.splitlines()[0] in shown
    claims = json.loads(next(t for a, t in parsed.scripts if a.get("type") == "application/json"))
    assert claims["T1"]["text"] == HOSTILE_TEXT


@needs_dot
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip))
def test_any_claim_text_comes_back_as_text(project: Path, text: str) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP.replace("text: Their relations are good.", f"text: {json.dumps(text)}"))
    result = check_map(path)
    if result.resolved is None or "P1" not in result.resolved.claims:
        return  # a text YAML refuses is check's business (tested there)
    parsed = Page(html_page(result.resolved))
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "p",
        "div",
        "nav",
        "h2",
        "ol",
        "li",
        "a",
        "span",
        "section",
        "button",
        "svg",
        "g",
        "polygon",
        "path",
        "text",
        "ellipse",
        "article",
        "mark",
        "script",
        "ul",
        "br",
        "i",
        "b",
        "font",
        "polyline",
    }, tags
    claims = json.loads(next(t for a, t in parsed.scripts if a.get("type") == "application/json"))
    assert claims["P1"]["text"] == result.resolved.claims["P1"].text
    (node,) = [a for tag, a in parsed.tags if tag == "g" and a.get("data-claim") == "P1"]
    assert node["aria-label"] == f"P1, premise: {result.resolved.claims['P1'].text}"


@needs_dot
def test_hovering_a_node_or_a_passage_names_the_claim_its_kind_and_paraphrase() -> None:
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    _, parsed = flagship_page()
    claim = result.resolved.claims["E13"]
    tips = [a.get("xlink:title") for tag, a in parsed.tags if tag == "a" and a.get("xlink:title")]
    assert any(t is not None and t.startswith("E13 · evidence") and claim.text in t for t in tips)
    marks = [a["title"] for tag, a in parsed.tags if tag == "mark" and a.get("data-claim") == "E13"]
    assert marks and all(t == f"E13 · evidence: {claim.text}" for t in marks)
