# SPDX-License-Identifier: MIT
"""Python source text for a steward's texts: string literals valid for any text, wrapped to a
line width as implicit concatenation inside parentheses, lists of labels and ``info`` dicts.

Only the standard library: the steward patch runs with the project's interpreter without
importing the project.
"""

from __future__ import annotations

WIDTH = 99  # the longest line written, as the demo project's formatter keeps it

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(text: str) -> str:
    """A double-quoted literal that evaluates to ``text``. Printable non-ASCII characters stay
    as they are (the source is UTF-8); everything else a reader could not see or a parser would
    refuse (control characters, line separators, lone surrogates) is escaped."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _pieces(text: str, room: int) -> list[str]:
    """Splits ``text`` into pieces whose literals fit in ``room`` characters: after each newline,
    else after the last space that fits, else (one long word) at the last character that fits.
    Pieces are cut before escaping, so an escape sequence is never split."""
    pieces = []
    rest = text
    while rest:
        cut = 0
        last_space = 0
        used = 2  # the quotes
        for i, ch in enumerate(rest):
            width = len(quote(ch)) - 2
            if used + width > room and cut > 0:
                break
            used += width
            cut = i + 1
            if ch == " ":
                last_space = cut
            if ch == "\n":
                break
        if cut < len(rest) and rest[cut - 1] != "\n" and last_space > 0:
            cut = last_space
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces


def string_lines(text: str, indent: int, prefix: str, suffix: str, column: int | None = None,
                 tail: int = 0) -> list[str]:
    """``prefix`` + the literal of ``text`` + ``suffix`` at ``indent`` spaces: one line when it
    fits in WIDTH, else ``prefix(`` / one literal per line, indented 4 more / ``)suffix``.
    ``column`` is where the first line really starts when it goes after other text on its line
    (the first line then carries no indentation); ``tail`` is the width of what the line keeps
    after the text (a comma, a comment)."""
    pad = " " * indent
    first = pad if column is None else ""
    one = f"{first}{prefix}{quote(text)}{suffix}"
    start = 0 if column is None else column
    if start + len(one) + tail <= WIDTH or not text:
        return [one]
    inner = " " * (indent + 4)
    lines = [f"{first}{prefix}("]
    lines += [inner + quote(piece) for piece in _pieces(text, WIDTH - len(inner))]
    lines.append(f"{pad}){suffix}")
    return lines


def list_lines(items: list[str], indent: int, prefix: str, suffix: str = "") -> list[str]:
    """``prefix[...]suffix`` on one line when it fits, else one item per line."""
    pad = " " * indent
    one = f"{pad}{prefix}[{', '.join(quote(item) for item in items)}]{suffix}"
    if len(one) <= WIDTH:
        return [one]
    lines = [f"{pad}{prefix}["]
    for item in items:
        lines += string_lines(item, indent + 4, "", ",")
    lines.append(f"{pad}]{suffix}")
    return lines


def value_lines(value, indent: int, prefix: str, suffix: str) -> list[str]:
    """A JSON value (what a manifest can hold in column info) as Python source, or a
    ``Source`` as written."""
    if isinstance(value, Source):
        return [" " * indent + prefix + value + suffix]
    if isinstance(value, str):
        return string_lines(value, indent, prefix, suffix)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list_lines(value, indent, prefix, suffix)
    return [" " * indent + prefix + repr(value) + suffix]


def dict_lines(entries: list[tuple[str | None, object]], indent: int, prefix: str, suffix: str,
               one_line: bool) -> list[str]:
    """``prefix{...}suffix``: entries are (key source, value) where a value is either a Python
    value to render or a ``Source`` kept as written; a key of None is a ``**mapping`` entry.
    ``indent`` is that of the line the dict opens on; entries go 4 further and the closing brace
    back at ``indent``. ``one_line`` asks for a single line when it fits (the dict was written on
    one line)."""
    pad = " " * indent
    if one_line:
        parts = []
        for key, value in entries:
            rendered = value_lines(value, 0, entry_prefix(key), "")
            if len(rendered) != 1 or "\n" in rendered[0]:
                break
            parts.append(rendered[0])
        else:
            one = f"{pad}{prefix}{{{', '.join(parts)}}}{suffix}"
            if len(one) <= WIDTH:
                return [one]
    lines = [f"{pad}{prefix}{{"]
    for key, value in entries:
        lines += value_lines(value, indent + 4, entry_prefix(key), ",")
    lines.append(f"{pad}}}{suffix}")
    return lines


def entry_prefix(key: str | None) -> str:
    return "**" if key is None else f"{key}: "


class Source(str):
    """Source text of a dict entry's value, kept exactly as the file wrote it."""
