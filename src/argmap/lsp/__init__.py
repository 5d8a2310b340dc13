"""`argmap lsp`: the checks, ids and quotes of a map, live in any editor that speaks LSP.

text.py     positions (argmap's 1-based characters <-> LSP's 0-based UTF-16) and scalar extents
index.py    what a map file defines and refers to: claim ids, references, quotes, kinds
maps.py     open maps checked from their unsaved text, with their bases and overlays
features.py hover, definition, references, completion, rename, code actions (pure functions)
server.py   the pygls wiring: notifications, debouncing, publishing diagnostics
"""
