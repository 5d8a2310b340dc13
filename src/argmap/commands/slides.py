"""`argmap slides` and `argmap html`: a deck for the classroom, a page for the browser.

Only click and the standard library are imported here, so `argmap --help` stays fast.
Both commands are added to the `argmap` group in `argmap.commands.main`.

Exit codes: 0 written from a map without errors; 1 the map had check errors (or warnings, with `strict`) (what resolved
is still shown, after a warning); 2 usage error, an unreadable map, Graphviz or librsvg
missing or failing, or an output that could not be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import (
    EXIT_PROBLEMS,
    EXIT_UNUSABLE,
    exit_code,
    fail,
    map_inputs,
    report_problems,
    timeout_option,
)
from argmap.format import vocabulary
from argmap.format.vocabulary import format_names

if TYPE_CHECKING:
    from argmap.check.pipeline import MapResult, Options

SLIDE_FORMATS = format_names(vocabulary.SLIDE_FORMATS)


def _resolve(map_file: Path, options: Options) -> MapResult:
    """Check the map, saying why when nothing resolved; a warning names any problems."""
    from argmap.check.pipeline import check_map

    result = check_map(map_file, options)
    if result.resolved is None:
        report_problems(result)
        click.echo(f"argmap: {result.file}: nothing to show", err=True)
        return result
    if result.problems:
        lead = "showing what resolved" if result.errors else "showing it"
        click.echo(
            f"argmap: warning: {result.file} has {result.errors} error(s) and {result.warnings} warning(s) "
            f"(run `argmap check {result.file}`); {lead}",
            err=True,
        )
    return result


def slide_target(map_file: Path, output: Path | None, fmt: str | None) -> tuple[Path, str] | str:
    """Where the deck goes and in what format, or why that cannot be: PDF is one file, SVG and PNG a folder."""
    if fmt is not None:
        fmt = fmt.lower()
    if output is None:
        fmt = fmt or "pdf"
        stem = map_file.with_suffix("").name + "-slides"
        return (map_file.with_name(stem + ".pdf") if fmt == "pdf" else map_file.with_name(stem)), fmt
    if str(output) == "-":
        return (
            "slides are written to a file (-o deck.pdf) or a folder (-o DIR --format svg|png), not to standard output"
        )
    suffix = output.suffix.lower()
    if suffix == ".pdf" and fmt in (None, "pdf"):
        if output.is_dir():
            return f"{output} is a folder; name the PDF file to write, e.g. -o {output / 'deck.pdf'}"
        return output, "pdf"
    if suffix == ".pdf":
        return f"-o {output} ends in .pdf but --format is {fmt}; SVG and PNG slides go into a folder: -o DIR --format {fmt}"
    if fmt == "pdf" or fmt is None:
        if output.is_dir() or not suffix:
            return (
                f"-o {output} is not a .pdf file: name one (-o deck.pdf), or add --format svg or --format png "
                f"to write one file per slide into the folder {output}"
            )
        return f"-o {output}: slides are a .pdf file, or a folder of SVG or PNG files (-o DIR --format svg|png)"
    if suffix in (".svg", ".png", ".html"):
        return f"--format {fmt} writes one file per slide into a folder; -o names the folder (e.g. -o {output.with_suffix('')})"
    if output.exists() and not output.is_dir():
        return f"{output} is a file; --format {fmt} writes one file per slide into a folder"
    return output, fmt


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="deck.pdf, or a folder for --format svg|png. Default: MAP-slides.pdf (or the folder MAP-slides/) beside the map.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SLIDE_FORMATS, case_sensitive=False),
    default=None,
    help="pdf (default): one file, a page per slide; svg or png: one file per slide in the -o folder.",
)
@timeout_option("Stop Graphviz or librsvg after this long, for each drawing.")
@map_inputs
def slides(
    map_file: Path,
    output: Path | None,
    fmt: str | None,
    timeout: float,
    options: Options,
) -> int:
    """A 16:9 slide deck: a title, an overview of the groups, then a slide per group.

    Each slide is legible from the back of a room: projected at 1280 x 720, claim text is at
    least 14 px high and nothing is under 10 px; a group too big for that continues on the next
    slide. Claims outside a group that it argues with are drawn as small stubs naming their group.
    """
    from argmap.writers.files import WriteError, write_atomic
    from argmap.writers.graphviz import RenderError
    from argmap.writers.slide_page import convert
    from argmap.writers.slides import deck

    target = slide_target(map_file, output, fmt)
    if isinstance(target, str):
        return fail(target)
    path, chosen = target
    result = _resolve(map_file, options)
    if result.resolved is None:
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    try:
        made = deck(result.resolved, timeout=timeout)
        if chosen == "pdf":
            write_atomic(path, convert([s.svg for s in made], "pdf", timeout)[0])
        else:
            pages = [s.svg for s in made] if chosen == "svg" else convert([s.svg for s in made], "png", timeout)
            path.mkdir(parents=True, exist_ok=True)
            for slide, data in zip(made, pages, strict=True):
                write_atomic(path / f"slide-{slide.name}.{chosen}", data)
    except RenderError as error:
        return fail(f"{result.file}: {error}")
    except WriteError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write {path}: {error.strerror or error}")
    click.echo(f"argmap: wrote {len(made)} slides to {path}", err=True)
    return exit_code([result], options.config.strict)  # strict: warnings fail too


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="The page to write (`-` for standard output). Default: MAP.html beside the map.",
)
@timeout_option()
@map_inputs
def html(
    map_file: Path,
    output: Path | None,
    timeout: float,
    options: Options,
) -> int:
    """One self-contained web page: the diagram beside the source text, quotes marked in it.

    Click a claim to see its words in the text, or a marked passage to find its claim; the
    problems `argmap check` finds are listed and linked. The file needs nothing else: open it
    from disk, mail it, put it on a course page.
    """
    from argmap.writers.files import WriteError, write_output
    from argmap.writers.graphviz import RenderError
    from argmap.writers.html import html_page

    if output is not None and str(output) != "-" and output.suffix.lower() not in (".html", ".htm"):
        return fail(f"-o {output}: the page is HTML; name a .html file")
    result = _resolve(map_file, options)
    if result.resolved is None:
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    target = output if output is not None else map_file.with_suffix(".html")
    try:
        write_output(target, html_page(result.resolved, result.problems, timeout=timeout))
    except RenderError as error:
        return fail(f"{result.file}: {error}")
    except WriteError as error:
        return fail(str(error))
    if str(target) != "-":
        click.echo(f"argmap: wrote {target}", err=True)
    return exit_code([result], options.config.strict)  # strict: warnings fail too
