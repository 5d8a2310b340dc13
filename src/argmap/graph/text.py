"""Label text: made printable once, wrapped by display width, shortened at word boundaries."""

from __future__ import annotations

import re
import unicodedata

# --- text --------------------------------------------------------------------------------------


_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
# C0 and C1 controls except tab and line feed, lone surrogates, non-characters.
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")


def clean(text: str) -> str:
    """Text that every writer can carry: a CR LF or lone CR is a line break; other control
    characters, lone surrogates and non-characters become U+FFFD (XML cannot hold them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNPRINTABLE.sub("\ufffd", text)


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(_char_width(c) for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by display width (a CJK character is two columns); long words are split.

    Linear in the text: a word longer than a line is cut into pieces by walking it once."""
    lines: list[str] = []
    current, used = "", 0  # the line being filled and its width
    for word in text.split():
        left = _width(word)
        start = 0
        while left > width:  # a word (or a run of CJK text) longer than a line
            room = width - used - (1 if current else 0)
            if room < 4:
                lines.append(current)
                current, used = "", 0
                room = width
            cut, taken = start, 0
            while cut < len(word) and taken + _char_width(word[cut]) <= room:
                taken += _char_width(word[cut])
                cut += 1
            lines.append(f"{current} {word[start:cut]}" if current else word[start:cut])
            current, used = "", 0
            start, left = cut, left - taken
        word = word[start:] if start else word
        if not word:
            continue
        if current and used + 1 + left > width:
            lines.append(current)
            current, used = word, left
        elif current:
            current, used = f"{current} {word}", used + 1 + left
        else:
            current, used = word, left
    if current:
        lines.append(current)
    return lines


def fit(text: str, limit: int) -> str:
    """At most `limit` characters: a longer text is cut, with an ellipsis to say so."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten(text: str, limit: int) -> str:
    """At most about `limit` characters, cut at a word boundary, with an ellipsis before the closing mark."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip(" ,;:") + " …”"
