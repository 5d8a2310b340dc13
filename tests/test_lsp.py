"""`argmap lsp` end to end: the real server over stdio, driven as an editor drives it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from conftest import MINIMAL_MAP
from lsp_editor import Editor, editor, position_of
from lsprotocol import types

TYPO = MINIMAL_MAP.replace("Sino-Russian relations", "Sino-Russian relatoins")
STRAIGHT = MINIMAL_MAP.replace(
    "spoke highly of the current state of Sino-Russian relations",
    "they won't accept any attempt to politicize the Games",
)
OVERLAY = """\
argmap: 1
extends: map.yaml
claims:
  - id: S1
    kind: objection
    text: The coordination is talk.
    implicit: true
    attacks: T1
"""


def drive(project: Path, scenario: Callable[[Editor], Awaitable[None]]) -> None:
    async def run() -> None:
        async with editor(project) as opened:
            await scenario(opened)

    asyncio.run(run())


def write_map(project: Path, text: str, name: str = "map.yaml") -> Path:
    path = project / "arguments" / name
    path.write_text(text, encoding="utf-8")
    return path.resolve()


def test_a_mistyped_quote_is_reported_on_its_words_and_cleared_when_fixed(project: Path) -> None:
    path = write_map(project, TYPO)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        [found] = await opened.diagnostics(path)
        assert (found.code, found.severity, found.source) == ("AM206", types.DiagnosticSeverity.Error, "argmap")
        assert "Sino-Russian relations" in found.message  # the closest passage
        quote = "spoke highly of the current state of Sino-Russian relatoins"
        line, column = position_of(TYPO, quote)
        assert found.range == types.Range(
            start=types.Position(line=line, character=column),
            end=types.Position(line=line, character=column + len(quote)),
        )
        opened.change(path, MINIMAL_MAP)
        assert await opened.diagnostics(path) == []

    drive(project, scenario)


def test_ranges_count_utf8_bytes_when_the_editor_chose_utf8(project: Path) -> None:
    quote = "they won\u2019t acept any attempt to politicize the Games"
    text = MINIMAL_MAP.replace("spoke highly of the current state of Sino-Russian relations", quote)
    path = write_map(project, text)

    async def run() -> None:
        async with editor(project, encodings=["utf-8"]) as opened:
            opened.open(path)
            [found] = await opened.diagnostics(path)
            line, column = position_of(text, quote)
            assert found.code == "AM206"
            assert found.range == types.Range(
                start=types.Position(line=line, character=column),
                end=types.Position(line=line, character=column + len(quote.encode("utf-8"))),
            )

    asyncio.run(run())


def test_closest_passage_code_action_replaces_the_quote_and_the_map_checks_clean(project: Path) -> None:
    path = write_map(project, TYPO)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        [found] = await opened.diagnostics(path)
        actions = await opened.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                range=found.range,
                context=types.CodeActionContext(diagnostics=[found]),
            )
        )
        assert actions is not None
        [action] = actions
        assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
        assert action.title == "Replace with the closest passage"
        [edit] = action.edit.changes[path.as_uri()]
        assert edit.range == found.range
        assert json.loads(edit.new_text) == "spoke highly of the current state of Sino-Russian relations"
        opened.change(path, _apply(TYPO, edit))
        assert await opened.diagnostics(path) == []

    drive(project, scenario)


def test_normalised_quote_code_action_pastes_the_sources_exact_text(project: Path) -> None:
    path = write_map(project, STRAIGHT)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        [found] = await opened.diagnostics(path)
        assert (found.code, found.severity) == ("AM207", types.DiagnosticSeverity.Warning)
        actions = await opened.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                range=found.range,
                context=types.CodeActionContext(diagnostics=[found]),
            )
        )
        assert actions is not None
        [action] = actions
        assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
        assert action.title == "Paste the source's exact text"
        [edit] = action.edit.changes[path.as_uri()]
        assert json.loads(edit.new_text) == "they won\u2019t accept any attempt to politicize the Games"
        opened.change(path, _apply(STRAIGHT, edit))
        assert await opened.diagnostics(path) == []

    drive(project, scenario)


def test_hover_on_a_reference_shows_the_claim_and_where_its_quote_is(project: Path) -> None:
    path = write_map(project, MINIMAL_MAP)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        assert await opened.diagnostics(path) == []
        line, column = position_of(MINIMAL_MAP, "supports: T1")
        result = await opened.client.text_document_hover_async(
            types.HoverParams(**(Editor.at(path, line, column + len("supports: "))))
        )
        assert result is not None and isinstance(result.contents, types.MarkupContent)
        text = result.contents.value
        assert text.startswith("**T1** · thesis")
        assert "China and Russia coordinate against external threats." in text
        source = (project / "seeds" / "oped.txt").read_text(encoding="utf-8")
        s_line, s_column = position_of(source, "To counter external threats")
        assert text.endswith(
            f"found exactly in source `oped` (../seeds/oped.txt) at line {s_line + 1}, column {s_column + 1}"
        )
        line, column = position_of(MINIMAL_MAP, "spoke highly")
        result = await opened.client.text_document_hover_async(types.HoverParams(**(Editor.at(path, line, column))))
        assert result is not None and isinstance(result.contents, types.MarkupContent)
        source = (project / "seeds" / "oped.txt").read_text(encoding="utf-8")
        s_line, s_column = position_of(source, "spoke highly of the current state of Sino-Russian relations")
        assert result.contents.value.startswith(
            f"found exactly in source `oped` (../seeds/oped.txt) at line {s_line + 1}, column {s_column + 1}:\n\n> …"
        )
        assert "spoke highly of the current state of Sino-Russian relations. They agreed" in result.contents.value

    drive(project, scenario)


def test_definition_and_references_of_an_id(project: Path) -> None:
    path = write_map(project, MINIMAL_MAP)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        await opened.diagnostics(path)
        line, column = position_of(MINIMAL_MAP, "supports: T1")
        reference = Editor.at(path, line, column + len("supports: "))
        found = await opened.client.text_document_definition_async(types.DefinitionParams(**(reference)))
        assert isinstance(found, types.Location)
        d_line, d_column = position_of(MINIMAL_MAP, "T1")
        assert found.uri == path.as_uri()
        assert found.range == types.Range(
            start=types.Position(line=d_line, character=d_column),
            end=types.Position(line=d_line, character=d_column + 2),
        )
        places = await opened.client.text_document_references_async(
            types.ReferenceParams(**(reference), context=types.ReferenceContext(include_declaration=True))
        )
        assert places is not None
        assert [(p.range.start.line, p.range.start.character) for p in places] == [
            (d_line, d_column),
            (line, column + 10),
        ]

    drive(project, scenario)


def test_completion_offers_ids_after_supports_and_kinds_after_kind(project: Path) -> None:
    path = write_map(project, MINIMAL_MAP)

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        await opened.diagnostics(path)
        typing = MINIMAL_MAP + "  - id: P2\n    kind: \n    text: More.\n    attacks: \n"
        opened.change(path, typing)
        await opened.diagnostics(path)
        line, column = position_of(typing, "attacks: ")
        items = await opened.client.text_document_completion_async(
            types.CompletionParams(**(Editor.at(path, line, column + len("attacks: "))))
        )
        assert isinstance(items, list)
        assert [(i.label, i.detail) for i in items] == [("T1", "thesis"), ("P1", "premise"), ("P2", None)]
        line, column = position_of(typing, "kind: \n")
        items = await opened.client.text_document_completion_async(
            types.CompletionParams(**(Editor.at(path, line, column + len("kind: "))))
        )
        assert isinstance(items, list)
        assert [i.label for i in items] == ["thesis", "premise", "evidence", "objection", "rebuttal", "concession"]
        listed = typing.replace("    attacks: \n", "    supports:\n      - T1\n      - \n")
        opened.change(path, listed)
        await opened.diagnostics(path)
        line, column = position_of(listed, "      - \n")
        items = await opened.client.text_document_completion_async(
            types.CompletionParams(**Editor.at(path, line, column + len("      - ")))
        )
        assert isinstance(items, list)
        assert [i.label for i in items] == ["T1", "P1", "P2"]  # a list item below `supports:`

    drive(project, scenario)


def test_an_open_overlay_is_checked_again_when_its_base_changes(project: Path) -> None:
    base = write_map(project, MINIMAL_MAP)
    overlay = write_map(project, OVERLAY, "overlay.yaml")

    async def scenario(opened: Editor) -> None:
        opened.open(base)
        assert await opened.diagnostics(base) == []
        opened.open(overlay)
        assert await opened.diagnostics(overlay) == []
        opened.change(base, MINIMAL_MAP.replace("T1", "T9"))
        assert await opened.diagnostics(base) == []
        [found] = await opened.diagnostics(overlay)  # the overlay attacks T1, which the base no longer has
        assert found.code == "AM301"
        line, column = position_of(OVERLAY, "T1")
        assert (found.range.start.line, found.range.start.character) == (line, column)

    drive(project, scenario)


def test_a_source_changed_on_disk_is_checked_again(project: Path) -> None:
    path = write_map(project, MINIMAL_MAP)
    source = project / "seeds" / "oped.txt"

    async def scenario(opened: Editor) -> None:
        opened.open(path)
        assert await opened.diagnostics(path) == []
        await asyncio.wait_for(opened.registration.wait(), 20)
        assert opened.registered == ["workspace/didChangeWatchedFiles"]  # asked for on start
        source.write_text(source.read_text(encoding="utf-8").replace("Sino-Russian", "Sino Russian"), "utf-8")
        opened.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=source.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        [found] = await opened.diagnostics(path)
        assert found.code == "AM206"  # P1 quotes "Sino-Russian relations", which the source no longer has

    drive(project, scenario)


def test_the_projects_configuration_grades_the_diagnostics_unless_it_is_broken(project: Path) -> None:
    path = write_map(project, TYPO)
    config = project / "pyproject.toml"

    async def scenario(opened: Editor) -> None:
        config.write_text('[tool.argmap.rules]\nAM206 = "warning"\n', encoding="utf-8")
        opened.open(path)
        [found] = await opened.diagnostics(path)
        assert (found.code, found.severity) == ("AM206", types.DiagnosticSeverity.Warning)
        # A broken configuration is `argmap check`'s to report; the editor shows the rules as shipped.
        config.write_text('[tool.argmap.rules]\nAM206 = "warning"\nAM999 = "off"\n', encoding="utf-8")
        opened.change(path, TYPO + "\n")
        [found] = await opened.diagnostics(path)
        assert (found.code, found.severity) == ("AM206", types.DiagnosticSeverity.Error)

    drive(project, scenario)


def test_rename_reaches_the_overlays_of_the_map(project: Path) -> None:
    base = write_map(project, MINIMAL_MAP)
    overlay = write_map(project, OVERLAY, "overlay.yaml")  # on disk only: the editor has not opened it

    async def scenario(opened: Editor) -> None:
        opened.open(base)
        await opened.diagnostics(base)
        line, column = position_of(MINIMAL_MAP, "T1")
        result = await opened.client.text_document_rename_async(
            types.RenameParams(**(Editor.at(base, line, column)), new_name="Thesis")
        )
        assert result is not None and result.changes is not None
        base_text = MINIMAL_MAP
        for edit in sorted(result.changes[base.as_uri()], key=lambda e: e.range.start.line, reverse=True):
            base_text = _apply(base_text, edit)
        [overlay_edit] = result.changes[overlay.as_uri()]
        assert base_text == MINIMAL_MAP.replace("T1", "Thesis")
        assert _apply(OVERLAY, overlay_edit) == OVERLAY.replace("T1", "Thesis")

    drive(project, scenario)


def _apply(text: str, edit: types.TextEdit) -> str:
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
