"""The language server: pygls over stdio, wired to the open maps and the features.

Checks run on the event loop, one at a time: a check of a classroom map takes
milliseconds, and running them in order keeps each map's diagnostics in step
with the text they were computed from. Changes are debounced: a burst of
keystrokes is checked once, `DEBOUNCE` seconds after the last one.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import __version__
from argmap.lsp import features
from argmap.lsp.maps import Maps
from argmap.lsp.text import Encoding

DEBOUNCE = 0.15  # seconds of quiet typing before a check


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.maps = Maps()
        self.pending: dict[Path, asyncio.TimerHandle] = {}

    def publish(self, path: Path) -> None:
        """Check an open map, then its open overlays, and publish what each one holds."""
        for target in (path, *self.maps.dependents(path)):
            if target not in self.maps.open:
                continue
            try:
                found = features.diagnostics(self.maps, self.maps.check(target)) if self.maps.is_map(target) else []
            except Exception as error:  # noqa: BLE001 - one map's failure must not stop the server
                found = [_internal_error(error)]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri_of(target), diagnostics=found)
            )

    def schedule(self, path: Path, delay: float) -> None:
        waiting = self.pending.pop(path, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[path] = asyncio.get_running_loop().call_later(delay, self._run, path)

    def _run(self, path: Path) -> None:
        self.pending.pop(path, None)
        self.publish(path)


def _internal_error(error: Exception) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message=f"argmap: internal error ({type(error).__name__}: {error}); please report it with this map",
        severity=types.DiagnosticSeverity.Error,
        source="argmap",
    )


def path_of(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri).resolve()


def uri_of(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


def build_server() -> ArgmapServer:
    server = ArgmapServer()
    _register_document_sync(server)
    _register_file_watching(server)
    _register_navigation(server)
    _register_editing(server)
    return server


def _register_document_sync(server: ArgmapServer) -> None:
    """Open, change, save, close: the map as the editor holds it, checked after each (debounced)."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        ls.maps.update(path, params.text_document.text)
        ls.publish(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        path = path_of(params.text_document.uri)
        ls.maps.update(path, document.source)
        ls.schedule(path, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
        # A saved source or base changes what every open map finds: check them all.
        for path in list(ls.maps.open):
            ls.schedule(path, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        ls.maps.close(path)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )
        for overlay in ls.maps.dependents(path):
            ls.schedule(overlay, 0)  # it now reads the base from disk


def _register_file_watching(server: ArgmapServer) -> None:
    """Sources and bases change on disk too: re-check every open map when the editor says so."""

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ArgmapServer, params: types.InitializedParams) -> None:
        encoding = str(ls.workspace.position_encoding or "utf-16")
        ls.maps.encoding = cast("Encoding", encoding if encoding in ("utf-8", "utf-32") else "utf-16")
        # Sources and bases change on disk too (a teacher pulls a corrected text): ask the editor to say so.
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern="**/*")]
            )
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="argmap-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
                        )
                    ]
                )
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: ArgmapServer, params: types.DidChangeWatchedFilesParams) -> None:
        for path in list(ls.maps.open):
            ls.schedule(path, 0)


def _register_navigation(server: ArgmapServer) -> None:
    """Hover, definition, references and completion of ids and kinds."""

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        path, offset = _at(ls, params.text_document.uri, params.position)
        return features.hover(ls.maps, path, offset) if offset is not None else None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
        path, offset = _at(ls, params.text_document.uri, params.position)
        return features.definition(ls.maps, path, offset, uri_of) if offset is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        path, offset = _at(ls, params.text_document.uri, params.position)
        if offset is None:
            return []
        return features.references(ls.maps, path, offset, uri_of, params.context.include_declaration)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(ls: ArgmapServer, params: types.CompletionParams) -> list[types.CompletionItem]:
        path, offset = _at(ls, params.text_document.uri, params.position)
        return features.completion(ls.maps, path, offset) if offset is not None else []


def _register_editing(server: ArgmapServer) -> None:
    """Rename across a map and its overlays; quick fixes for quotes."""

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
        path, offset = _at(ls, params.text_document.uri, params.position)
        return features.prepare_rename(ls.maps, path, offset) if offset is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        path, offset = _at(ls, params.text_document.uri, params.position)
        if offset is None:
            return None
        return features.rename(ls.maps, path, offset, params.new_name, uri_of)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        path = path_of(params.text_document.uri)
        checked = ls.maps.checked.get(path)
        if checked is None:
            return []
        # From the current check, not the client's copy: a client may drop a diagnostic's data.
        current = [d for d in features.diagnostics(ls.maps, checked) if _overlaps(d.range, params.range)]
        return features.code_actions(params.text_document.uri, current)


def _at(ls: ArgmapServer, uri: str, position: types.Position) -> tuple[Path, int | None]:
    path = path_of(uri)
    index = ls.maps.index(path) if ls.maps.is_map(path) else None
    return path, index.lines.from_lsp(position) if index is not None else None


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def serve() -> None:
    build_server().start_io()
