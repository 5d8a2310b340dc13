"""`argmap slides` and `argmap html` from the command line: files, formats, exit codes, messages."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from tests.conftest import FLAGSHIP, MINIMAL_MAP, Run

needs_tools = pytest.mark.skipif(
    shutil.which("dot") is None or shutil.which("rsvg-convert") is None, reason="needs Graphviz and librsvg"
)


def pdf_pages(data: bytes) -> int:
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


@needs_tools
def test_a_pdf_deck_has_a_page_per_slide_and_the_same_bytes_each_time(run: Callable[..., Run], tmp_path: Path) -> None:
    first = run("slides", str(FLAGSHIP), "-o", str(tmp_path / "deck.pdf"))
    assert first.code == 0, first.err
    again = run("slides", str(FLAGSHIP), "-o", str(tmp_path / "again.pdf"))
    assert again.code == 0
    data = (tmp_path / "deck.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data == (tmp_path / "again.pdf").read_bytes()
    folder = tmp_path / "svg"
    assert run("slides", str(FLAGSHIP), "-o", str(folder), "--format", "svg").code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names[:2] == ["slide-01-title.svg", "slide-02-overview.svg"]
    assert pdf_pages(data) == len(names)
    for name in names:
        root = ElementTree.fromstring((folder / name).read_bytes())
        assert root.attrib["viewBox"] == "0 0 1280 720"


@needs_tools
def test_png_slides_are_full_hd(run: Callable[..., Run], tmp_path: Path, project: Path) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP)
    assert run("slides", str(path), "-o", str(tmp_path / "png"), "--format", "png").code == 0
    pictures = sorted((tmp_path / "png").iterdir())
    assert [p.name for p in pictures] == ["slide-01-title.png", "slide-02-overview.png", "slide-03-P1.png"]
    header = pictures[0].read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == 1920 and int.from_bytes(header[20:24], "big") == 1080


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["-o", "deck.pdf", "--format", "svg"], "ends in .pdf but --format is svg"),
        (["-o", "slides"], "is not a .pdf file"),
        (["-o", "one.svg", "--format", "svg"], "-o names the folder"),
        (["-o", "-"], "not to standard output"),
    ],
)
def test_a_slides_output_that_disagrees_with_its_format_is_refused(
    run: Callable[..., Run], tmp_path: Path, arguments: list[str], said: str
) -> None:
    done = run(
        "slides",
        str(FLAGSHIP),
        *[str(tmp_path / a) if a.startswith(("deck", "slides", "one")) else a for a in arguments],
    )
    assert done.code == 2 and said in done.err
    assert list(tmp_path.iterdir()) == []


@needs_tools
def test_html_writes_one_page_and_exits_1_on_check_errors(
    run: Callable[..., Run], tmp_path: Path, project: Path
) -> None:
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP.replace("supports: T1", "supports: T9"))
    done = run("html", str(path), "-o", str(tmp_path / "page.html"))
    assert done.code == 1 and "1 error" in done.err
    page = (tmp_path / "page.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "AM301" in page
    refused = run("html", str(path), "-o", str(tmp_path / "page.svg"))
    assert refused.code == 2 and "name a .html file" in refused.err
    missing = run("html", str(tmp_path / "nothere.yaml"))
    assert missing.code == 2 and "AM100" in missing.err


@needs_tools
@pytest.mark.parametrize("command", ["html", "slides"])
def test_slides_and_html_follow_the_project_configuration(
    run: Callable[..., Run], tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(project)
    path = project / "arguments" / "map.yaml"
    path.write_text(MINIMAL_MAP.replace("Sino-Russian", "Sino\u2013Russian"))  # AM207, a warning by default
    suffix = ".html" if command == "html" else ".pdf"
    assert run(command, str(path), "-o", str(tmp_path / f"plain{suffix}")).code == 0
    (project / ".argmap.toml").write_text('[rules]\nAM207 = "error"\n')
    raised = run(command, str(path), "-o", str(tmp_path / f"raised{suffix}"))
    assert raised.code == 1 and "1 error(s)" in raised.err
    if command == "html":
        assert "AM207" in (tmp_path / "raised.html").read_text()
    (project / ".argmap.toml").write_text('[rules]\nAM999 = "error"\n')
    broken = run(command, str(path), "-o", str(tmp_path / f"broken{suffix}"))
    assert broken.code == 2 and "fix the configuration" in broken.err
    assert not (tmp_path / f"broken{suffix}").exists()
