"""The class overview as text, Markdown, CSV and JSON (docs/evaluation.md, "A class at a glance")."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from argmap.analysis.classroom import CLASS_VERSION, Overview, Row

COLUMNS = ("overlay", "added by", "added", "answers", "errors", "warnings", "verdict", "unanswered", "problem")


_PLURALS = {"thesis": "theses", "evidence": "evidence"}


def _added(row: Row) -> str:
    def counted(kind: str, count: int) -> str:
        return f"{count} {kind if count == 1 else _PLURALS.get(kind, kind + 's')}"

    return ", ".join(counted(kind, count) for kind, count in sorted(row.added.items())) or "-"


def _cells(row: Row) -> list[str]:
    return [
        row.file,
        row.added_by or "-",
        _added(row),
        " ".join(row.answers) or "-",
        str(row.errors),
        str(row.warnings),
        row.verdict,
        " ".join(row.unanswered) or "-",
        row.problem or "",
    ]


def _attacked_lines(table: Overview) -> list[list[str]]:
    return [[claim, str(count)] for claim, count in table.attacked().items()]


def format_text(table: Overview) -> str:
    rows = [list(COLUMNS), *(_cells(row) for row in table.rows)]
    shown = [c for c in range(len(COLUMNS)) if c != len(COLUMNS) - 1]  # problems go below, in full
    widths = {c: max(len(r[c]) for r in rows) for c in shown}
    lines = [f"base {table.base}: thesis {table.base_verdict}; {len(table.rows)} overlays", ""]
    for r in rows:
        lines.append("  ".join(r[c].ljust(widths[c]) for c in shown).rstrip())
    problems = [row for row in table.rows if row.problem]
    if problems:
        lines += ["", "problems:"] + [f"  {_located(row)}" for row in problems]
    attacked = _attacked_lines(table)
    lines += ["", "base claims attacked, by how many overlays:"]
    lines += [f"  {claim:<8} {count}" for claim, count in attacked] or ["  none"]
    return "\n".join(lines) + "\n"


def _located(row: Row) -> str:
    """The problem, starting with the overlay's name unless the problem already names a file."""
    problem = row.problem or ""
    return problem if problem.startswith(f"{row.file}:") else f"{row.file}: {problem}"


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def format_markdown(table: Overview) -> str:
    lines = [
        f"**Base** `{_md(table.base)}`: thesis {table.base_verdict}; {len(table.rows)} overlays",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_md(c) for c in _cells(row)) + " |" for row in table.rows]
    lines += ["", "| base claim | overlays attacking it |", "|---|---|"]
    lines += [f"| {claim} | {count} |" for claim, count in _attacked_lines(table)]
    return "\n".join(lines) + "\n"


def format_csv(table: Overview) -> str:
    """One row per overlay (the per-claim counts are in the JSON and the other formats)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.replace(" ", "_") for c in COLUMNS])
    for row in table.rows:
        cells = _cells(row)
        cells[2] = ";".join(f"{kind}={count}" for kind, count in sorted(row.added.items()))
        writer.writerow([_spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def _spreadsheet_safe(cell: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: a student's text must stay text.
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") and cell != "-" else cell


def overview_dict(table: Overview) -> dict[str, Any]:
    return {
        "argmap_class": CLASS_VERSION,
        "base": {"map": table.base, "verdict": table.base_verdict},
        "overlays": [
            {
                "map": row.file,
                "added_by": row.added_by,
                "added": dict(sorted(row.added.items())),
                "answers": list(row.answers),
                "errors": row.errors,
                "warnings": row.warnings,
                "verdict": row.verdict,
                "unanswered": list(row.unanswered),
                "problem": row.problem,
            }
            for row in table.rows
        ],
        "attacked": table.attacked(),
    }


def format_json(table: Overview) -> str:
    return json.dumps(overview_dict(table), indent=2, ensure_ascii=False) + "\n"
