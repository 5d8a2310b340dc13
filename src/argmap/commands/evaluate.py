"""`argmap evaluate`: what the argument comes to: every claim and relation IN, OUT or UNDECIDED.

Only click and the standard library are imported here, so `argmap --help` stays
fast; the pipeline and the analysis are imported when the command runs.

Exit codes: 0, or 1 when the map has check errors (or warnings, with `strict`) or the thesis's verdict is one named
by --fail-if; 2 for a usage error, a map that cannot be read, a broken configuration,
or an output that cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.commands.common import EXIT_PROBLEMS, EXIT_UNUSABLE, colour_wanted, exit_code, fail, map_inputs
from argmap.format.vocabulary import REPORT_FORMATS, format_names

if TYPE_CHECKING:
    from argmap.check.pipeline import Options


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--why",
    "why",
    multiple=True,
    metavar="ID",
    help="Explain the label of this claim or relation (an id, or a link `FROM -> TO`). Repeatable.",
)
@click.option(
    "--reject",
    multiple=True,
    metavar="ID",
    help='Evaluate as if this claim were withdrawn ("what if we do not grant this?"). Repeatable.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(format_names(REPORT_FORMATS)),
    default="text",
    show_default=True,
    help="text for people; json for tools (docs/evaluation.md, schema/evaluation.schema.json).",
)
@click.option(
    "--fail-if",
    "fail_if",
    multiple=True,
    type=click.Choice(["defeated", "undecided"]),
    help="Exit 1 when the thesis's verdict is this. Repeatable.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.",
)
@map_inputs
def evaluate(
    map_file: Path,
    why: tuple[str, ...],
    reject: tuple[str, ...],
    fmt: str,
    fail_if: tuple[str, ...],
    output: Path | None,
    options: Options,
) -> int:
    """Label every claim and relation IN, OUT or UNDECIDED (grounded semantics) and give the thesis's verdict.

    Leads with the verdict (standing, standing without support, defeated, undecided),
    then the objections nobody answers and what each one defeats.
    """
    from argmap.analysis.evaluate import evaluate as evaluate_map
    from argmap.analysis.evaluation_report import format_json, format_text
    from argmap.analysis.explain import explain
    from argmap.check.pipeline import check_map
    from argmap.writers.files import WriteError, write_output
    from argmap.writers.problems import format_text as problem_text

    result = check_map(map_file, options)  # with the project's configuration applied
    if result.problems and (result.errors or result.resolved is None):
        click.echo(
            problem_text([p for p in result.problems if p.is_error], 1, colour_wanted(sys.stderr)), nl=False, err=True
        )
    resolved = result.resolved
    if resolved is None:
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    if result.errors:
        click.echo(
            f"argmap: note: {result.file} has {result.errors} check error(s); evaluating what resolved "
            f"(run `argmap check {result.file}`)",
            err=True,
        )
    unknown = [claim for claim in reject if claim not in resolved.claims]
    if unknown:
        return fail(
            f"--reject: the map has no claim {', '.join(f'`{c}`' for c in unknown)}"
            f"{_case_hint(unknown[0], list(resolved.claims))}"
        )
    evaluation = evaluate_map(resolved, reject)
    if why:
        lines = []
        for name in why:
            node = evaluation.find(name)
            if node is None:
                return fail(
                    f"--why: the map has no claim or relation `{name}`"
                    f"{_case_hint(name, list(evaluation.claims))}; name a claim id, a relation's id, "
                    "or a link as FROM -> TO"
                )
            lines.append(explain(evaluation, node))
        text = "\n".join(lines) + "\n"
    else:
        text = format_json(result.file, evaluation) if fmt == "json" else format_text(result.file, evaluation)
    try:
        write_output(output, text.encode("utf-8"))
    except WriteError as error:
        return fail(str(error))
    if evaluation.verdict is not None and evaluation.verdict in fail_if:
        return EXIT_PROBLEMS
    return exit_code([result], options.config.strict)  # errors, and warnings when strict


def _case_hint(name: str, known: list[str]) -> str:
    import difflib

    same = [k for k in known if k.casefold() == name.casefold()]
    close = same or difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
