"""An editor for tests: pygls's client driving the real `argmap lsp` process over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 20.0  # seconds to wait for the server before a test fails (never a timing assertion)


class Editor:
    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, asyncio.Queue[list[types.Diagnostic]]] = defaultdict(asyncio.Queue)
        self.versions: dict[str, int] = {}
        self.registered: list[str] = []  # methods the server asked the editor to send
        self.registration = asyncio.Event()

    async def diagnostics(self, path: Path) -> list[types.Diagnostic]:
        """The next diagnostics the server publishes for `path`."""
        return await asyncio.wait_for(self.published[path.as_uri()].get(), TIMEOUT)

    def open(self, path: Path, text: str | None = None) -> None:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri,
                    language_id="yaml",
                    version=1,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )

    def change(self, path: Path, text: str) -> None:
        uri = path.as_uri()
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    @staticmethod
    def at(path: Path, line: int, character: int) -> dict[str, Any]:
        """The document and cursor of a request about one place, as keyword arguments."""
        return {
            "text_document": types.TextDocumentIdentifier(uri=path.as_uri()),
            "position": types.Position(line=line, character=character),
        }


@asynccontextmanager
async def editor(root: Path, encodings: list[str] | None = None) -> AsyncIterator[Editor]:
    """An editor on `root`; `encodings`: the position encodings it offers (None: LSP's default, UTF-16)."""
    client = LanguageClient("argmap-tests", "1")
    opened = Editor(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        opened.published[params.uri].put_nowait(list(params.diagnostics))

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        opened.registered.extend(r.method for r in params.registrations)
        opened.registration.set()

    await client.start_io(sys.executable, "-m", "argmap", "lsp", cwd=str(root))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                general=types.GeneralClientCapabilities(position_encodings=encodings),
                workspace=types.WorkspaceClientCapabilities(
                    did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
                ),
            ),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="project")],
        )
    )
    client.initialized(types.InitializedParams())
    try:
        yield opened
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def position_of(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """0-based line and column of the nth occurrence of `needle` (ASCII test maps: columns agree)."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)
