"""Drawing with Graphviz: DOT piped through the system's `dot` program, with a timeout.

`render(graph, fmt)` writes the graph as DOT (`argmap.writers.dot`) and, for svg, png
and pdf, runs `dot -T<fmt>`. `check_svg` parses what `dot` produced and refuses
scripts, event handlers and foreign content before anything is written.
"""

from __future__ import annotations

import subprocess
from xml.etree import ElementTree

from argmap.format.vocabulary import DIAGRAM_FORMATS, format_names
from argmap.graph.elements import Graph
from argmap.writers.dot import to_dot

FORMATS: tuple[str, ...] = format_names(DIAGRAM_FORMATS)
DEFAULT_TIMEOUT = 30.0

MISSING_DOT = (
    "Graphviz's `dot` program is not installed (or not on PATH); argmap needs it to draw {fmt}.\n"
    "  Install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS),\n"
    "  or see https://graphviz.org/download/.\n"
    "  `--format dot` writes the diagram's Graphviz source without it."
)


class RenderError(Exception):
    """Graphviz could not draw the picture; the message says why, for a person."""


class DotMissing(RenderError):
    """Graphviz's `dot` is not installed: no picture can be drawn, only DOT written."""


# --- drawing ------------------------------------------------------------------------------------


def render(graph: Graph, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The picture in `fmt` (svg, png, pdf; dot is the source itself)."""
    source = to_dot(graph)
    if fmt == "dot":
        return source.encode("utf-8")
    return run_dot(source, fmt, timeout)


def run_dot(source: str, fmt: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Pipe DOT through Graphviz's `dot -T<fmt>`; RenderError on a missing, failing or hanging `dot`."""
    if fmt not in FORMATS or fmt == "dot":
        raise RenderError(f"cannot draw format `{fmt}`; use one of {', '.join(FORMATS)}")
    command = ["dot", f"-T{fmt}"]
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        raise DotMissing(MISSING_DOT.format(fmt=fmt.upper())) from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz `dot` did not finish drawing {fmt.upper()} within {timeout:g} s and was stopped; "
            "try a smaller selection (--focus, --group), or a longer --timeout"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot run Graphviz `dot`: {error.strerror or error}") from None
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(said[-3:]) if said else "no message"
        status = f"exit status {done.returncode}" if done.returncode >= 0 else f"signal {-done.returncode}"
        raise RenderError(f"Graphviz `dot` failed to draw {fmt.upper()} ({status}): {detail}")
    if fmt == "svg":
        check_svg(done.stdout)
    return done.stdout


_SVG = "{http://www.w3.org/2000/svg}"
_FORBIDDEN = {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener"}


def check_svg(data: bytes) -> None:
    """The SVG is well-formed and carries nothing active: no scripts, handlers or foreign content."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise RenderError(f"Graphviz produced SVG that is not well-formed XML ({error}); not writing it") from None
    if root.tag != f"{_SVG}svg":
        raise RenderError("Graphviz's output is not an SVG document; not writing it")
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN:
            raise RenderError(f"the SVG holds a <{name}> element; not writing it")
        for key, value in element.attrib.items():
            local = key.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (
                local == "href" and value.strip().lower().startswith(("javascript:", "data:"))
            ):
                raise RenderError(f"the SVG holds an active attribute `{local}`; not writing it")
